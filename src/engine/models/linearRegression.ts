import * as tf from '@tensorflow/tfjs';
import type { LossKind } from '../math/losses';
import type { Model, ModelSpec, SeriesPoint } from '../model';
import { createRng, permutation, type Rng } from '../rng';
import { pointsOnDataPath, readPoints1d, type Points1d } from './pointsOnDataPath';

/**
 * Chapter 1's model: y_hat = w x + b on 1-D points, trained by mini-batch gradient descent. The points are
 * inline (tests, the backend probe) or, from the widgets, sent on the data path as `points` `{xs, ys}`.
 */
export interface LinearRegressionConfig extends Partial<Points1d> {
  loss: LossKind;
  learningRate: number;
  /** Examples per step; at least the data size means full-batch gradient descent. */
  batchSize: number;
  huberDelta: number;
  /** Starting (w, b); omitted means drawn from the seed. */
  init?: [number, number];
}

/** The mean loss of residuals r as a tensor, with the same definitions as math/losses. */
export function lossTensor(kind: LossKind, r: tf.Tensor, delta: number): tf.Scalar {
  switch (kind) {
    case 'l2':
      return tf.mean(tf.square(r));
    case 'l1':
      return tf.mean(tf.abs(r));
    case 'huber': {
      const a = tf.abs(r);
      const quad = tf.minimum(a, delta);
      // 0.5 q^2 + delta (|r| - q): equals r^2/2 inside [-delta, delta] and delta(|r| - delta/2) outside.
      return tf.mean(tf.add(tf.mul(0.5, tf.square(quad)), tf.mul(delta, tf.sub(a, quad))));
    }
  }
}

/**
 * One linear regression run. Mini-batches walk through a seeded permutation of
 * the data, a new one each epoch, so the same seed gives the same curve.
 */
export class LinearRegression {
  readonly w: tf.Variable;
  readonly b: tf.Variable;
  private x!: tf.Tensor1D;
  private y!: tf.Tensor1D;
  private n = 0;
  private order: Int32Array = new Int32Array(0);
  private cursor = 0;
  private readonly rng: Rng;

  constructor(
    private config: LinearRegressionConfig & Points1d,
    seed: number,
  ) {
    this.rng = createRng(seed);
    const [w0, b0] = config.init ?? [this.rng.next() * 4 - 2, this.rng.next() * 4 - 2];
    // tf.variable(tf.scalar(..)) would keep the initial tensor alive: build both inside tidy.
    this.w = tf.tidy(() => tf.variable(tf.scalar(w0), true, undefined));
    this.b = tf.tidy(() => tf.variable(tf.scalar(b0), true, undefined));
    this.setData(config.xs, config.ys);
  }

  private setData(xs: number[], ys: number[]): void {
    this.x?.dispose();
    this.y?.dispose();
    this.x = tf.tensor1d(xs);
    this.y = tf.tensor1d(ys);
    this.n = xs.length;
    this.order = permutation(this.n, this.rng);
    this.cursor = 0;
  }

  /** A live change; a config without points keeps the current ones. */
  configure(next: LinearRegressionConfig): void {
    const config = { ...next, xs: next.xs ?? this.config.xs, ys: next.ys ?? this.config.ys };
    // Configurations arrive as fresh copies from the worker protocol: compare by value.
    const dataChanged = !sameNumbers(config.xs, this.config.xs) || !sameNumbers(config.ys, this.config.ys);
    this.config = config;
    if (dataChanged) this.setData(config.xs, config.ys);
  }

  /** The next mini-batch of indices, reshuffling at each epoch boundary; undefined for the full batch. */
  private nextBatch(): number[] | undefined {
    const size = Math.max(1, Math.min(this.config.batchSize, this.n));
    // Full batch: the order changes nothing, so no shuffle is drawn (it cost a permutation every step).
    if (size === this.n) return undefined;
    const idx: number[] = [];
    for (let i = 0; i < size; i++) {
      if (this.cursor >= this.n) {
        this.order = permutation(this.n, this.rng);
        this.cursor = 0;
      }
      idx.push(this.order[this.cursor++]);
    }
    return idx;
  }

  /** Mean loss over the given examples (all when omitted). */
  lossOn(idx?: number[]): tf.Scalar {
    const { loss, huberDelta } = this.config;
    const full = !idx || idx.length >= this.n;
    const x = full ? this.x : tf.gather(this.x, idx);
    const y = full ? this.y : tf.gather(this.y, idx);
    return lossTensor(loss, tf.sub(tf.add(tf.mul(this.w, x), this.b), y), huberDelta);
  }

  /** w <- w - lr dL/dw, b <- b - lr dL/db on one mini-batch; returns that batch's loss. */
  step(): tf.Scalar {
    if (this.n === 0) return tf.scalar(0);
    const idx = this.nextBatch();
    const { value, grads } = tf.variableGrads(() => this.lossOn(idx), [this.w, this.b]);
    const lr = this.config.learningRate;
    this.w.assign(tf.sub(this.w, tf.mul(lr, grads[this.w.name])));
    this.b.assign(tf.sub(this.b, tf.mul(lr, grads[this.b.name])));
    return value;
  }

  async params(): Promise<{ w: number; b: number; fullLoss: number }> {
    const t = tf.tidy(() => tf.stack([this.w, this.b, this.n ? this.lossOn() : tf.scalar(0)]));
    const [w, b, fullLoss] = await t.data();
    t.dispose();
    return { w, b, fullLoss };
  }

  dispose(): void {
    this.w.dispose();
    this.b.dispose();
    this.x.dispose();
    this.y.dispose();
  }
}

/** Whether the config carries its points inline (else they come on the data path). */
export function hasPoints<C extends Partial<Points1d>>(c: C): c is C & Points1d {
  return Array.isArray(c.xs) && Array.isArray(c.ys);
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

const PROBE_POINTS = Array.from({ length: 64 }, (_, i) => -1 + (2 * i) / 63);

/** The line ŷ = w x + b and its loss on all the data. */
export interface LinearRegressionView {
  w: number;
  b: number;
  fullLoss: number;
}

/** The fit widget's model: one run, whose view is the current line and its full-data loss. */
export const linearRegressionSpec: ModelSpec<LinearRegressionConfig, LinearRegressionView> = {
  kind: 'linear-regression',
  probeConfig: { xs: PROBE_POINTS, ys: PROBE_POINTS.map((x) => 2 * x + 1), loss: 'l2', learningRate: 0.1, batchSize: 16, huberDelta: 1 },
  create(config, seed): Model<LinearRegressionConfig, LinearRegressionView> {
    if (!hasPoints(config)) return pointsOnDataPath(config, seed, { read: (p) => readPoints1d(p), create: linearRegressionSpec.create });
    const run = new LinearRegression(config, seed);
    return {
      step: () => run.step(),
      configure: (c) => run.configure(c),
      view: () => run.params(),
      variables: () => [run.w, run.b],
      dispose: () => run.dispose(),
    };
  },
};

/** Several runs on the same data and start, differing only in batch size. */
export interface BatchRaceConfig extends Omit<LinearRegressionConfig, 'batchSize'> {
  batchSizes: number[];
}

/** Each run's line and full-data loss, in batchSizes order; the losses also as series 'full loss 0', 'full loss 1', ... */
export interface BatchRaceView {
  w: number[];
  b: number[];
  fullLoss: number[];
  series: SeriesPoint;
}

/** The batch-size widget's model: one step advances every run by one mini-batch; the loss is their mean. */
export const batchRaceSpec: ModelSpec<BatchRaceConfig, BatchRaceView> = {
  kind: 'linear-regression-batches',
  probeConfig: { ...linearRegressionSpec.probeConfig, batchSizes: [1, 8, 64] },
  create(config, seed): Model<BatchRaceConfig, BatchRaceView> {
    if (!hasPoints(config)) return pointsOnDataPath(config, seed, { read: (p) => readPoints1d(p), create: batchRaceSpec.create });
    const start = config.init ?? (() => {
      const rng = createRng(seed);
      return [rng.next() * 4 - 2, rng.next() * 4 - 2] as [number, number];
    })();
    const runOf = (c: BatchRaceConfig, batchSize: number): LinearRegressionConfig => ({ ...c, batchSize, init: start });
    // Each run gets its own batch-order seed, so runs differ only where batch size makes them differ.
    const runs = config.batchSizes.map((bs, i) => new LinearRegression({ ...runOf(config, bs), xs: config.xs, ys: config.ys }, seed * 31 + i + 1));
    return {
      step: () => tf.div(tf.addN(runs.map((r) => r.step())), runs.length) as tf.Scalar,
      configure: (c) => runs.forEach((r, i) => r.configure(runOf(c, c.batchSizes[i] ?? 1))),
      view: async () => {
        const ps = await Promise.all(runs.map((r) => r.params()));
        const fullLoss = ps.map((p) => p.fullLoss);
        return { w: ps.map((p) => p.w), b: ps.map((p) => p.b), fullLoss, series: Object.fromEntries(fullLoss.map((l, i) => [`full loss ${i}`, l])) };
      },
      variables: () => runs.flatMap((r) => [r.w, r.b]),
      dispose: () => runs.forEach((r) => r.dispose()),
    };
  },
};
