import type { Schema } from '../kit/params';

/** The MoE classifier's settings: the mixture's shape rebuilds it; α, capacity and η change live. */
export const MOE_CLASSIFIER_PARAMS = {
  experts: { kind: 'number', label: 'Experts E', default: 6, min: 1, max: 8, integer: true, help: 'Small feed-forward experts (d_model 8, 8 hidden units each). Rebuilds the model.' },
  k: { kind: 'number', label: 'Experts per point k', default: 1, min: 1, max: 8, integer: true, help: 'Top-k routing; k larger than E is clamped to E. Rebuilds the model.' },
  noise: { kind: 'boolean', label: 'Noisy top-k gating', default: false, help: 'Adds ε · softplus(x W_noise) to the router logits while training (Shazeer et al. 2017). Rebuilds the model.' },
  balance: { kind: 'boolean', label: 'Balancing loss', default: true, help: 'Adds α · E Σ f_i P_i to the loss.' },
  alpha: { kind: 'number', label: 'Balancing weight α', default: 0.1, min: 0.001, max: 2, log: true },
  capacity: { kind: 'boolean', label: 'Limit expert capacity', default: false, help: 'Each expert takes at most ⌈factor · N k / E⌉ points of a batch; the rest pass through the residual.' },
  factor: { kind: 'number', label: 'Capacity factor', default: 1.25, min: 0.25, max: 4, step: 0.05 },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.02, min: 0.001, max: 0.2, log: true },
} as const satisfies Schema;

export type MoeClassifierPreset = Partial<Record<keyof typeof MOE_CLASSIFIER_PARAMS | 'seed', string | number | boolean>>;
