/**
 * The optimisers' names and settings as plain data, apart from the tfjs code in
 * optimizers.ts: widgets on the main thread import these, and must not pull tfjs in.
 */

/** The update rules chapter 4 teaches (written out in optimizers.ts and denseJs.ts, no tf.train). */
export type OptimizerKind = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam';
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'];

export interface OptimizerSettings {
  kind: OptimizerKind;
  /** Momentum coefficient β (momentum) or first-moment decay β1 (Adam). */
  beta1: number;
  /** Second-moment decay: ρ for RMSProp, β2 for Adam. */
  beta2: number;
  eps: number;
}

export const DEFAULT_OPTIMIZER: OptimizerSettings = { kind: 'sgd', beta1: 0.9, beta2: 0.999, eps: 1e-8 };
