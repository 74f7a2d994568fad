/**
 * The position explorer's numbers (no tfjs): encoding tables, their dot-product similarity, and the test of
 * permutation equivariance: self-attention without positions commutes with shuffling the tokens.
 */
import { sinusoidalEncoding } from '../../engine/math/positions';
import { mat, matMul, permuteRows, selfAttentionSteps, type AttentionWeights, type Mat } from '../../engine/math/selfAttention';
import { createRng } from '../../engine/rng';

export type PositionTable = 'sinusoidal' | 'learned';

/** [T × d]: sinusoidal, or a learned table as GPT initialises it, N(0, 0.02²), before any training. */
export function positionTable(kind: PositionTable, t: number, d: number, seed: number): Mat {
  if (kind === 'sinusoidal') {
    const pe = sinusoidalEncoding(t, d);
    return mat(t, d, (i, j) => pe[i * d + j]);
  }
  const rng = createRng(seed);
  return mat(t, d, () => 0.02 * rng.normal());
}

/** S = P Pᵀ: S_pq = p_p · p_q. */
export function similarity(p: Mat): Mat {
  const pt = mat(p.cols, p.rows, (i, j) => p.data[j * p.cols + i]);
  return matMul(p, pt);
}

/** A seeded shuffle of 0 … n − 1 (Fisher-Yates); seed 0 is the identity. */
export function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (seed === 0) return order;
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export const addMat = (a: Mat, b: Mat): Mat => mat(a.rows, a.cols, (i, j) => a.data[i * a.cols + j] + b.data[i * b.cols + j]);

/**
 * Attention on X and on the shuffled X_π (row i is x_π(i)), positions P added to both when given (positions belong
 * to the slots, not the tokens). Returns both outputs and max_i |Y'_i − Y_π(i)|: 0 (up to rounding) without
 * positions, since attention is permutation-equivariant.
 */
export function equivariance(x: Mat, w: AttentionWeights, order: readonly number[], p?: Mat): { y: Mat; yShuffled: Mat; gap: number } {
  const run = (input: Mat) => selfAttentionSteps(p ? addMat(input, p) : input, w, { heads: 1 }).output;
  const y = run(x);
  const yShuffled = run(permuteRows(x, order));
  const expected = permuteRows(y, order);
  let gap = 0;
  for (let i = 0; i < expected.data.length; i++) gap = Math.max(gap, Math.abs(expected.data[i] - yShuffled.data[i]));
  return { y, yShuffled, gap };
}
