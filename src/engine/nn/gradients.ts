import * as tf from '@tensorflow/tfjs';

/**
 * The gradient split from the update: compute g = ∇_θ L for a list of variables, let the caller
 * combine gradients (average several workers', clip them), then apply them with
 * Optimizer.apply(grads, η) from optimizers.ts.
 */

/** L and ∇_θ L for `vars`, in their order (a zero tensor for a variable the loss does not reach). */
export function lossAndGradients(loss: () => tf.Scalar, vars: tf.Variable[]): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const { value, grads } = tf.variableGrads(loss, vars);
  return { loss: value, grads: vars.map((v) => grads[v.name] ?? tf.zerosLike(v)) };
}

/**
 * Σ_w weights[w] g_w / Σ weights (the mean when weights are absent): with weights = batch sizes,
 * the average of per-worker mean-loss gradients is the full batch's mean-loss gradient.
 */
export function averageGradients(perWorker: tf.Tensor[][], weights?: number[]): tf.Tensor[] {
  if (perWorker.length === 0) throw new Error('averageGradients needs at least one list of gradients');
  const w = weights ?? perWorker.map(() => 1);
  if (w.length !== perWorker.length || w.some((x) => !(x >= 0))) throw new Error('averageGradients: one non-negative weight per list');
  const total = w.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error('averageGradients: the weights sum to zero');
  return tf.tidy(() =>
    perWorker[0].map((_, i) => {
      if (perWorker.some((g) => g.length !== perWorker[0].length)) throw new Error('averageGradients: lists of different lengths');
      return tf.addN(perWorker.map((g, k) => tf.mul(g[i], w[k] / total)));
    }),
  );
}

/** ‖g‖ = √(Σ_i ‖g_i‖²) over every tensor of the list (a scalar tensor, read it when needed). */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar);
}

/**
 * Clipping by global norm: every g_i ← g_i · c / max(‖g‖, c) with c = maxNorm, so the direction is
 * kept and the length is at most c (the gradients are untouched when ‖g‖ ≤ c). Returns the
 * clipped gradients and ‖g‖ before clipping. A non-finite norm comes back as it is, for the caller
 * to report as divergence.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): { grads: tf.Tensor[]; norm: tf.Scalar } {
  if (!(maxNorm > 0)) throw new Error(`clipByGlobalNorm: maxNorm must be > 0 (got ${maxNorm})`);
  const norm = globalNorm(grads);
  const clipped = tf.tidy(() => {
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return grads.map((g) => tf.mul(g, scale));
  });
  return { grads: clipped, norm };
}
