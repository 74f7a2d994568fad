/**
 * Chapter 2's plain-number math against references: softmax and cross-entropy
 * against tf.grad and finite differences, the shared-covariance Gaussian
 * classifier against a hand computation and Bayes' rule.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { binaryCrossEntropy, crossEntropy, crossEntropyGrad, parseLogits, sigmoid, softmax } from '../../src/engine/math/softmax';
import { fitSharedGaussian, gaussianLogDensity, gaussianPosterior, twoClassBoundary } from '../../src/engine/math/generative';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const fd = (f: (v: number[]) => number, v: number[], h = 1e-5) =>
  v.map((_, j) => {
    const up = [...v];
    const dn = [...v];
    up[j] += h;
    dn[j] -= h;
    return (f(up) - f(dn)) / (2 * h);
  });

describe('softmax and cross-entropy', () => {
  const o = [2, -1, 0.5, 3.2];
  it('softmax sums to one, is shift-invariant and survives huge logits', () => {
    const p = softmax(o);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    softmax(o.map((v) => v + 100)).forEach((q, j) => expect(q).toBeCloseTo(p[j], 12));
    const big = softmax([1000, 0]);
    expect(big[0]).toBe(1);
    expect(Number.isFinite(crossEntropy([1000, 0], 1))).toBe(true);
  });

  it('matches tf.softmax, also at temperatures', () => {
    for (const T of [0.25, 1, 4]) {
      const ref = tf.tidy(() => tf.softmax(tf.div(tf.tensor1d(o), T)).arraySync() as number[]);
      softmax(o, T).forEach((p, j) => expect(p).toBeCloseTo(ref[j], 6));
    }
  });

  it('temperature to 0 goes to the argmax, to infinity goes to uniform', () => {
    expect(softmax(o, 0.01)[3]).toBeGreaterThan(0.999);
    softmax(o, 1e4).forEach((p) => expect(p).toBeCloseTo(0.25, 3));
  });

  it('the gradient of cross-entropy is softmax(o) − y: finite differences', () => {
    for (let y = 0; y < o.length; y++) {
      const num = fd((v) => crossEntropy(v, y), o);
      const g = crossEntropyGrad(o, y);
      g.forEach((v, j) => expect(v).toBeCloseTo(num[j], 6));
      // the identity itself
      softmax(o).forEach((p, j) => expect(g[j]).toBeCloseTo(p - (j === y ? 1 : 0), 12));
      // the gradient sums to zero: raising every logit equally changes nothing
      expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    }
  });

  it('the gradient of cross-entropy is softmax(o) − y: tf.grad', () => {
    const y = 2;
    const onehot = tf.oneHot(tf.tensor1d([y], 'int32'), o.length).toFloat().squeeze() as tf.Tensor1D;
    const g = tf.grad((v: tf.Tensor) => tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(v)))))(tf.tensor1d(o));
    const ref = g.arraySync() as number[];
    crossEntropyGrad(o, y).forEach((v, j) => expect(v).toBeCloseTo(ref[j], 5));
    tf.dispose([onehot, g]);
  });

  it('binary cross-entropy equals two-class cross-entropy with logits (0, z), and its derivative is σ(z) − y', () => {
    for (const z of [-30, -2, 0, 0.7, 5, 40]) {
      for (const y of [0, 1]) {
        expect(binaryCrossEntropy(z, y)).toBeCloseTo(crossEntropy([0, z], y), 9);
        const num = (binaryCrossEntropy(z + 1e-5, y) - binaryCrossEntropy(z - 1e-5, y)) / 2e-5;
        expect(num).toBeCloseTo(sigmoid(z) - y, 6);
      }
    }
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });

  it('parses logits from text and refuses bad input with a message', () => {
    expect(parseLogits('2, 1, 0.1')).toEqual({ ok: true, value: [2, 1, 0.1] });
    expect(parseLogits('2 -1e1')).toEqual({ ok: true, value: [2, -10] });
    expect(parseLogits('abc')).toEqual({ ok: false, message: '"abc" is not a number.' });
    for (const bad of ['abc', '1, abc', '1', '', '1, NaN', '1, Infinity', '1, 1e9', '1,,']) {
      const r = parseLogits(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toMatch(/NaN$/);
    }
  });
});

describe('Gaussian classes with a shared covariance', () => {
  // Tiny data: class 0 at (0,0),(2,0),(0,2); class 1 at (3,3),(5,3).
  const X = [[0, 0], [2, 0], [0, 2], [3, 3], [5, 3]];
  const labels = [0, 0, 0, 1, 1];

  it('maximum likelihood: class means, pooled covariance (divided by N), priors; by hand', () => {
    const fit = fitSharedGaussian(X, labels, 2);
    expect(fit.means[0][0]).toBeCloseTo(2 / 3, 12);
    expect(fit.means[0][1]).toBeCloseTo(2 / 3, 12);
    expect(fit.means[1]).toEqual([4, 3]);
    expect(fit.priors).toEqual([0.6, 0.4]);
    // Residuals, class 0: (−2/3,−2/3), (4/3,−2/3), (−2/3,4/3); class 1: (−1,0), (1,0).
    // Σxx = (4/9 + 16/9 + 4/9 + 1 + 1)/5 = (24/9 + 2)/5; Σyy = 24/9/5; Σxy = (4/9 − 8/9 − 8/9)/5.
    expect(fit.cov[0][0]).toBeCloseTo((24 / 9 + 2) / 5, 12);
    expect(fit.cov[1][1]).toBeCloseTo(24 / 9 / 5, 12);
    expect(fit.cov[0][1]).toBeCloseTo(-12 / 9 / 5, 12);
    expect(fit.cov[1][0]).toBeCloseTo(fit.cov[0][1], 12);
  });

  it('the posterior is Bayes rule with Gaussian densities, and it is σ(wᵀx + b): linear in x', () => {
    const fit = fitSharedGaussian(X, labels, 2);
    const { w, b } = twoClassBoundary(fit);
    for (const x of [[1, 1], [3, 0.5], [-2, 4], [4, 4]]) {
      const l0 = Math.log(fit.priors[0]) + gaussianLogDensity(x, fit.means[0], fit.cov);
      const l1 = Math.log(fit.priors[1]) + gaussianLogDensity(x, fit.means[1], fit.cov);
      const bayes = 1 / (1 + Math.exp(l0 - l1));
      expect(gaussianPosterior(fit, x)[1]).toBeCloseTo(bayes, 10);
      expect(sigmoid(w[0] * x[0] + w[1] * x[1] + b)).toBeCloseTo(bayes, 10);
    }
    // Linear: the log-odds along any line in the plane change at a constant rate.
    const logOdds = (x: number[]) => {
      const p = gaussianPosterior(fit, x);
      return Math.log(p[1] / p[0]);
    };
    const a = logOdds([0, 0]);
    const m = logOdds([1, 2]);
    const e = logOdds([2, 4]);
    expect(m - a).toBeCloseTo(e - m, 10);
  });

  it('with equal priors the boundary passes through the midpoint of the means', () => {
    const fit = fitSharedGaussian([[0, 0], [1, 0], [0, 1], [4, 0], [5, 0], [4, 1]], [0, 0, 0, 1, 1, 1], 2);
    const { w, b } = twoClassBoundary(fit);
    const mid = [(1 / 3 + 13 / 3) / 2, 1 / 3];
    expect(w[0] * mid[0] + w[1] * mid[1] + b).toBeCloseTo(0, 10);
  });

  it('a singular covariance and an empty class give messages', () => {
    expect(() => fitSharedGaussian([[0, 0], [1, 0], [2, 0], [3, 0]], [0, 0, 1, 1], 2)).toThrow(/singular/);
    expect(() => fitSharedGaussian([[0, 0], [1, 1]], [0, 0], 2)).toThrow(/no points/);
  });
});
