import type { Schema } from '../kit/params';

/** The data and model settings chapter 2's classifier widgets share. */
export const DATA_2D_PARAMS = {
  data: {
    kind: 'choice', label: 'Data', default: 'gaussians', options: ['gaussians', 'blobs3', 'circle', 'xor', 'moons'],
    optionLabels: { gaussians: 'two Gaussian blobs', blobs3: 'three blobs (softmax)', circle: 'circle', xor: 'XOR', moons: 'two moons' },
  },
  n: { kind: 'number', label: 'Points', default: 200, min: 10, max: 400, integer: true, help: 'How many labelled points.' },
  noise: { kind: 'number', label: 'Noise', default: 0.1, min: 0, max: 0.5, step: 0.01, help: 'Standard deviation of the jitter added to every point.' },
} as const satisfies Schema;

export const TRAIN_PARAMS = {
  features: {
    kind: 'choice', label: 'Features φ(x)', default: 'linear', options: ['linear', 'quadratic'],
    optionLabels: { linear: 'x₁, x₂', quadratic: 'x₁, x₂, x₁², x₂², x₁x₂' },
  },
  lr: { kind: 'number', label: 'Learning rate η', default: 1, min: 0.001, max: 100, log: true, help: 'Step size of gradient descent.' },
  batch: { kind: 'number', label: 'Batch size', default: 32, min: 1, max: 400, integer: true, help: 'Examples per step; at least the number of points is full-batch gradient descent.' },
} as const satisfies Schema;
