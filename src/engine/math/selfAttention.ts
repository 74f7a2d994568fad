/**
 * Self-attention step by step in plain numbers (no tfjs), for the chapter's calculator on the main thread.
 * The semantics are those of src/engine/nn/attention.ts: rows are tokens, Q = X W_q (W_q is d_model × d_model,
 * head i its columns i·d_k … (i+1)·d_k), scores Q_i K_iᵀ / √d_k, an additive mask whose blocked entries count as
 * MASK_VALUE (so a row with every key blocked gets uniform weights, not NaN), a softmax over the keys, the heads'
 * outputs side by side, then W_o.
 */

/** A dense matrix, row-major. */
export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** The value a blocked score counts as: the same as nn/attention.ts's MASK_VALUE (a test checks it). */
export const CALC_MASK_VALUE = -1e9;

export function mat(rows: number, cols: number, fill?: (i: number, j: number) => number): Mat {
  const data = new Float64Array(rows * cols);
  if (fill) for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = fill(i, j);
  return { rows, cols, data };
}

export const at = (m: Mat, i: number, j: number) => m.data[i * m.cols + j];

export function matMul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`matMul: ${a.rows}×${a.cols} times ${b.rows}×${b.cols}`);
  return mat(a.rows, b.cols, (i, j) => {
    let s = 0;
    for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
    return s;
  });
}

/** Columns c0 … c0 + n − 1. */
export function columns(a: Mat, c0: number, n: number): Mat {
  return mat(a.rows, n, (i, j) => at(a, i, c0 + j));
}

/** The matrices side by side. */
export function concatColumns(parts: Mat[]): Mat {
  const cols = parts.reduce((s, p) => s + p.cols, 0);
  const out = mat(parts[0].rows, cols);
  let c0 = 0;
  for (const p of parts) {
    for (let i = 0; i < p.rows; i++) for (let j = 0; j < p.cols; j++) out.data[i * cols + c0 + j] = at(p, i, j);
    c0 += p.cols;
  }
  return out;
}

/** Rows in a new order: row i of the result is row order[i] of a. */
export function permuteRows(a: Mat, order: readonly number[]): Mat {
  return mat(a.rows, a.cols, (i, j) => at(a, order[i], j));
}

/** softmax over each row; −∞ (and anything below) counts as CALC_MASK_VALUE. */
export function softmaxRows(s: Mat): Mat {
  const out = mat(s.rows, s.cols);
  for (let i = 0; i < s.rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < s.cols; j++) max = Math.max(max, Math.max(at(s, i, j), CALC_MASK_VALUE));
    let z = 0;
    for (let j = 0; j < s.cols; j++) {
      const e = Math.exp(Math.max(at(s, i, j), CALC_MASK_VALUE) - max);
      out.data[i * s.cols + j] = e;
      z += e;
    }
    for (let j = 0; j < s.cols; j++) out.data[i * s.cols + j] /= z;
  }
  return out;
}

/** The additive mask [T × T] for query i and key j: −∞ where j is in the future (causal) or a padding position. */
export function attentionMask(t: number, opts: { causal: boolean; valid?: readonly boolean[] }): Mat {
  return mat(t, t, (i, j) => ((opts.causal && j > i) || (opts.valid && !opts.valid[j]) ? -Infinity : 0));
}

export interface HeadSteps {
  q: Mat;
  k: Mat;
  v: Mat;
  /** Q Kᵀ, then divided by √d_k (or not, when scaling is off), then with the mask added (−∞ shown as such). */
  scores: Mat;
  scaled: Mat;
  masked: Mat;
  weights: Mat;
  output: Mat;
}

export interface AttentionSteps {
  /** The input rows X [T × d_model]. */
  x: Mat;
  /** Q, K, V of all heads side by side: X W_q, X W_k, X W_v. */
  q: Mat;
  k: Mat;
  v: Mat;
  heads: HeadSteps[];
  /** The heads' outputs side by side [T × d_model], and that times W_o. */
  concat: Mat;
  output: Mat;
  dk: number;
}

export interface AttentionWeights {
  wq: Mat;
  wk: Mat;
  wv: Mat;
  wo: Mat;
}

/** Every intermediate of multi-head self-attention on X [T × d_model] (no biases). */
export function selfAttentionSteps(x: Mat, w: AttentionWeights, opts: { heads: number; mask?: Mat; scale?: boolean }): AttentionSteps {
  const d = x.cols;
  const h = opts.heads;
  if (!Number.isInteger(h) || h < 1 || d % h !== 0) throw new Error(`${h} heads do not divide d_model = ${d}`);
  const dk = d / h;
  const q = matMul(x, w.wq);
  const k = matMul(x, w.wk);
  const v = matMul(x, w.wv);
  const factor = opts.scale === false ? 1 : 1 / Math.sqrt(dk);
  const heads: HeadSteps[] = [];
  for (let i = 0; i < h; i++) {
    const qi = columns(q, i * dk, dk);
    const ki = columns(k, i * dk, dk);
    const vi = columns(v, i * dk, dk);
    const scores = mat(x.rows, x.rows, (a, b) => {
      let s = 0;
      for (let c = 0; c < dk; c++) s += at(qi, a, c) * at(ki, b, c);
      return s;
    });
    const scaled = mat(x.rows, x.rows, (a, b) => at(scores, a, b) * factor);
    const masked = opts.mask ? mat(x.rows, x.rows, (a, b) => at(scaled, a, b) + at(opts.mask!, a, b)) : scaled;
    const weights = softmaxRows(masked);
    heads.push({ q: qi, k: ki, v: vi, scores, scaled, masked, weights, output: matMul(weights, vi) });
  }
  const concat = concatColumns(heads.map((hd) => hd.output));
  return { x, q, k, v, heads, concat, output: matMul(concat, w.wo), dk };
}

/** Parameters of multi-head attention with biases, as nn/attention.ts builds it: four d × d matrices and four biases. */
export function attentionParamCount(dModel: number): number {
  return 4 * dModel * dModel + 4 * dModel;
}
