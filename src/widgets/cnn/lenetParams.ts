import type { Schema } from '../kit/params';

/** The LeNet widgets' settings; the architecture ones rebuild the network. */
export const LENET_PARAMS = {
  optimizer: { kind: 'choice', label: 'Optimiser', default: 'adam', options: ['sgd', 'momentum', 'adam'], optionLabels: { sgd: 'SGD', momentum: 'SGD + momentum 0.9', adam: 'Adam' } },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.002, min: 0.0001, max: 2, log: true, help: 'Step size. Adam likes about 0.001 to 0.003; plain SGD needs about 0.05.' },
  batch: { kind: 'number', label: 'Batch size', default: 32, min: 4, max: 256, integer: true },
  train: { kind: 'number', label: 'Training digits', default: 8000, min: 100, max: 8000, integer: true, help: 'How many of the 8,000 training digits to use; fewer makes overfitting visible.' },
  channels: { kind: 'number', label: 'Layer-1 channels', default: 6, min: 1, max: 16, integer: true, help: 'Filters in the first convolution (LeNet-5 has 6). Rebuilds the network.' },
  activation: { kind: 'choice', label: 'Activation', default: 'relu', options: ['relu', 'sigmoid', 'tanh'], help: 'LeNet-5 (1998) used sigmoid-like squashing; ReLU trains faster. Rebuilds the network.' },
  pooling: { kind: 'choice', label: 'Pooling', default: 'max', options: ['max', 'avg'], help: 'Max or average over 2x2 windows. Rebuilds the network.' },
  digit: { kind: 'number', label: 'Test digit shown', default: 0, min: 0, max: 1999, integer: true, help: 'Which of the 2,000 test digits feeds the feature maps.' },
} as const satisfies Schema;

export type LenetPreset = Partial<Record<keyof typeof LENET_PARAMS | 'seed', string | number>>;
