/**
 * The separate-covariance Gaussian classifier (QDA) of chapter 2: the fit by hand,
 * the class-conditional densities and the quadratic boundary against a direct
 * 2×2 computation, and the numbers the text quotes.
 */
import { describe, expect, it } from 'vitest';
import { dataset2d } from '../../src/engine/data/classification2d';
import { generativeClassifier, quadraticGenerativeClassifier } from '../../src/engine/math/generativeClassifier';
import { fitSeparateGaussians, quadraticBoundary, quadraticPosterior } from '../../src/engine/math/generativeQuadratic';
import { gaussianLogDensity } from '../../src/engine/math/generative';

/** log N(x; μ, Σ) for d = 2 written out: Σ⁻¹ = adj(Σ)/det Σ. */
function logDensity2(x: number[], m: number[], S: number[][]): number {
  const D = S[0][0] * S[1][1] - S[0][1] * S[1][0];
  const r0 = x[0] - m[0];
  const r1 = x[1] - m[1];
  const q = (S[1][1] * r0 * r0 - 2 * S[0][1] * r0 * r1 + S[0][0] * r1 * r1) / D;
  return -0.5 * q - 0.5 * Math.log(D) - Math.log(2 * Math.PI);
}

describe('Gaussian classes, one covariance each', () => {
  // Class 0: a tight triangle near the origin; class 1: a wide spread further out.
  const X = [[0, 0], [1, 0], [0, 1], [4, 4], [8, 4], [4, 8], [9, 9]];
  const labels = [0, 0, 0, 1, 1, 1, 1];

  it('maximum likelihood: each class its own mean and covariance (divided by n_k); by hand', () => {
    const fit = fitSeparateGaussians(X, labels, 2);
    expect(fit.priors).toEqual([3 / 7, 4 / 7]);
    expect(fit.means[0][0]).toBeCloseTo(1 / 3, 12);
    expect(fit.means[1]).toEqual([25 / 4, 25 / 4]);
    // Class 0 residuals (−1/3,−1/3), (2/3,−1/3), (−1/3,2/3): Σxx = Σyy = 6/9/3, Σxy = −3/9/3.
    expect(fit.covs[0][0][0]).toBeCloseTo(2 / 9, 12);
    expect(fit.covs[0][0][1]).toBeCloseTo(-1 / 9, 12);
    // Class 1 residuals (−9/4,−9/4), (7/4,−9/4), (−9/4,7/4), (11/4,11/4).
    expect(fit.covs[1][0][0]).toBeCloseTo((81 + 49 + 81 + 121) / 16 / 4, 12);
    expect(fit.covs[1][0][1]).toBeCloseTo((81 - 63 - 63 + 121) / 16 / 4, 12);
  });

  it('class-conditional densities and the posterior agree with the 2×2 formula and Bayes rule', () => {
    const fit = fitSeparateGaussians(X, labels, 2);
    for (const x of [[0.5, 0.5], [2, 2], [3, -1], [6, 7], [-2, 5]]) {
      for (const k of [0, 1]) expect(gaussianLogDensity(x, fit.means[k], fit.covs[k])).toBeCloseTo(logDensity2(x, fit.means[k], fit.covs[k]), 10);
      const j0 = fit.priors[0] * Math.exp(logDensity2(x, fit.means[0], fit.covs[0]));
      const j1 = fit.priors[1] * Math.exp(logDensity2(x, fit.means[1], fit.covs[1]));
      expect(quadraticPosterior(fit, x)[1]).toBeCloseTo(j1 / (j0 + j1), 10);
    }
  });

  it('the log-odds are xᵀAx + wᵀx + c, quadratic in x, with A = −½(Σ₁⁻¹ − Σ₀⁻¹) ≠ 0', () => {
    const fit = fitSeparateGaussians(X, labels, 2);
    const { A, w, c } = quadraticBoundary(fit);
    const logOdds = (x: number[]) => logDensity2(x, fit.means[1], fit.covs[1]) - logDensity2(x, fit.means[0], fit.covs[0]) + Math.log(fit.priors[1] / fit.priors[0]);
    for (const x of [[0, 0], [1, 2], [5, -3], [7, 7]]) {
      const form = A[0][0] * x[0] ** 2 + (A[0][1] + A[1][0]) * x[0] * x[1] + A[1][1] * x[1] ** 2 + w[0] * x[0] + w[1] * x[1] + c;
      expect(form).toBeCloseTo(logOdds(x), 9);
    }
    // Not linear: the log-odds along a line have a non-zero second difference.
    const at = (t: number) => logOdds([t, t]);
    expect(Math.abs(at(2) - 2 * at(1) + at(0))).toBeGreaterThan(1);
  });

  it('classes that are shifted copies of one another have equal covariances, A = 0, and a straight boundary', () => {
    const fit = fitSeparateGaussians([[0, 0], [2, 0], [0, 1], [5, 5], [7, 5], [5, 6]], [0, 0, 0, 1, 1, 1], 2);
    const { A } = quadraticBoundary(fit);
    for (const row of A) for (const v of row) expect(v).toBeCloseTo(0, 12);
  });

  it('a singular class covariance and an empty class give messages', () => {
    expect(() => fitSeparateGaussians([[0, 0], [1, 1], [2, 2], [5, 0], [6, 2], [5, 3]], [0, 0, 0, 1, 1, 1], 2)).toThrow(/class 0's covariance is singular/);
    expect(() => fitSeparateGaussians([[0, 0], [1, 1]], [0, 0], 2)).toThrow(/no points/);
    // Ten circle points in the five quadratic features: five per class cannot fill five dimensions.
    expect(() => quadraticGenerativeClassifier(dataset2d('circle', 10, 0.1, 1), 'quadratic')).toThrow(/singular/);
  });
});

describe('numbers in chapter 2: shared against separate covariances (200 points, noise 0.1, seed 1)', () => {
  const acc = (kind: 'circle' | 'xor' | 'gaussians', sep: boolean) => {
    const d = dataset2d(kind, 200, 0.1, 1);
    return (sep ? quadraticGenerativeClassifier(d, 'linear') : generativeClassifier(d, 'linear')).accuracy;
  };
  it('circle, plain features: 55.0% shared, 95.0% separate', () => {
    expect(acc('circle', false)).toBe(0.55);
    expect(acc('circle', true)).toBe(0.95);
  });
  it('XOR, plain features: 56.5% shared, 98.5% separate', () => {
    expect(acc('xor', false)).toBe(0.565);
    expect(acc('xor', true)).toBe(0.985);
  });
  it('two Gaussian blobs: 99.5% either way', () => {
    expect(acc('gaussians', false)).toBe(0.995);
    expect(acc('gaussians', true)).toBe(0.995);
  });
});
