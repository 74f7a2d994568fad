import type { Points2D } from '../data/classification2d';
import type { FeatureSet } from '../data/features2dRows';
import { ConfigError } from '../model';
import type { Activation } from '../nn/mlp';
import { DEFAULT_OPTIMIZER, type OptimizerSettings } from '../nn/optimizerSettings';
import { CONSTANT, type Schedule } from '../nn/schedules';

/** An MLP classifier on 2-D points: the playground of chapter 3, and the network chapters 4 and 5 train. */
export interface MlpClassifierConfig {
  train: Points2D;
  test: Points2D;
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
   * Regression instead of classification: one real output per point, trained on
   * ½(ŷ − y)²; the labels are then ignored. Omitted means softmax cross-entropy.
   */
  targets?: { train: number[]; test: number[] };
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

/** Refuses a configuration that cannot train, with a reason a reader understands. */
export function validateMlpConfig(c: MlpClassifierConfig): void {
  if (c.train.x.length === 0) throw new ConfigError('No training points: add points or lower the test fraction.');
  if (c.hidden.length > MAX_LAYERS) throw new ConfigError(`At most ${MAX_LAYERS} hidden layers.`);
  if (c.hidden.some((u) => !Number.isInteger(u) || u < 1 || u > MAX_UNITS)) throw new ConfigError(`Every hidden layer needs 1 to ${MAX_UNITS} units.`);
  if (c.dropout < 0 || c.dropout >= 1) throw new ConfigError('Dropout must be in [0, 1).');
  if (c.batchNorm && c.layerNorm) throw new ConfigError('Choose batch norm or layer norm, not both.');
  if (c.decoupledDecay !== undefined && !(c.decoupledDecay >= 0 && c.learningRate * c.decoupledDecay < 1)) throw new ConfigError('Decoupled weight decay needs 0 ≤ ηλ < 1.');
  if (c.targets && (c.targets.train.length !== c.train.x.length || c.targets.test.length !== c.test.x.length)) throw new ConfigError('Regression needs one target per point.');
  if (!(c.learningRate > 0) || !Number.isFinite(c.learningRate)) throw new ConfigError('The learning rate must be a positive number.');
}

/** Outputs of the network: one per class, or one real value in regression. */
export function outputsOf(c: MlpClassifierConfig): number {
  return c.targets ? 1 : c.train.classes;
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
