import type { Schema } from '../kit/params';

/** Settings shared by chapter 1's widgets: the data and the loss. */
export const DATA_PARAMS = {
  n: { kind: 'number', label: 'Points', default: 30, min: 2, max: 200, integer: true, help: 'How many data points.' },
  noise: { kind: 'number', label: 'Noise σ', default: 0.3, min: 0, max: 2, step: 0.05, help: 'Standard deviation of the Gaussian noise on y.' },
  outliers: { kind: 'number', label: 'Outliers', default: 0, min: 0, max: 0.3, step: 0.05, help: 'Fraction of points pushed far above the line.' },
} as const satisfies Schema;

export const LOSS_PARAMS = {
  loss: { kind: 'choice', label: 'Loss', default: 'l2', options: ['l2', 'l1', 'huber'], optionLabels: { l2: 'L2 (squared)', l1: 'L1 (absolute)', huber: 'Huber' } },
  delta: { kind: 'number', label: 'Huber δ', default: 1, min: 0.05, max: 3, step: 0.05 },
} as const satisfies Schema;

export const LR_PARAM = {
  lr: { kind: 'number', label: 'Learning rate η', default: 0.1, min: 0.0001, max: 10, log: true, help: 'Step size of gradient descent.' },
} as const satisfies Schema;

/** Domains of the (w, b) plane that chapter 1's contour plots show. */
export const W_DOMAIN: [number, number] = [-3, 5];
export const B_DOMAIN: [number, number] = [-3, 4];
