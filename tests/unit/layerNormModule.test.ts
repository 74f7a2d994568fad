/**
 * Layer norm against its formula (plain loops), against tf.layers.layerNormalization with the same
 * weights, and its written-out gradient against autodiff of the formula and finite differences.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LAYER_NORM_EPSILON, LayerNorm, layerNorm } from '../../src/engine/nn/layerNorm';
import { ParamStore } from '../../src/engine/nn/params';
import { createRng } from '../../src/engine/rng';
import { flat, maxDiff, randMat, type Mat } from './support/attentionRef';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const D = 6;
const x = randMat(8, D, 11);
const gamma = randMat(1, D, 12)[0];
const beta = randMat(1, D, 13)[0];

/** y = γ (x − μ) / √(σ² + ε) + β per row, in float64. */
function formula(rows: Mat, g: number[], b: number[], eps = LAYER_NORM_EPSILON): Mat {
  return rows.map((r) => {
    const mu = r.reduce((a, v) => a + v, 0) / r.length;
    const v = r.reduce((a, u) => a + (u - mu) ** 2, 0) / r.length;
    return r.map((u, j) => (g[j] * (u - mu)) / Math.sqrt(v + eps) + b[j]);
  });
}

describe('layer norm', () => {
  it('ε is tf.layers\' default, 1e-3', () => {
    expect(LAYER_NORM_EPSILON).toBe(1e-3);
  });

  it('matches its formula to 1e-5, on rank 2 and rank 3', () => {
    const y = layerNorm(tf.tensor2d(x), tf.tensor1d(gamma), tf.tensor1d(beta));
    expect(maxDiff(y.dataSync(), flat(formula(x, gamma, beta)))).toBeLessThan(1e-5);
    const y3 = layerNorm(tf.tensor3d([x.slice(0, 4), x.slice(4)]), tf.tensor1d(gamma), tf.tensor1d(beta));
    expect(maxDiff(y3.dataSync(), flat(formula(x, gamma, beta)))).toBeLessThan(1e-5);
  });

  it('matches tf.layers.layerNormalization with the same weights to 1e-5', () => {
    const store = new ParamStore(createRng(1));
    const ours = new LayerNorm(store, D);
    ours.gamma.assign(tf.tensor1d(gamma));
    ours.beta.assign(tf.tensor1d(beta));
    const keras = tf.layers.layerNormalization({ axis: -1, inputShape: [4, D] });
    const input = tf.tensor3d([x.slice(0, 4), x.slice(4)]);
    keras.apply(input); // builds the layer
    keras.setWeights([tf.tensor1d(gamma), tf.tensor1d(beta)]);
    const want = keras.apply(input) as tf.Tensor;
    expect(maxDiff(ours.apply(input).dataSync(), want.dataSync())).toBeLessThan(1e-5);
    keras.dispose();
    store.dispose();
  });

  it('its gradient matches autodiff of the formula and finite differences, for x, γ and β', () => {
    const w = tf.tensor2d(randMat(8, D, 14)); // a fixed readout, so that the loss is not Σ y (whose dx is 0)
    const plain = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(a, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON))), g), b);
    };
    const inputs = [tf.tensor2d(x), tf.tensor1d(gamma), tf.tensor1d(beta)];
    const ours = tf.grads((a, g, b) => tf.sum(tf.mul(layerNorm(a, g, b), w)))(inputs);
    const auto = tf.grads((a, g, b) => tf.sum(tf.mul(plain(a, g, b), w)))(inputs);
    ours.forEach((g, i) => expect(maxDiff(g.dataSync(), auto[i].dataSync())).toBeLessThan(1e-5));
    const wm = w.arraySync() as Mat;
    const loss = (rows: Mat, g: number[], b: number[]) => formula(rows, g, b).reduce((s, r, i) => s + r.reduce((t, v, j) => t + v * wm[i][j], 0), 0);
    const h = 1e-6;
    const dx = ours[0].arraySync() as Mat;
    for (let i = 0; i < x.length; i++)
      for (let j = 0; j < D; j++) {
        const p = x.map((r) => [...r]);
        const m = x.map((r) => [...r]);
        p[i][j] += h;
        m[i][j] -= h;
        expect(Math.abs((loss(p, gamma, beta) - loss(m, gamma, beta)) / (2 * h) - dx[i][j])).toBeLessThan(1e-4);
      }
    const dg = ours[1].arraySync() as number[];
    for (let j = 0; j < D; j++) {
      const p = [...gamma];
      const m = [...gamma];
      p[j] += h;
      m[j] -= h;
      expect(Math.abs((loss(x, p, beta) - loss(x, m, beta)) / (2 * h) - dg[j])).toBeLessThan(1e-4);
    }
  });

  it('leaves no tensor behind, with or without a gradient', () => {
    const store = new ParamStore(createRng(2));
    const ln = new LayerNorm(store, D);
    const input = tf.tensor2d(x);
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      ln.apply(input);
    });
    tf.tidy(() => {
      tf.variableGrads(() => tf.sum(tf.square(ln.apply(input))) as tf.Scalar, store.variables());
    });
    expect(tf.memory().numTensors).toBe(start);
    input.dispose();
    store.dispose();
  });
});
