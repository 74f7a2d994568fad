import * as tf from '@tensorflow/tfjs';
import { expandLast, logSumExpLast } from './rowwise';

/**
 * Cross-entropy of logits [N, V] against targets [N], averaged over the positions whose target is not
 * `pad` (padding after the end token counts for nothing): Σ w_n (logsumexp(z_n) − z_n,y_n) / Σ w_n,
 * with its gradient w_n (softmax(z_n) − onehot(y_n)) / Σ w_n written out.
 */
export function maskedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, pad = 0): tf.Scalar {
  const vocab = logits.shape[1];
  const f = tf.customGrad((...args) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as unknown as tf.GradSaveFunc;
    const ids = tf.cast(targets, 'int32');
    const w = tf.cast(tf.notEqual(ids, pad), 'float32');
    // At least one position counts, so an all-padding batch gives 0, not 0/0.
    const count = tf.maximum(tf.sum(w), 1);
    const lse = logSumExpLast(z);
    const hot = tf.oneHot(ids, vocab);
    const picked = tf.sum(tf.mul(z, hot), -1, true);
    const wCol = tf.reshape(w, [-1, 1]);
    const scaled = tf.div(wCol, count);
    save([tf.exp(tf.sub(z, expandLast(lse, vocab))), hot, scaled]);
    return {
      value: tf.sum(tf.mul(tf.sub(lse, picked), scaled)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [p, h, s]: tf.Tensor[]) => tf.mul(tf.sub(p, h), tf.mul(expandLast(s, vocab), dy)),
    };
  });
  return f(logits) as tf.Scalar;
}
