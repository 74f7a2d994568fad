/** K-fold cross-validation in plain numbers: the splits, and closed-form CV scores for polynomials. */
import { createRng, permutation } from '../rng';
import { polyLeastSquares, polyMse } from './polynomial';

/**
 * Splits indices 0..n-1 into k folds after a seeded shuffle. Fold sizes differ
 * by at most one, and every index is in exactly one fold (held out once).
 */
export function kfoldSplits(n: number, k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new Error('K-fold needs at least 2 folds');
  if (n < k) throw new Error(`K-fold needs at least K = ${k} points, got ${n}`);
  const p = permutation(n, createRng(seed ^ 0xf01d));
  const folds: number[][] = Array.from({ length: k }, () => []);
  // Round-robin over the shuffled order: sizes floor(n/k) or ceil(n/k).
  p.forEach((idx, i) => folds[i % k].push(idx));
  return folds.map((f) => f.sort((a, b) => a - b));
}

/** The training indices for fold `i`: every index not in that fold, in order. */
export function trainIndices(folds: number[][], i: number): number[] {
  return folds.flatMap((f, j) => (j === i ? [] : f)).sort((a, b) => a - b);
}

/** Picks xs/ys at the given indices. */
export function pick(data: { xs: number[]; ys: number[] }, idx: number[]): { xs: number[]; ys: number[] } {
  return { xs: idx.map((i) => data.xs[i]), ys: idx.map((i) => data.ys[i]) };
}

/** Mean and (population) standard deviation. */
export function meanStd(v: number[]): { mean: number; std: number } {
  if (!v.length) return { mean: NaN, std: NaN };
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) };
}

/** Closed-form K-fold validation MSE of each degree 0..maxDegree: per-fold scores, their mean and spread. */
export function cvByDegree(
  data: { xs: number[]; ys: number[] },
  folds: number[][],
  maxDegree: number,
  l2 = 0,
): { degree: number; folds: number[]; mean: number; std: number }[] {
  const out = [];
  for (let d = 0; d <= maxDegree; d++) {
    const scores = folds.map((f, i) => {
      const tr = pick(data, trainIndices(folds, i));
      const va = pick(data, f);
      return polyMse(polyLeastSquares(tr.xs, tr.ys, d, l2), va.xs, va.ys);
    });
    out.push({ degree: d, folds: scores, ...meanStd(scores) });
  }
  return out;
}

/** The degree with the lowest mean CV error. */
export function bestDegree(cv: { degree: number; mean: number }[]): number {
  return cv.reduce((b, c) => (c.mean < b.mean ? c : b), cv[0]).degree;
}
