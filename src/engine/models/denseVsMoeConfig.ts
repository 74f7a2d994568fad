import type { SeriesPoint } from '../model';

/** Three networks on the same batches: an MoE, a dense FFN of its active size, one of its total size. */
export interface DenseVsMoeConfig {
  experts: number;
  topK: number;
  /** Each expert's hidden width h; the dense twins have k·h and E·h hidden units. */
  hidden: number;
  dModel: number;
  batch: number;
  points: number;
  learningRate: number;
}

export const DENSE_VS_MOE_NAMES = ['moe', 'dense-active', 'dense-total'] as const;
export type DenseVsMoeName = (typeof DENSE_VS_MOE_NAMES)[number];

export interface DenseVsMoeView {
  /** Per network: held-out accuracy, training loss, parameters (total, used per token), mean ms per step. */
  runs: Record<DenseVsMoeName, { accuracy: number; loss: number; total: number; active: number; msPerStep: number }>;
  series?: SeriesPoint;
}
