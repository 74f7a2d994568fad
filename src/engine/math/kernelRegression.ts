/**
 * Attention pooling in plain numbers (no tfjs): Nadaraya-Watson kernel regression with a Gaussian
 * kernel, written as attention. The weight of key x_j for query q is
 *   α(q, x_j) = softmax_j(−½ ((q − x_j) w)²),
 * and the prediction is f(q) = Σ_j α(q, x_j) y_j. A fixed bandwidth h is w = 1/h; the learned kernel
 * trains w. Used on the main thread (the figure's fits and heatmaps) and as the tests' reference.
 */

/**
 * Weights [queries.length × keys.length], row-major. `exclude`: true when the queries are the keys (key i gets no
 * weight for query i), or the index of the key each query leaves out.
 */
export function gaussianAttention(queries: ArrayLike<number>, keys: ArrayLike<number>, w: number, exclude: boolean | readonly number[] = false): Float64Array {
  const nq = queries.length;
  const nk = keys.length;
  const out = new Float64Array(nq * nk);
  for (let i = 0; i < nq; i++) {
    let max = -Infinity;
    for (let j = 0; j < nk; j++) {
      const d = (queries[i] - keys[j]) * w;
      const left = exclude === true ? i === j : exclude !== false && exclude[i] === j;
      const s = left ? -Infinity : -0.5 * d * d;
      out[i * nk + j] = s;
      if (s > max) max = s;
    }
    let z = 0;
    for (let j = 0; j < nk; j++) {
      const e = Math.exp(out[i * nk + j] - max);
      out[i * nk + j] = e;
      z += e;
    }
    for (let j = 0; j < nk; j++) out[i * nk + j] /= z;
  }
  return out;
}

/** f(q_i) = Σ_j α_ij y_j for weights [nq × nk] row-major. */
export function attentionPool(weights: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
  const nk = values.length;
  const nq = weights.length / nk;
  const out = new Float64Array(nq);
  for (let i = 0; i < nq; i++) {
    let s = 0;
    for (let j = 0; j < nk; j++) s += weights[i * nk + j] * values[j];
    out[i] = s;
  }
  return out;
}

/** Nadaraya-Watson with bandwidth h: f(q) = Σ_j K((q − x_j)/h) y_j / Σ_j K((q − x_j)/h), K the Gaussian. */
export function nadarayaWatson(queries: ArrayLike<number>, keys: ArrayLike<number>, values: ArrayLike<number>, bandwidth: number): { fit: Float64Array; weights: Float64Array } {
  if (!(bandwidth > 0)) throw new Error(`the bandwidth must be positive (got ${bandwidth})`);
  const weights = gaussianAttention(queries, keys, 1 / bandwidth);
  return { fit: attentionPool(weights, values), weights };
}

/**
 * The leave-one-out squared loss L(w) = (1/n) Σ_i (f_{−i}(x_i) − y_i)², where f_{−i} pools every key but x_i:
 * without leaving it out, w → ∞ puts all weight on the point itself and the loss falls to 0.
 */
export function leaveOneOutLoss(xs: ArrayLike<number>, ys: ArrayLike<number>, w: number): number {
  const f = attentionPool(gaussianAttention(xs, xs, w, true), ys);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (f[i] - ys[i]) ** 2;
  return s / xs.length;
}

/**
 * dL/dw of the leave-one-out loss, by the chain rule: with s_ij = −½ (d_ij w)², ∂s_ij/∂w = −d_ij² w, and
 * ∂f_i/∂w = Σ_j α_ij (∂s_ij/∂w)(y_j − f_i) (the softmax's derivative), so dL/dw = (2/n) Σ_i (f_i − y_i) ∂f_i/∂w.
 */
export function leaveOneOutGradient(xs: ArrayLike<number>, ys: ArrayLike<number>, w: number): number {
  const n = xs.length;
  const a = gaussianAttention(xs, xs, w, true);
  const f = attentionPool(a, ys);
  let g = 0;
  for (let i = 0; i < n; i++) {
    let df = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = xs[i] - xs[j];
      df += a[i * n + j] * (-d * d * w) * (ys[j] - f[i]);
    }
    g += (f[i] - ys[i]) * df;
  }
  return (2 / n) * g;
}

/** Per row of weights [nq × nk]: the largest weight and the entropy −Σ α log α (in nats). */
export function rowStats(weights: ArrayLike<number>, nk: number): { maxWeight: number[]; entropy: number[] } {
  const nq = weights.length / nk;
  const maxWeight: number[] = [];
  const entropy: number[] = [];
  for (let i = 0; i < nq; i++) {
    let m = 0;
    let h = 0;
    for (let j = 0; j < nk; j++) {
      const p = weights[i * nk + j];
      if (p > m) m = p;
      if (p > 0) h -= p * Math.log(p);
    }
    maxWeight.push(m);
    entropy.push(h);
  }
  return { maxWeight, entropy };
}
