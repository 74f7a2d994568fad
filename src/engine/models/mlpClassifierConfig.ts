import type { Points2D } from '../data/classification2d';
import type { FeatureSet } from '../data/features2dRows';
import { ConfigError, type DataPayload } from '../model';
import type { Activation } from '../nn/mlp';
import { DEFAULT_OPTIMIZER, type OptimizerSettings } from '../nn/optimizerSettings';
import { CONSTANT, type Schedule } from '../nn/schedules';

/** What an MLP classifier trains and is tested on: inline in the config, or sent on the data path as `points`. */
export interface MlpPoints {
  train: Points2D;
  test: Points2D;
  /**
   * Regression instead of classification: one real output per point, trained on
   * ½(ŷ − y)²; the labels are then ignored. Omitted means softmax cross-entropy.
   */
  targets?: { train: number[]; test: number[] };
}

/** Settings with the points inline. */
export type MlpClassifierConfig = MlpSettings & MlpPoints;

/** What the model accepts: settings with the points inline, or settings alone (the points then come on the data path). */
export type MlpClassifierInput = MlpSettings & Partial<MlpPoints>;

/**
 * An MLP classifier's settings on 2-D points: the playground of chapter 3, and the network chapters 4 and 5 train.
 * The points come either inline (MlpClassifierConfig: tests, the probe, the comparison models) or, from a widget,
 * on the data path (`useTrainer(..., { data: { points } })`, an MlpPoints), so the config stays small; the settings
 * then name `classes` and `regression`, which fix the network's outputs before any point arrives.
 */
export interface MlpSettings {
  /** Number of classes when the points come on the data path (inline points carry their own). */
  classes?: number;
  /** Regression when the points come on the data path (inline points say so by carrying `targets`). */
  regression?: boolean;
  features: FeatureSet;
  hidden: number[];
  activation: Activation;
  batchNorm: boolean;
  /** Layer normalisation of the hidden pre-activations instead of batch norm (nn/mlp.ts); trains on the taped path. */
  layerNorm?: boolean;
  init: 'auto' | 'he' | 'xavier' | 'small';
  optimizer: OptimizerSettings;
  /** Learning rate per step; `schedule` overrides it when given. */
  learningRate: number;
  schedule?: Schedule;
  batchSize: number;
  l1: number;
  l2: number;
  /**
   * Decoupled weight decay λ_d (Loshchilov and Hutter's AdamW): each step W ← W − η(u + λ_d W), where u is the
   * optimiser's update, on the weights only; unlike the L2 penalty it never passes through the optimiser.
   */
  decoupledDecay?: number;
  dropout: number;
  /** Side of the heatmap grid over [-1, 1]^2; 0 turns the maps off. */
  gridSize: number;
  /** Also send every hidden neuron's activation over the grid (per-neuron maps). */
  neuronMaps: boolean;
  /**
   * Run the training steps in plain JS (nn/denseJs.ts) instead of tfjs kernels; views still use tfjs.
   * Set by the worker host when its probe finds it faster (tiny networks); ignored with batch norm.
   */
  plainJs?: boolean;
  /**
   * A stop rule's target: with plain-JS steps the test set is evaluated after every epoch and the first
   * step where `key` fell below `value` is kept and reported in every view (`testBelow`), so that a
   * stop rule also sees a dip between two views (which come every 80 epochs at full speed).
   */
  testBelow?: { key: 'testLoss' | 'testPlaygroundLoss'; value: number };
}

export const MAX_LAYERS = 6;
export const MAX_UNITS = 16;

/** Refuses a configuration that cannot train, with a reason a reader understands (inline points included). */
export function validateMlpConfig(c: MlpClassifierInput): void {
  if (c.hidden.length > MAX_LAYERS) throw new ConfigError(`At most ${MAX_LAYERS} hidden layers.`);
  if (c.hidden.some((u) => !Number.isInteger(u) || u < 1 || u > MAX_UNITS)) throw new ConfigError(`Every hidden layer needs 1 to ${MAX_UNITS} units.`);
  if (c.dropout < 0 || c.dropout >= 1) throw new ConfigError('Dropout must be in [0, 1).');
  if (c.batchNorm && c.layerNorm) throw new ConfigError('Choose batch norm or layer norm, not both.');
  if (c.decoupledDecay !== undefined && !(c.decoupledDecay >= 0 && c.learningRate * c.decoupledDecay < 1)) throw new ConfigError('Decoupled weight decay needs 0 ≤ ηλ < 1.');
  if (!(c.learningRate > 0) || !Number.isFinite(c.learningRate)) throw new ConfigError('The learning rate must be a positive number.');
  const inline = inlinePoints(c);
  if (inline) validateMlpPoints(inline, c);
}

/** The config's inline points, or null when they come on the data path. */
export function inlinePoints(c: MlpClassifierInput): MlpPoints | null {
  if (!c.train) return null;
  return { train: c.train, test: c.test ?? { x: [], y: [], label: [], classes: c.train.classes }, ...(c.targets ? { targets: c.targets } : {}) };
}

/** Whether the model does regression: the config says so, or its inline points carry targets. */
export function isRegressionConfig(c: MlpClassifierInput): boolean {
  return c.regression ?? Boolean(c.targets);
}

/** Number of classes: the config's, else its inline points', else two. */
export function classesOf(c: MlpClassifierInput): number {
  return c.classes ?? c.train?.classes ?? 2;
}

/** Refuses points this configuration cannot train on, with a reason a reader understands. */
export function validateMlpPoints(p: MlpPoints, c: MlpClassifierInput): void {
  if (p.train.x.length === 0) throw new ConfigError('No training points: add points or lower the test fraction.');
  for (const set of [p.train, p.test]) {
    if (set.y.length !== set.x.length || set.label.length !== set.x.length) throw new ConfigError('The points must be lists of the same length: x, y and label.');
    if (![...set.x, ...set.y].every(Number.isFinite)) throw new ConfigError('Every point needs finite coordinates.');
  }
  const regression = isRegressionConfig(c);
  if (regression && !p.targets) throw new ConfigError('Regression needs a target per point.');
  if (p.targets && (p.targets.train.length !== p.train.x.length || p.targets.test.length !== p.test.x.length)) throw new ConfigError('Regression needs one target per point.');
  if (!regression) {
    const k = classesOf(c);
    if ([...p.train.label, ...p.test.label].some((l) => !(Number.isInteger(l) && l >= 0 && l < k))) throw new ConfigError(`Every label must be a class from 0 to ${k - 1}.`);
  }
}

/** Points sent on the data path, checked for shape; `validateMlpPoints` then checks them against the config. */
export function parseMlpPoints(payload: DataPayload): MlpPoints {
  const p = payload as unknown as Partial<MlpPoints>;
  const list = (a: unknown): number[] | null => (Array.isArray(a) || a instanceof Float32Array || a instanceof Int32Array ? Array.from(a as ArrayLike<number>) : null);
  const set = (s: unknown): Points2D | null => {
    const o = s as Partial<Points2D> | undefined;
    const x = list(o?.x), y = list(o?.y), label = list(o?.label);
    return x && y && label ? { x, y, label, classes: Number(o?.classes ?? 2) } : null;
  };
  const train = set(p.train);
  const test = p.test === undefined ? { x: [], y: [], label: [], classes: train?.classes ?? 2 } : set(p.test);
  if (!train || !test) throw new ConfigError('The points must be a training set and a test set, each with lists x, y and label.');
  let targets: MlpPoints['targets'];
  if (p.targets !== undefined) {
    const tr = list(p.targets?.train), te = list(p.targets?.test);
    if (!tr || !te) throw new ConfigError('Regression targets must be two lists of numbers: train and test.');
    targets = { train: tr, test: te };
  }
  return { train, test, ...(targets ? { targets } : {}) };
}

/** Outputs of the network: one per class, or one real value in regression. */
export function outputsOf(c: MlpClassifierInput): number {
  return isRegressionConfig(c) ? 1 : classesOf(c);
}

const PROBE_POINTS: Points2D = {
  x: Array.from({ length: 64 }, (_, i) => Math.cos(i)),
  y: Array.from({ length: 64 }, (_, i) => Math.sin(i * 1.3)),
  label: Array.from({ length: 64 }, (_, i) => i % 2),
  classes: 2,
};

/** A small fixed network and data set, timed on each backend to choose one for this kind of model. */
export const MLP_PROBE_CONFIG: MlpClassifierConfig = {
  train: PROBE_POINTS, test: PROBE_POINTS, features: 'xy', hidden: [8, 8], activation: 'relu', batchNorm: false, init: 'auto',
  optimizer: DEFAULT_OPTIMIZER, learningRate: 0.1, schedule: CONSTANT(0.1), batchSize: 10, l1: 0, l2: 0, dropout: 0, gridSize: 0, neuronMaps: false,
};
