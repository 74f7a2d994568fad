import type * as tf from '@tensorflow/tfjs';

/** Plain values a model hands to the UI: never tensors. */
export type ViewValue = number | string | boolean | number[] | Float32Array | ViewValue[] | { [k: string]: ViewValue };
export type View = Record<string, ViewValue>;

/**
 * Named scalars a view may carry under `series` (train and test loss, accuracy, a gradient norm):
 * the page appends each to its own bounded history at the view's step, so models keep no curve buffers.
 */
export type SeriesPoint = Record<string, number>;

/** A large input that travels once, by name, apart from the settings: typed arrays go in the transfer list. */
export type DataPayload = Float32Array | Int32Array | Uint8Array | string | number[] | { [k: string]: DataPayload };

/**
 * A trainable model, as the trainer sees it. `config` is a plain object; fields
 * the model can change without rebuilding (learning rate, loss, data) go through
 * `configure`, everything else means a new model.
 */
export interface Model<C, V = View, Q = never, A = never> {
  /** One optimisation step. Runs inside tf.tidy; returns the training loss as a scalar the caller disposes. */
  step(): tf.Scalar;
  /**
   * One step with no tfjs op at all, returning the training loss: present only on models whose
   * steps run in plain JS (ModelSpec.plainJs), where a tf.tidy and a scalar per step would cost
   * as much as the step itself. The trainer then uses it instead of step().
   */
  readonly plainStep?: () => number;
  /** Applies a live change of configuration, keeping the weights. */
  configure(config: C): void;
  /** A plain-number snapshot for the widget (weights, predictions, extra metrics). */
  view(): Promise<V>;
  /**
   * Answers one question from the widget (generate text, classify a drawing) with the current weights,
   * while training runs or is paused: plain values out, never tensors, every tensor it makes disposed.
   */
  answer?(request: Q): Promise<A>;
  /** Receives a large input sent by name (a corpus, drawn points), before the first step and after each change. */
  receiveData?(name: string, payload: DataPayload): void;
  /** Every variable the model owns, so that weights can move to another backend. */
  variables(): tf.Variable[];
  /** Loads weights in variables() order (a run moving to another backend); omitted means assigning the variables. */
  loadWeights?(weights: Float32Array[]): void;
  dispose(): void;
}

/** Builds a model of one kind from its configuration and a seed. */
export interface ModelSpec<C, V = View, Q = never, A = never> {
  kind: string;
  create(config: C, seed: number): Model<C, V, Q, A>;
  /** A small fixed configuration used to time backends for this kind of model. */
  probeConfig: C;
  /** Optional async preparation before the first create (e.g. fetching a data file); rejects with a reader-facing message. */
  prepare?(config: C): Promise<void>;
  /** Another kind whose backend choice this kind shares (same network, so the same fastest backend): saves a probe. */
  probeAs?: string;
  /**
   * The same configuration with its training steps in plain JS instead of tfjs kernels, for kinds
   * that offer it (tiny networks, where tfjs's per-op overhead dwarfs the arithmetic). The host
   * probes it beside the tfjs backends and uses it only where it measured faster.
   */
  plainJs?(config: C): C;
}

/**
 * Thrown by a model when its configuration cannot be trained (no data, zero
 * units): the trainer shows the message and stops, instead of treating it as a
 * backend failure.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
