/** Chapter 5's models: polynomial fits against least squares, K-fold splits, comparison runs, dropout's scaling. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { kfoldSplits, trainIndices } from '../../src/engine/math/kfold';
import { polyData, polyLeastSquares } from '../../src/engine/math/polynomial';
import { depthCompareSpec, regulariseCompareSpec } from '../../src/engine/models/mlpCompare';
import { polynomialKFoldSpec, polynomialSpec, type PolynomialConfig } from '../../src/engine/models/polynomial';
import { Mlp } from '../../src/engine/nn/mlp';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function polyConfig(overrides: Partial<PolynomialConfig> = {}): PolynomialConfig {
  const tr = polyData(20, 0.3, 1);
  const va = polyData(30, 0.3, 2);
  return { xs: tr.xs, ys: tr.ys, valXs: va.xs, valYs: va.ys, degree: 3, l2: 0, learningRate: 0.2, optimizer: 'sgd', ...overrides };
}

describe('polynomial regression', () => {
  it('gradient descent reaches the closed-form least-squares coefficients, with and without weight decay', async () => {
    for (const l2 of [0, 0.02]) {
      const c = polyConfig({ l2 });
      const t = new Trainer(polynomialSpec, c, 1);
      await t.step(1500);
      const coef = (await t.view()).coef as number[];
      const exact = polyLeastSquares(c.xs!, c.ys!, c.degree, l2);
      coef.forEach((v, k) => expect(v).toBeCloseTo(exact[k], 3));
      t.dispose();
    }
  });

  it('keeps the tensor count flat and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(polynomialSpec, polyConfig({ degree: 8, optimizer: 'adam', learningRate: 0.05, l2: 0.01 }), 3);
    await t.step(1);
    await t.view();
    const after1 = tf.memory().numTensors;
    await t.step(50);
    await t.view();
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('K-fold cross-validation', () => {
  it('splits partition the data: every point held out exactly once, fold sizes within one', () => {
    for (const [n, k, seed] of [[30, 5, 1], [31, 3, 2], [10, 10, 3], [57, 7, 4]]) {
      const folds = kfoldSplits(n, k, seed);
      expect(folds.length).toBe(k);
      const all = folds.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      const sizes = folds.map((f) => f.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      folds.forEach((f, i) => {
        const tr = trainIndices(folds, i);
        expect(tr.length + f.length).toBe(n);
        expect(tr.some((j) => f.includes(j))).toBe(false);
      });
    }
    expect(() => kfoldSplits(3, 5, 1)).toThrow();
  });

  it('trains the folds one after another, its loss falls, and it owns its tensors', async () => {
    const start = tf.memory().numTensors;
    const d = polyData(30, 0.3, 1);
    const t = new Trainer(polynomialKFoldSpec, { xs: d.xs, ys: d.ys, k: 3, degree: 3, l2: 0, learningRate: 0.1, optimizer: 'adam', stepsPerFold: 40, foldSeed: 1 }, 1);
    await t.step(1);
    const first = t.loss!;
    await t.view();
    const after1 = tf.memory().numTensors;
    await t.step(39);
    let v = await t.view();
    expect(v.currentFold).toBe(1);
    const losses = v.trainLoss as number[];
    // Fold 1 trained; folds 2 and 3 still at their starting loss.
    expect(losses[0]).toBeLessThan(losses[1]);
    await t.step(80);
    v = await t.view();
    expect(v.done).toBe(true);
    expect(t.loss!).toBeLessThan(first);
    await t.step(5); // past the last fold a step changes nothing
    expect((await t.view()).trainLoss).toEqual(v.trainLoss);
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('comparison models', () => {
  it('the regularisation comparison reduces its training loss and frees its tensors', async () => {
    const start = tf.memory().numTensors;
    const train = dataset2d('moons', 30, 0.15, 1);
    const test = dataset2d('moons', 60, 0.15, 2);
    const base = {
      train, test, features: 'xy' as const, hidden: [8, 8], activation: 'relu' as const, batchNorm: false, init: 'he' as const,
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' as const }, learningRate: 0.01, batchSize: 30, l1: 0, l2: 0, dropout: 0, gridSize: 6, neuronMaps: false,
    };
    const t = new Trainer(regulariseCompareSpec, { base, dropout: 0.5, l2: 0.003 }, 1);
    await t.step(1);
    const first = t.loss!;
    await t.view();
    const after1 = tf.memory().numTensors;
    await t.step(60);
    const v = await t.view();
    expect(t.loss!).toBeLessThan(first);
    expect((v.probs as Float32Array[]).length).toBe(4);
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('the depth comparison: sigmoid gradients vanish towards the input, ReLU runs learn, no leaks', async () => {
    const start = tf.memory().numTensors;
    const { train, test } = splitTrainTest(dataset2d('circle', 120, 0.05, 1), 0.25, 1);
    const t = new Trainer(depthCompareSpec, { train, test, depth: 6, width: 16, sigmoidInit: 'xavier', learningRate: 0.1, batchSize: 32 }, 1);
    await t.step(1);
    let v = await t.view();
    const after1 = tf.memory().numTensors;
    const g = v.gradNorms as number[][];
    expect(g.map((r) => r.length)).toEqual([7, 7, 7]);
    // "several orders of magnitude" between the sigmoid net's first and last weight matrix
    expect(g[0][0] / g[0][6]).toBeLessThan(1e-3);
    const start0 = v.trainLoss as number[];
    await t.step(40);
    v = await t.view();
    const now = v.trainLoss as number[];
    expect(now[1]).toBeLessThan(start0[1]);
    expect(now[2]).toBeLessThan(start0[2]);
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('dropout', () => {
  it('inverted scaling keeps the expected activation, zeroes about p of the units, and is off at inference', async () => {
    const p = 0.3;
    const net = new Mlp({ sizes: [4, 16, 2], activation: 'relu', batchNorm: false, init: 'he' }, createRng(5));
    const rng = createRng(9);
    const x = tf.tensor2d(Array.from({ length: 2000 * 4 }, () => rng.normal()), [2000, 4]);
    const [plain, dropped, inference] = tf.tidy(() => [
      net.forward(x, { training: true }).hidden[0],
      net.forward(x, { training: true, dropout: p, dropoutSeed: 42 }).hidden[0],
      net.forward(x, { training: false, dropout: p, dropoutSeed: 42 }).hidden[0],
    ]);
    const a = await plain.data();
    const b = await dropped.data();
    const c = await inference.data();
    const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, y) => s + y, 0) / v.length;
    // 32,000 units: the mean of the dropped activations is within 2% of the plain mean.
    expect(Math.abs(mean(b) / mean(a) - 1)).toBeLessThan(0.02);
    // Among units active without dropout, the fraction zeroed is about p; survivors are scaled by 1/(1 − p).
    let active = 0;
    let zeroed = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] <= 0) continue;
      active += 1;
      if (b[i] === 0) zeroed += 1;
      else expect(b[i]).toBeCloseTo(a[i] / (1 - p), 4);
    }
    expect(Math.abs(zeroed / active - p)).toBeLessThan(0.02);
    expect(Array.from(c)).toEqual(Array.from(a));
    tf.dispose([x, plain, dropped, inference]);
    net.dispose();
  });
});
