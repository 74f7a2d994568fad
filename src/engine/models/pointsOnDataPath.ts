import * as tf from '@tensorflow/tfjs';
import { ConfigError, type DataPayload, type Model } from '../model';

/** 1-D points: x and y coordinates of one length. */
export interface Points1d {
  xs: number[];
  ys: number[];
}

/** Reads one list of finite numbers from a payload field (the payload already checked to be a record). */
export function numberList(rec: Record<string, DataPayload>, key: string): number[] {
  const v = rec[key];
  if (!(Array.isArray(v) || v instanceof Float32Array)) throw new ConfigError(`The points need ${key} as a list of numbers.`);
  const out = Array.from(v as ArrayLike<number>);
  if (!out.every((n) => typeof n === 'number' && Number.isFinite(n))) throw new ConfigError(`Every number in ${key} must be finite.`);
  return out;
}

/**
 * Reads `{xs, ys}` (or `{[xKey], [yKey]}`) sent on the data path: two lists of finite numbers of one length,
 * at least `min` of them. Refuses anything else with a reader-facing message, before any model changes.
 */
export function readPoints1d(payload: DataPayload, min = 1, xKey = 'xs', yKey = 'ys'): Points1d {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || ArrayBuffer.isView(payload)) throw new ConfigError('Points come as {xs, ys}: two lists of numbers.');
  const rec = payload as Record<string, DataPayload>;
  const xs = numberList(rec, xKey);
  const ys = numberList(rec, yKey);
  if (xs.length !== ys.length) throw new ConfigError(`${xKey} and ${yKey} must have the same length (they have ${xs.length} and ${ys.length}).`);
  if (xs.length < min) throw new ConfigError(min <= 1 ? 'No points to fit: add at least one.' : `At least ${min} points are needed (there are ${xs.length}).`);
  return { xs, ys };
}

export interface PointsOnDataPath<C, V> {
  /** Validates the payload sent as `points` and returns the config fields it fills; throws a ConfigError to refuse it. */
  read(payload: DataPayload): Partial<C>;
  /** Builds the model that trains once points are there. */
  create(config: C, seed: number): Model<C, V>;
  /** New points rebuild the model from the seed (a new problem, e.g. new folds) rather than keep its weights. */
  rebuild?: boolean;
}

/**
 * A model whose points come on the data path as `points` rather than inside its config. Until they arrive it
 * waits: a step changes nothing (loss 0) and the view is empty. The first points build the model from the seed,
 * exactly as the same points inline would; later points reach it through `configure` (weights kept) or rebuild it.
 * Points that cannot train are refused with a message, and the model keeps the last good ones.
 */
export function pointsOnDataPath<C, V>(config: C, seed: number, o: PointsOnDataPath<C, V>): Model<C, V> {
  let settings = config;
  let points: Partial<C> | null = null;
  let inner: Model<C, V> | null = null;
  return {
    step: () => (inner ? inner.step() : tf.scalar(0)),
    configure(next) {
      if (inner && points) inner.configure({ ...next, ...points });
      settings = next;
    },
    receiveData(name, payload) {
      if (name !== 'points') throw new ConfigError(`This model takes only points, not "${name}".`);
      const read = o.read(payload);
      const full = { ...settings, ...read };
      if (inner && !o.rebuild) inner.configure(full);
      else {
        const next = o.create(full, seed);
        inner?.dispose();
        inner = next;
      }
      points = read;
    },
    view: () => (inner ? inner.view() : Promise.resolve({} as V)),
    variables: () => inner?.variables() ?? [],
    dispose: () => inner?.dispose(),
  };
}
