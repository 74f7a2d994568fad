import type { Points2D } from '../data/classification2d';
import type { Model, ModelSpec, SeriesPoint } from '../model';
import { DEFAULT_OPTIMIZER } from '../nn/optimizers';
import { DEPTH_RUNS, REGULARISE_RUNS } from './mlpCompareRuns';
import { MlpClassifier, mlpClassifierSpec, type MlpClassifierInput } from './mlpClassifier';
import type { MlpClassifierView } from './mlpPlainView';
import { loadRunWeights, meanStep, plainMeanStep, receiveRunPoints, withPlainJsBase } from './mlpRuns';


/** Each run's `keys` (one entry per run), and its losses and accuracies also as series '<key> <run>' (e.g. 'trainLoss 0'). */
export type CompareView<K extends keyof MlpClassifierView> = { [k in K]: MlpClassifierView[k][] } & { series: SeriesPoint };

/** Collects each run's view into arrays, one entry per run. */
async function views<K extends keyof MlpClassifierView>(runs: MlpClassifier[], keys: K[]): Promise<CompareView<K>> {
  const vs = await Promise.all(runs.map((r) => r.view()));
  const series: SeriesPoint = {};
  for (const k of ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const) vs.forEach((v, i) => (series[`${k} ${i}`] = v[k]));
  const out: Record<string, unknown> = { series };
  for (const k of keys) out[k] = vs.map((v) => v[k]);
  return out as CompareView<K>;
}

/** Each regularisation run's losses, accuracies and decision-region probabilities. */
export type RegulariseView = CompareView<'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy' | 'probs'>;
/** Each depth run's losses, accuracies and gradient norm per weight matrix. */
export type DepthView = CompareView<'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy' | 'gradNorms'>;

/** The regularisation comparison: one network, trained four ways from the same start. */
export interface RegulariseConfig {
  /** The shared settings; its own dropout and l2 are ignored. The points inline (tests) or, from the widget, on the data path as `points`. */
  base: MlpClassifierInput;
  dropout: number;
  l2: number;
  /**
   * How the weight-decay runs apply λ: 'l2' adds the penalty λ‖W‖² to the loss (its gradient 2λW goes
   * through the optimiser), 'decoupled' shrinks W by η·2λ·W outside it (AdamW; the same step as L2 under
   * plain gradient descent). Omitted means 'l2'.
   */
  decay?: 'l2' | 'decoupled';
}


function regulariseRun(c: RegulariseConfig, i: number): MlpClassifierInput {
  const useDropout = i === 1 || i === 3;
  const useDecay = i === 2 || i === 3;
  const decoupled = c.decay === 'decoupled';
  return { ...c.base, dropout: useDropout ? c.dropout : 0, l2: useDecay && !decoupled ? c.l2 : 0, decoupledDecay: useDecay && decoupled ? 2 * c.l2 : 0 };
}

const PROBE_BASE = mlpClassifierSpec.probeConfig;

/**
 * Plain, dropout, weight decay, and both: the same data, architecture, initial
 * weights (same seed) and mini-batch order, so any difference between the runs
 * comes from the regulariser. The loss is the mean of the four training losses.
 */
export const regulariseCompareSpec: ModelSpec<RegulariseConfig, RegulariseView> = {
  kind: 'mlp-regularise',
  plainJs: withPlainJsBase,
  probeConfig: { base: PROBE_BASE, dropout: 0.3, l2: 1e-3 },
  create(config, seed): Model<RegulariseConfig, RegulariseView> {
    const runs = REGULARISE_RUNS.map((_, i) => new MlpClassifier(regulariseRun(config, i), seed));
    return {
      step: () => meanStep(runs),
      plainStep: plainMeanStep(runs),
      configure: (c) => runs.forEach((r, i) => r.configure(regulariseRun(c, i))),
      receiveData: receiveRunPoints(runs),
      view: () => views(runs, ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'probs']),
      variables: () => runs.flatMap((r) => r.variables()),
      loadWeights: (w) => loadRunWeights(runs, w),
      dispose: () => runs.forEach((r) => r.dispose()),
    };
  },
};

/** The depth comparison: a deep sigmoid net, a ReLU net, and a ReLU net with batch norm. */
export interface DepthConfig {
  /** The points inline (tests, the probe); the widget sends them on the data path as `points` instead. */
  train?: Points2D;
  test?: Points2D;
  /** Number of classes when the points come on the data path. */
  classes?: number;
  /** Hidden layers (all the same width). */
  depth: number;
  width: number;
  /** Initialisation of the sigmoid run: Xavier, or N(0, 0.1²) which makes gradients vanish faster. */
  sigmoidInit: 'xavier' | 'small';
  learningRate: number;
  batchSize: number;
  /** The third run's normalisation: batch norm (the default) or layer norm. */
  norm?: 'batch' | 'layer';
}


function depthRun(c: DepthConfig, i: number): MlpClassifierInput {
  return {
    ...(c.train ? { train: c.train, test: c.test } : { classes: c.classes ?? 2 }), features: 'xy', hidden: Array.from({ length: c.depth }, () => c.width),
    activation: i === 0 ? 'sigmoid' : 'relu', batchNorm: i === 2 && c.norm !== 'layer', layerNorm: i === 2 && c.norm === 'layer', init: i === 0 ? c.sigmoidInit : 'he',
    // Plain SGD: an adaptive optimiser would rescale tiny gradients and hide the effect being shown.
    optimizer: DEFAULT_OPTIMIZER, learningRate: c.learningRate, batchSize: c.batchSize, l1: 0, l2: 0, dropout: 0, gridSize: 0, neuronMaps: false,
  };
}

/**
 * Three deep networks on the same data with the same seed, stepped together by
 * plain SGD. The view carries each run's gradient norm per weight matrix at the
 * last step (input layer first), where vanishing gradients show.
 */
export const depthCompareSpec: ModelSpec<DepthConfig, DepthView> = {
  kind: 'mlp-depth',
  probeConfig: { train: PROBE_BASE.train, test: PROBE_BASE.test, depth: 4, width: 8, sigmoidInit: 'xavier', learningRate: 0.1, batchSize: 16 },
  create(config, seed): Model<DepthConfig, DepthView> {
    const runs = DEPTH_RUNS.map((_, i) => new MlpClassifier(depthRun(config, i), seed));
    return {
      step: () => meanStep(runs),
      configure: (c) => runs.forEach((r, i) => r.configure(depthRun(c, i))),
      view: () => views(runs, ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'gradNorms']),
      receiveData: receiveRunPoints(runs),
      variables: () => runs.flatMap((r) => r.variables()),
      loadWeights: (w) => loadRunWeights(runs, w),
      dispose: () => runs.forEach((r) => r.dispose()),
    };
  },
};
