/** Softmax, sigmoid and cross-entropy in plain numbers, for the main thread and as references for tests. */

/** σ(z) = 1 / (1 + e^−z), written so that neither branch overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * softmax(o / T): exp(o_j / T) / Σ_k exp(o_k / T). Subtracting the largest logit
 * first changes nothing mathematically and keeps exp from overflowing.
 */
export function softmax(o: readonly number[], temperature = 1): number[] {
  if (o.length === 0) return [];
  if (!(temperature > 0)) throw new Error('temperature must be positive');
  const s = o.map((v) => v / temperature);
  const m = Math.max(...s);
  const e = s.map((v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

/** log softmax(o)_j = o_j − log Σ_k exp(o_k), stable for large logits. */
export function logSoftmax(o: readonly number[]): number[] {
  const m = Math.max(...o);
  const lse = m + Math.log(o.reduce((a, v) => a + Math.exp(v - m), 0));
  return o.map((v) => v - lse);
}

/** Cross-entropy −log softmax(o)_y of logits o against true class y (a one-hot label). */
export function crossEntropy(o: readonly number[], y: number): number {
  return -logSoftmax(o)[y];
}

/** ∂ crossEntropy / ∂o = softmax(o) − onehot(y): the prediction minus the truth. */
export function crossEntropyGrad(o: readonly number[], y: number): number[] {
  return softmax(o).map((p, j) => p - (j === y ? 1 : 0));
}

/** Binary cross-entropy of a logit z against a label in {0, 1}: softplus(z) − y z = −[y log σ(z) + (1 − y) log(1 − σ(z))]. */
export function binaryCrossEntropy(z: number, y: number): number {
  const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  return softplus - y * z;
}

/** Entropy −Σ p log p of a probability vector, in nats. */
export function entropy(p: readonly number[]): number {
  return -p.reduce((a, v) => (v > 0 ? a + v * Math.log(v) : a), 0);
}

/**
 * Parses a comma- or space-separated list of logits from a text box. Returns the
 * numbers, or a message saying what is wrong (never NaN).
 */
export function parseLogits(text: string, min = 2, max = 8, bound = 50): { ok: true; value: number[] } | { ok: false; message: string } {
  const parts = text.split(/[\s,;]+/).filter((s) => s !== '');
  const out: number[] = [];
  // Say what is wrong with a bad entry before counting entries: "abc" is not a number, not "too few".
  for (const p of parts) {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p)) return { ok: false, message: `"${p}" is not a number.` };
    const v = Number(p);
    if (!Number.isFinite(v) || Math.abs(v) > bound) return { ok: false, message: `"${p}" is outside −${bound} to ${bound}.` };
    out.push(v);
  }
  if (out.length < min) return { ok: false, message: `Enter at least ${min} logits, separated by commas.` };
  if (out.length > max) return { ok: false, message: `At most ${max} logits, please.` };
  return { ok: true, value: out };
}
