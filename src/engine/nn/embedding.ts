import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './params';

/**
 * A lookup table E (|V| x d): token i becomes row i. The gradient of tf.gather needs the
 * UnsortedSegmentSum kernel, which the wasm backend lacks, so the table's gradient is written
 * here as a scatter-add of the output gradient rows (dE[i] = Σ over positions holding token i of dY).
 */
export class Embedding {
  readonly table: tf.Variable;

  constructor(
    params: ParamStore,
    readonly vocabSize: number,
    readonly dim: number,
    options: { name?: string; std?: number } = {},
  ) {
    // Keras's embedding default is U(−0.05, 0.05).
    this.table = params.scope(options.name ?? 'embedding/').uniform('table', [vocabSize, dim], options.std ?? 0.05);
  }

  /** ids: int32 of any shape → [...ids.shape, d]. */
  apply(ids: tf.Tensor): tf.Tensor {
    const flat = tf.reshape(ids, [-1]) as tf.Tensor1D;
    const rows = embeddingLookup(this.table, flat);
    return tf.reshape(rows, [...ids.shape, this.dim]);
  }
}

/** tf.gather(table, ids) with a gradient for the table that every backend has. */
export function embeddingLookup(table: tf.Tensor, ids: tf.Tensor1D): tf.Tensor2D {
  const f = tf.customGrad((...args) => {
    const t = args[0] as tf.Tensor;
    const save = args[1] as unknown as (ts: tf.Tensor[]) => void;
    // ids saved (kept by the engine): a caller's reshaped ids may be freed before backprop runs.
    save([ids]);
    const shape = t.shape;
    return {
      value: tf.gather(t, ids),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.scatterND(tf.reshape(saved[0], [-1, 1]), dy, shape),
    };
  });
  return f(table) as tf.Tensor2D;
}
