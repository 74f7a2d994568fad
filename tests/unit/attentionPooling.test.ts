/**
 * Attention pooling: the Nadaraya-Watson estimator against its formula, the leave-one-out loss's gradient (written
 * out, and tfjs's autodiff in the model) against finite differences, and the learned kernel's loss falling,
 * leak-free, on the noisy function and on the births.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { birthsStore, parseBirths } from '../../src/engine/data/births';
import { ConfigError } from '../../src/engine/model';
import { attentionPool, gaussianAttention, leaveOneOutGradient, leaveOneOutLoss, nadarayaWatson } from '../../src/engine/math/kernelRegression';
import { attentionPoolingSpec, learnedKernelFit, learnedKernelLoss } from '../../src/engine/models/attentionPooling';
import { birthsYear, functionData, trueFunction } from '../../src/engine/models/attentionPoolingData';
import { MASK_VALUE } from '../../src/engine/nn/attention';
import { weightGrid } from '../../src/widgets/attention/heatmapGrid';
import { bufferOf, packed } from './support/textDataFixture';

beforeAll(async () => {
  await tf.setBackend('cpu');
  birthsStore.provide(parseBirths(bufferOf(packed('births'))));
});

describe('Nadaraya-Watson as attention', () => {
  const keys = [0.3, 1.1, 2.0, 2.2, 4.5];
  const values = [1, -2, 0.5, 3, 2];
  const queries = [0, 1, 2.1, 5];

  it('equals Σ K((q − x_j)/h) y_j / Σ K((q − x_j)/h) with the Gaussian K, computed directly', () => {
    for (const h of [0.2, 0.7, 3]) {
      const { fit, weights } = nadarayaWatson(queries, keys, values, h);
      queries.forEach((q, i) => {
        const k = keys.map((x) => Math.exp(-(((q - x) / h) ** 2) / 2) / Math.sqrt(2 * Math.PI));
        const z = k.reduce((a, b) => a + b, 0);
        expect(fit[i]).toBeCloseTo(k.reduce((s, kj, j) => s + kj * values[j], 0) / z, 12);
        k.forEach((kj, j) => expect(weights[i * keys.length + j]).toBeCloseTo(kj / z, 12));
      });
    }
  });

  it('gives weights that sum to 1 and average the values as h grows; a tiny h picks the nearest key', () => {
    const w = gaussianAttention(queries, keys, 1 / 0.5);
    for (let i = 0; i < queries.length; i++) expect(w.slice(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const wide = nadarayaWatson(queries, keys, values, 1e4).fit;
    wide.forEach((f) => expect(f).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 5));
    const narrow = nadarayaWatson([1.05, 2.15], keys, values, 0.01).fit;
    expect(narrow[0]).toBeCloseTo(-2, 6);
    expect(narrow[1]).toBeCloseTo(3, 6);
  });

  it('leaves each point out of its own prediction in the leave-one-out weights', () => {
    const a = gaussianAttention(keys, keys, 2, true);
    for (let i = 0; i < keys.length; i++) expect(a[i * keys.length + i]).toBe(0);
    const f = attentionPool(a, values);
    expect(leaveOneOutLoss(keys, values, 2)).toBeCloseTo(f.reduce((s, fi, i) => s + (fi - values[i]) ** 2, 0) / keys.length, 12);
  });
});

describe("the figure's weight grid", () => {
  it('keeps rows that sum to 1 when it thins 366 queries and pools 366 keys, and leaves each day out when asked', () => {
    const days = Array.from({ length: 366 }, (_, i) => i + 1);
    const g = weightGrid(days, days, 2, true);
    expect([g.rows, g.cols]).toEqual([92, 92]);
    for (let r = 0; r < g.rows; r++) expect(g.data.slice(r * g.cols, (r + 1) * g.cols).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const full = gaussianAttention(days, days, 2, true);
    expect(full[100 * 366 + 100]).toBe(0);
    expect(gaussianAttention([days[100]], days, 2, [100])[100]).toBe(0);
    expect(full[100 * 366 + 101]).toBeCloseTo(gaussianAttention([days[100]], days, 2, [100])[101], 15);
  });
});

describe('the learned kernel', () => {
  const d = functionData(1);

  it("has a gradient dL/dw that matches finite differences, written out and by tfjs's autodiff", () => {
    for (const w0 of [0.5, 1, 3]) {
      const eps = 1e-5;
      const fd = (leaveOneOutLoss(d.keys, d.values, w0 + eps) - leaveOneOutLoss(d.keys, d.values, w0 - eps)) / (2 * eps);
      expect(leaveOneOutGradient(d.keys, d.values, w0)).toBeCloseTo(fd, 6);
      const g = tf.tidy(() => {
        const mask = tf.mul(tf.eye(d.keys.length), MASK_VALUE) as tf.Tensor2D;
        return tf.grad((w: tf.Tensor) => learnedKernelLoss(tf.tensor1d(d.keys), tf.tensor1d(d.values), w, mask))(tf.scalar(w0)).dataSync()[0];
      });
      expect(Math.abs(g - fd)).toBeLessThan(2e-3 * Math.max(1, Math.abs(fd)));
    }
  });

  it("reports a fit at the queries equal to the plain-number pooling", async () => {
    const m = attentionPoolingSpec.create({ source: 'function', dataUrl: '', learningRate: 0.5, initialW: 2.5 }, 1);
    const v = await m.view();
    const ref = attentionPool(gaussianAttention(d.queries, d.keys, 2.5), d.values);
    for (let i = 0; i < ref.length; i++) expect(v.fit[i]).toBeCloseTo(ref[i], 4);
    m.dispose();
    const direct = tf.tidy(() => learnedKernelFit(tf.tensor1d([1]), tf.tensor1d([0, 2]), tf.tensor1d([3, 5]), tf.scalar(1)).dataSync()[0]);
    expect(direct).toBeCloseTo(4, 6);
  });

  it('computes in tfjs the same loss as the plain-number reference', () => {
    const l = tf.tidy(() => learnedKernelLoss(tf.tensor1d(d.keys), tf.tensor1d(d.values), tf.scalar(1.7), tf.mul(tf.eye(d.keys.length), MASK_VALUE) as tf.Tensor2D).dataSync()[0]);
    expect(l).toBeCloseTo(leaveOneOutLoss(d.keys, d.values, 1.7), 4);
  });

  it('lowers its leave-one-out loss by gradient descent on the function, leak-free', async () => {
    const m = attentionPoolingSpec.create({ source: 'function', dataUrl: '', learningRate: 0.5, initialW: 1 }, 1);
    const start = (await m.view()).loss;
    tf.dispose(m.step());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) tf.dispose(m.step());
    expect(tf.memory().numTensors).toBe(before);
    const v = await m.view();
    expect(v.loss).toBeLessThan(start - 0.2);
    expect(v.w).toBeGreaterThan(2);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before - 5);
  });

  it('lowers its loss on a year of births too, and refuses a starting w of 0', async () => {
    const m = attentionPoolingSpec.create({ source: 'births', dataUrl: '', learningRate: 0.5, initialW: 1 }, 1);
    const start = (await m.view()).loss;
    for (let i = 0; i < 3; i++) tf.dispose(m.step());
    expect((await m.view()).loss).toBeLessThan(start);
    m.dispose();
    expect(() => attentionPoolingSpec.create({ source: 'function', dataUrl: '', learningRate: 0.5, initialW: 0 }, 1)).toThrow(ConfigError);
  });

  it('reads the data as the prose says: 50 points of 2 sin x + x^0.8 on [0, 5), and the 366 days of 1988', () => {
    expect(d.keys.length).toBe(50);
    expect(d.keys.every((x) => x >= 0 && x < 5)).toBe(true);
    expect(d.truth[10]).toBeCloseTo(trueFunction(1), 12);
    const b = birthsYear(birthsStore.get());
    expect(b.keys.length).toBe(366);
  });
});
