/**
 * Polynomial regression in plain numbers (no tfjs): the data, the features and
 * the closed-form fit that chapter 5's widgets draw beside the trained model.
 */
import { createRng } from '../rng';
import { solve } from './linalg';

/** The smooth function the 1-D data comes from: f(x) = sin(πx) + 0.3x on [-1, 1]. */
export function truth(x: number): number {
  return Math.sin(Math.PI * x) + 0.3 * x;
}

/** n points with x uniform on [-1, 1] and y = truth(x) + N(0, noise²), rounded so that messages are bit-identical. */
export function polyData(n: number, noise: number, seed: number): { xs: number[]; ys: number[] } {
  const rng = createRng(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next() * 2 - 1;
    xs.push(round4(x));
    ys.push(round4(truth(x) + noise * rng.normal()));
  }
  return { xs, ys };
}

/**
 * Features φ_0..φ_d of x: scaled Legendre polynomials √(2k+1) P_k(x). They span
 * the same functions as 1, x, ..., x^d, but each has mean square 1 on [-1, 1]
 * and they are orthogonal there, so gradient descent sees a well-conditioned
 * problem (the monomials x^14 and x^15 are nearly the same column).
 */
export function legendreRow(x: number, degree: number): number[] {
  const p = [1, x];
  for (let k = 1; k < degree; k++) p.push(((2 * k + 1) * x * p[k] - k * p[k - 1]) / (k + 1));
  return p.slice(0, degree + 1).map((v, k) => Math.sqrt(2 * k + 1) * v);
}

/** The feature matrix, one row per x. */
export function legendreFeatures(xs: number[], degree: number): number[][] {
  return xs.map((x) => legendreRow(x, degree));
}

/** ŷ(x) = Σ_k c_k φ_k(x). */
export function polyPredict(coef: ArrayLike<number>, x: number): number {
  const row = legendreRow(x, coef.length - 1);
  let s = 0;
  for (let k = 0; k < row.length; k++) s += coef[k] * row[k];
  return s;
}

/** Mean squared error of the coefficients on (xs, ys); NaN for no points. */
export function polyMse(coef: ArrayLike<number>, xs: number[], ys: number[]): number {
  if (!xs.length) return NaN;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (polyPredict(coef, xs[i]) - ys[i]) ** 2;
  return s / xs.length;
}

/**
 * The minimiser of  mean_i (φ(x_i)·c − y_i)² + λ Σ_{k≥1} c_k²  (the constant term
 * is not penalised): (ΦᵀΦ/n + λ I') c = Φᵀy/n. A tiny ridge (1e-10) keeps the
 * system solvable when there are fewer points than coefficients.
 */
export function polyLeastSquares(xs: number[], ys: number[], degree: number, l2 = 0): number[] {
  const n = xs.length;
  const d = degree + 1;
  if (n === 0) return new Array<number>(d).fill(0);
  const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const v = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    const row = legendreRow(xs[i], degree);
    for (let r = 0; r < d; r++) {
      v[r] += (row[r] * ys[i]) / n;
      for (let c = 0; c < d; c++) A[r][c] += (row[r] * row[c]) / n;
    }
  }
  for (let r = 0; r < d; r++) A[r][r] += (r > 0 ? l2 : 0) + 1e-10;
  return solve(A, v);
}

/** Closed-form training and validation MSE for every degree 0..maxDegree: the U-curve. */
export function errorByDegree(
  train: { xs: number[]; ys: number[] },
  val: { xs: number[]; ys: number[] },
  maxDegree: number,
  l2 = 0,
): { degree: number[]; train: number[]; val: number[] } {
  const out = { degree: [] as number[], train: [] as number[], val: [] as number[] };
  for (let d = 0; d <= maxDegree; d++) {
    const c = polyLeastSquares(train.xs, train.ys, d, l2);
    out.degree.push(d);
    out.train.push(polyMse(c, train.xs, train.ys));
    out.val.push(polyMse(c, val.xs, val.ys));
  }
  return out;
}

function round4(v: number): number {
  return Math.round(v * 10000) / 10000;
}
