import * as tf from '@tensorflow/tfjs';

/**
 * Row-wise helpers for the last axis. tfjs's cpu backend broadcasts a [..., 1] operand by computing each
 * element's coordinates (tens of times slower than a same-shape op, bench/RESULTS-seq-attention.md), and
 * its softmax and logSumExp broadcast that way twice each; so on cpu a row vector is first expanded to the
 * full width by a k = 1 matMul, and the ops that follow see equal shapes. Other backends broadcast natively.
 */
function slowBroadcast(): boolean {
  return tf.getBackend() === 'cpu';
}

/** v [..., 1] as a tensor that combines element-wise with [..., n] fast on this backend. */
export function expandLast(v: tf.Tensor, n: number): tf.Tensor {
  if (!slowBroadcast() || n === 1) return v;
  const flat = tf.matMul(tf.reshape(v, [-1, 1]) as tf.Tensor2D, tf.ones([1, n]) as tf.Tensor2D);
  return tf.reshape(flat, [...v.shape.slice(0, -1), n]);
}

/** softmax over the last axis: e^(s − max) / Σ e^(s − max). */
export function softmaxLast(s: tf.Tensor): tf.Tensor {
  if (!slowBroadcast()) return tf.softmax(s);
  const n = s.shape[s.rank - 1];
  const e = tf.exp(tf.sub(s, expandLast(tf.max(s, -1, true), n)));
  return tf.mul(e, expandLast(tf.reciprocal(tf.sum(e, -1, true)), n));
}

/** log Σ e^z over the last axis, kept as [..., 1]. */
export function logSumExpLast(z: tf.Tensor): tf.Tensor {
  if (!slowBroadcast()) return tf.logSumExp(z, -1, true);
  const n = z.shape[z.rank - 1];
  const m = tf.max(z, -1, true);
  return tf.add(tf.log(tf.sum(tf.exp(tf.sub(z, expandLast(m, n))), -1, true)), m);
}

/** Σ over the rows of g [N, n] → [n] (a bias gradient). tfjs cpu sums a non-last axis by first transposing element by element, so there it is ones[1, N] · g. */
export function sumRows(g: tf.Tensor2D): tf.Tensor1D {
  if (!slowBroadcast()) return tf.sum(g, 0);
  return tf.reshape(tf.matMul(tf.ones([1, g.shape[0]]) as tf.Tensor2D, g), [g.shape[1]]);
}
