/**
 * The generative classifier of chapter 2: each class k is a Gaussian N(μ_k, Σ)
 * with one covariance Σ shared by all classes, and a prior π_k. Maximum likelihood
 * has a closed form, and Bayes' rule then gives a posterior that is a softmax of
 * functions linear in x: the boundary is a line (a hyperplane in feature space).
 */
import { solve } from './linalg';
import { softmax } from './softmax';

export interface GaussianFit {
  /** Class means μ_k (K rows of d). */
  means: number[][];
  /** Pooled covariance Σ = (1/N) Σ_i (x_i − μ_{y_i})(x_i − μ_{y_i})ᵀ, the maximum-likelihood estimate. */
  cov: number[][];
  /** Priors π_k = N_k / N. */
  priors: number[];
  /** Linear discriminants a_k(x) = w_kᵀ x + b_k with P(k | x) = softmax(a(x))_k. */
  w: number[][];
  b: number[];
}

/**
 * What both Gaussian classifiers fit from (shared covariance here, one per class in generativeQuadratic.ts):
 * the class counts n_k, the means μ_k and each class's scatter Σ_{i: y_i = k} (x_i − μ_k)(x_i − μ_k)ᵀ.
 * Throws with a readable message if there are no points or a class is empty.
 */
export function classStatistics(X: readonly (readonly number[])[], labels: readonly number[], classes: number): { n: number; counts: number[]; means: number[][]; scatter: number[][][] } {
  const n = X.length;
  if (n === 0) throw new Error('no data points');
  const d = X[0].length;
  const counts = new Array<number>(classes).fill(0);
  const means = Array.from({ length: classes }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let a = 0; a < d; a++) means[labels[i]][a] += X[i][a];
  }
  counts.forEach((c, k) => {
    if (c === 0) throw new Error(`class ${k} has no points`);
    for (let a = 0; a < d; a++) means[k][a] /= c;
  });
  const scatter = Array.from({ length: classes }, () => Array.from({ length: d }, () => new Array<number>(d).fill(0)));
  for (let i = 0; i < n; i++) {
    const k = labels[i];
    const r = X[i].map((v, a) => v - means[k][a]);
    for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) scatter[k][a][c] += r[a] * r[c];
  }
  return { n, counts, means, scatter };
}

/**
 * Fits class-conditional Gaussians with a shared covariance by maximum likelihood.
 * `X` is n rows of d features, `labels` in 0..classes−1. Throws with a readable
 * message if a class is empty or the covariance is singular.
 */
export function fitSharedGaussian(X: readonly (readonly number[])[], labels: readonly number[], classes: number): GaussianFit {
  const { n, counts, means, scatter } = classStatistics(X, labels, classes);
  const d = means[0].length;
  // Pooled: every class's scatter summed, over all n points.
  const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, c) => scatter.reduce((s, S) => s + S[a][c], 0) / n));
  const priors = counts.map((c) => c / n);
  // w_k = Σ⁻¹ μ_k and b_k = −½ μ_kᵀ Σ⁻¹ μ_k + log π_k: the quadratic term xᵀΣ⁻¹x is the same for every class and cancels.
  let w: number[][];
  try {
    w = means.map((m) => solve(cov, m));
  } catch {
    throw new Error('the pooled covariance is singular (the points lie on a line or a feature is constant)');
  }
  const b = means.map((m, k) => -0.5 * dot(m, w[k]) + Math.log(priors[k]));
  return { means, cov, priors, w, b };
}

/** P(class | x) for every class, from a fit. */
export function gaussianPosterior(fit: GaussianFit, x: readonly number[]): number[] {
  return softmax(fit.w.map((wk, k) => dot(wk, x) + fit.b[k]));
}

/**
 * For two classes, P(class 1 | x) = σ(wᵀx + b) with w = Σ⁻¹(μ₁ − μ₀) and
 * b = −½μ₁ᵀΣ⁻¹μ₁ + ½μ₀ᵀΣ⁻¹μ₀ + log(π₁/π₀): the same form as logistic regression.
 */
export function twoClassBoundary(fit: GaussianFit): { w: number[]; b: number } {
  if (fit.w.length !== 2) throw new Error('two classes only');
  return { w: fit.w[1].map((v, a) => v - fit.w[0][a]), b: fit.b[1] - fit.b[0] };
}

/** Gaussian log density log N(x; μ, Σ), for checking Bayes' rule in tests. */
export function gaussianLogDensity(x: readonly number[], mean: readonly number[], cov: number[][]): number {
  const d = x.length;
  const r = x.map((v, a) => v - mean[a]);
  const z = solve(cov, r);
  return -0.5 * dot(r, z) - 0.5 * Math.log(det(cov)) - (d / 2) * Math.log(2 * Math.PI);
}

/** Determinant by elimination with partial pivoting. */
export function det(A: number[][]): number {
  const M = A.map((r) => [...r]);
  const n = M.length;
  let s = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (M[p][c] === 0) return 0;
    if (p !== c) {
      [M[c], M[p]] = [M[p], M[c]];
      s = -s;
    }
    s *= M[c][c];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k < n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return s;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
