/**
 * Chapter 2's generative classifier with a separate covariance per class
 * (quadratic discriminant analysis): class k is N(μ_k, Σ_k). The normalising
 * constants and the quadratic forms no longer cancel between classes, so the
 * log-odds are quadratic in x and the boundary is a conic.
 */
import { classStatistics, det, gaussianLogDensity } from './generative';
import { solve } from './linalg';
import { softmax } from './softmax';

export interface SeparateGaussianFit {
  /** Class means μ_k (K rows of d). */
  means: number[][];
  /** Per-class covariances Σ_k = (1/n_k) Σ_{i: y_i = k} (x_i − μ_k)(x_i − μ_k)ᵀ, the maximum-likelihood estimates. */
  covs: number[][][];
  /** Priors π_k = n_k / n. */
  priors: number[];
}

/**
 * Fits one Gaussian per class by maximum likelihood, each with its own covariance.
 * Throws with a readable message if a class is empty or its covariance is singular.
 */
export function fitSeparateGaussians(X: readonly (readonly number[])[], labels: readonly number[], classes: number): SeparateGaussianFit {
  const { n, counts, means, scatter } = classStatistics(X, labels, classes);
  const d = means[0].length;
  // Each class's own: its scatter over its own n_k points.
  const covs = scatter.map((S, k) => S.map((row) => row.map((v) => v / counts[k])));
  covs.forEach((S, k) => {
    // A relative test: the determinant of a d×d covariance scales like (variance)^d.
    const scale = S.reduce((s, row, a) => s + row[a], 0) / d;
    if (!(scale > 0) || Math.abs(det(S)) <= 1e-12 * scale ** d)
      throw new Error(`class ${k}'s covariance is singular (too few points for ${d} features, or its points lie on a line)`);
  });
  return { means, covs, priors: counts.map((c) => c / n) };
}

/** The discriminant a_k(x) = log π_k + log N(x; μ_k, Σ_k); P(k | x) = softmax(a(x))_k. */
export function quadraticScores(fit: SeparateGaussianFit, x: readonly number[]): number[] {
  return fit.means.map((m, k) => Math.log(fit.priors[k]) + gaussianLogDensity(x, m, fit.covs[k]));
}

/** P(class | x) for every class, from a separate-covariance fit. */
export function quadraticPosterior(fit: SeparateGaussianFit, x: readonly number[]): number[] {
  return softmax(quadraticScores(fit, x));
}

/**
 * For two classes, the log-odds log P(1|x)/P(0|x) = xᵀAx + wᵀx + c with
 * A = −½(Σ₁⁻¹ − Σ₀⁻¹), w = Σ₁⁻¹μ₁ − Σ₀⁻¹μ₀ and
 * c = −½μ₁ᵀΣ₁⁻¹μ₁ + ½μ₀ᵀΣ₀⁻¹μ₀ − ½log(det Σ₁ / det Σ₀) + log(π₁/π₀).
 * A = 0 exactly when Σ₁ = Σ₀: the shared-covariance case, a line.
 */
export function quadraticBoundary(fit: SeparateGaussianFit): { A: number[][]; w: number[]; c: number } {
  if (fit.means.length !== 2) throw new Error('two classes only');
  const d = fit.means[0].length;
  const inv = (S: number[][]) => {
    const cols = Array.from({ length: d }, (_, j) => solve(S, Array.from({ length: d }, (_, i) => (i === j ? 1 : 0))));
    return Array.from({ length: d }, (_, i) => cols.map((col) => col[i]));
  };
  const [P0, P1] = fit.covs.map(inv);
  const mv = (M: number[][], v: readonly number[]) => M.map((row) => dot(row, v));
  const [m0, m1] = fit.means;
  const A = P1.map((row, i) => row.map((v, j) => -0.5 * (v - P0[i][j])));
  const q0 = mv(P0, m0);
  const q1 = mv(P1, m1);
  const w = q1.map((v, i) => v - q0[i]);
  const c = -0.5 * dot(m1, q1) + 0.5 * dot(m0, q0) - 0.5 * Math.log(det(fit.covs[1]) / det(fit.covs[0])) + Math.log(fit.priors[1] / fit.priors[0]);
  return { A, w, c };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
