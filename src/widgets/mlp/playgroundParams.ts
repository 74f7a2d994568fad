import { dataset2d, type Points2D } from '../../engine/data/classification2d';
import { regression2d, splitWithTargets } from '../../engine/data/regression2d';
import type { MlpClassifierInput } from '../../engine/models/mlpClassifier';
import type { DataPayload } from '../../engine/model';
import { DEFAULT_OPTIMIZER } from '../../engine/nn/optimizerSettings';
import type { Schema, Values } from '../kit/params';

const unit = (i: number) => ({ kind: 'number', label: `Units in layer ${i}`, default: i <= 2 ? 8 : 4, min: 0, max: 16, integer: true }) as const;

/** Every setting of the MLP playground, declared once: controls, validation and share links come from here. */
export const PLAYGROUND_PARAMS = {
  data: {
    kind: 'choice', label: 'Data', default: 'circle', options: ['circle', 'xor', 'spiral', 'gaussians', 'drawn', 'plane', 'bumps'],
    optionLabels: { circle: 'circle', xor: 'XOR', spiral: 'spiral', gaussians: 'two Gaussians', drawn: 'points you draw', plane: 'plane (regression)', bumps: 'two bumps (regression)' },
  },
  n: { kind: 'number', label: 'Points', default: 500, min: 10, max: 1000, integer: true },
  noise: { kind: 'number', label: 'Noise', default: 0, min: 0, max: 0.5, step: 0.01, help: 'Standard deviation of the jitter added to every point.' },
  test: { kind: 'number', label: 'Test fraction', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Share of the points held out to measure test loss.' },
  features: {
    kind: 'choice', label: 'Inputs', default: 'xy', options: ['xy', 'xy6', 'quadratic', 'playground'],
    optionLabels: { xy: 'x₁, x₂', xy6: 'x₁, x₂ × 6 (TF Playground’s scale)', quadratic: '+ squares, product', playground: '+ squares, product, sines' },
    help: 'TF Playground feeds coordinates in [−6, 6]; ours are in [−1, 1]. Larger inputs make the first layer learn faster at the same learning rate.',
  },
  layers: { kind: 'number', label: 'Hidden layers', default: 2, min: 0, max: 6, integer: true },
  u1: unit(1), u2: unit(2), u3: unit(3), u4: unit(4), u5: unit(5), u6: unit(6),
  act: { kind: 'choice', label: 'Activation', default: 'relu', options: ['relu', 'tanh', 'sigmoid', 'linear'], optionLabels: { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'none (linear)' } },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.1, min: 1e-5, max: 10, log: true },
  opt: { kind: 'choice', label: 'Optimiser', default: 'sgd', options: ['sgd', 'momentum', 'rmsprop', 'adam', 'adagrad'], optionLabels: { sgd: 'SGD', momentum: 'momentum', rmsprop: 'RMSProp', adam: 'Adam', adagrad: 'Adagrad' } },
  batch: { kind: 'number', label: 'Batch size', default: 10, min: 1, max: 100, integer: true },
  reg: { kind: 'choice', label: 'Regularisation', default: 'none', options: ['none', 'l1', 'l2'], optionLabels: { none: 'none', l1: 'L1', l2: 'L2' } },
  regRate: { kind: 'number', label: 'Regularisation rate λ', default: 0.001, min: 1e-6, max: 1, log: true },
  dropout: { kind: 'number', label: 'Dropout p', default: 0, min: 0, max: 0.9, step: 0.05 },
  stop: { kind: 'choice', label: 'Stop when', default: 'never', options: ['never', 'loss', 'pgloss', 'epochs'], optionLabels: { never: 'never', loss: 'test loss below…', pgloss: 'TF Playground’s test loss below…', epochs: 'after N epochs' }, help: 'TF Playground’s loss is ½(o − t)² with o = P(1) − P(0) and t = ±1.' },
  stopLoss: { kind: 'number', label: 'Target test loss', default: 0.1, min: 0.001, max: 2, log: true },
  stopEpochs: { kind: 'number', label: 'Epochs N', default: 200, min: 1, max: 100000, integer: true },
  maps: { kind: 'boolean', label: 'Per-neuron maps', default: true },
} as const satisfies Schema;

export type PlaygroundValues = Values<typeof PLAYGROUND_PARAMS> & { seed: number };

/** A point the reader placed by clicking on the map. */
export interface DrawnPoint {
  x: number;
  y: number;
  label: number;
}

export const GRID = 32;

/** The hidden layer widths the settings describe (units of the first `layers` layers). */
export function hiddenOf(v: PlaygroundValues): number[] {
  return [v.u1, v.u2, v.u3, v.u4, v.u5, v.u6].slice(0, v.layers);
}

export function isRegression(data: string): data is 'plane' | 'bumps' {
  return data === 'plane' || data === 'bumps';
}

/** The data set: generated from the seed, or the drawn points (which are added on top of generated data too). */
export function buildData(v: PlaygroundValues, drawn: DrawnPoint[]): { train: Points2D; test: Points2D; targets: { train: number[]; test: number[] } | null } {
  let base: Points2D = { x: [], y: [], label: [], classes: 2 };
  let target: number[] | null = null;
  if (isRegression(v.data)) {
    const r = regression2d(v.data, v.n, v.noise, v.seed);
    base = r;
    target = [...r.target];
  } else if (v.data !== 'drawn') base = dataset2d(v.data, v.n, v.noise, v.seed);
  const all: Points2D = { x: [...base.x], y: [...base.y], label: [...base.label], classes: 2 };
  for (const p of drawn) {
    all.x.push(p.x);
    all.y.push(p.y);
    all.label.push(p.label);
    // a drawn point in a regression set asks for −1 (class 0) or +1 (class 1)
    target?.push(p.label ? 1 : -1);
  }
  return splitWithTargets(all, target, v.test, v.seed);
}

/** The points the engine trains on, sent on the data path (once per new set, not with the settings on every render). */
export function pointsOf(data: ReturnType<typeof buildData>): DataPayload {
  // The class count is the config's, so only the lists travel.
  const set = (p: Points2D) => ({ x: p.x, y: p.y, label: p.label });
  return { train: set(data.train), test: set(data.test), ...(data.targets ? { targets: data.targets } : {}) };
}

/** The engine configuration for the current settings: the points travel apart (pointsOf). */
export function configOf(v: PlaygroundValues): MlpClassifierInput {
  return {
    classes: 2,
    regression: isRegression(v.data),
    features: v.features,
    hidden: hiddenOf(v),
    activation: v.act,
    batchNorm: false,
    init: 'auto',
    // RMSProp's ρ = 0.9, as chapter 4 teaches and Keras and tfjs default to (DEFAULT_OPTIMIZER's 0.999 is Adam's β2).
    optimizer: { ...DEFAULT_OPTIMIZER, kind: v.opt, ...(v.opt === 'rmsprop' ? { beta2: 0.9 } : {}) },
    learningRate: v.lr,
    batchSize: v.batch,
    l1: v.reg === 'l1' ? v.regRate : 0,
    l2: v.reg === 'l2' ? v.regRate : 0,
    dropout: v.dropout,
    gridSize: GRID,
    neuronMaps: v.maps,
    // A stop rule on the test loss is checked by the engine at every epoch end, not only at views.
    ...(v.stop === 'loss' || v.stop === 'pgloss' ? { testBelow: { key: v.stop === 'loss' ? 'testLoss' : 'testPlaygroundLoss', value: v.stopLoss } as const } : {}),
  };
}
