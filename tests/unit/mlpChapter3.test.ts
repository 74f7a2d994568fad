/**
 * Chapter 3's models: regression mode's squared error against a hand computation,
 * the comparison and curve-fit models learn and own every tensor, and the numbers
 * the prose quotes (parameter counts, σ′ ≤ 0.25, hard sigmoid = two ReLUs).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { regression2d, splitWithTargets } from '../../src/engine/data/regression2d';
import { curveSamples, hardSigmoid, hardSigmoidFromRelus } from '../../src/engine/math/curves';
import { curveFitSpec, type CurveFitConfig } from '../../src/engine/models/curveFit';
import { mlpClassifierSpec, type MlpClassifierConfig } from '../../src/engine/models/mlpClassifier';
import { hiddenLayerCompareSpec } from '../../src/engine/models/hiddenLayerCompare';
import { Mlp } from '../../src/engine/nn/mlp';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';
import { parameterCount } from '../../src/widgets/mlp/ParamCountQuiz';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function regressionConfig(hidden: number[]): MlpClassifierConfig {
  const d = regression2d('bumps', 120, 0.02, 4);
  const s = splitWithTargets(d, d.target, 0.25, 4);
  return {
    train: s.train, test: s.test, targets: s.targets!, features: 'xy', hidden, activation: 'tanh', batchNorm: false, init: 'auto',
    optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.02, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: 6, neuronMaps: true,
  };
}

describe('regression mode', () => {
  it('reports ½ mean squared error, equal to a hand computation from the weights', async () => {
    const c = regressionConfig([]);
    const t = new Trainer(mlpClassifierSpec, c, 2);
    await t.step(3);
    const v = await t.view();
    const [w, b] = (await t.exportWeights()).slice(0, 2); // W [2 x 1], b [1]
    const half = (xs: number[], ys: number[], ts: number[]) => xs.reduce((s, x, i) => s + 0.5 * (w[0] * x + w[1] * ys[i] + b[0] - ts[i]) ** 2, 0) / xs.length;
    expect(v.trainLoss as number).toBeCloseTo(half(c.train.x, c.train.y, c.targets!.train), 5);
    expect(v.testLoss as number).toBeCloseTo(half(c.test.x, c.test.y, c.targets!.test), 5);
    expect((v.outputs as Float32Array).length).toBe(36);
    expect(v.confusion).toEqual([]);
    t.dispose();
  });

  it('an MLP learns the two bumps, with flat tensor counts', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(mlpClassifierSpec, regressionConfig([8, 8]), 1);
    const before = (await t.view()).testLoss as number;
    await t.step(1);
    const flat = tf.memory().numTensors;
    await t.step(300);
    await t.view();
    expect(tf.memory().numTensors).toBe(flat);
    expect((await t.view()).testLoss as number).toBeLessThan(before / 2);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('comparison model (XOR figure)', () => {
  it('no hidden layer stays near chance on XOR while one hidden layer solves it; no leaks', async () => {
    const start = tf.memory().numTensors;
    const data = splitTrainTest(dataset2d('xor', 300, 0.03, 1), 0.3, 1);
    const base: MlpClassifierConfig = {
      ...data, features: 'xy', hidden: [], activation: 'tanh', batchNorm: false, init: 'auto',
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.03, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: 4, neuronMaps: false,
    };
    const t = new Trainer(hiddenLayerCompareSpec, { base, hidden: [[], [4]] }, 1);
    await t.step(1);
    const flat = tf.memory().numTensors;
    await t.step(500);
    const runs = (await t.view()).runs as { testAccuracy: number }[];
    expect(tf.memory().numTensors).toBe(flat);
    expect(runs[0].testAccuracy).toBeLessThan(0.75);
    expect(runs[1].testAccuracy).toBeGreaterThan(0.9);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe("the XOR figure's prose: seeds 1 to 3", () => {
  it('no hidden layer ends between about 20% and 70% test accuracy with a training loss near ln 2; four hidden units solve it', async () => {
    for (const seed of [1, 2, 3]) {
      const data = splitTrainTest(dataset2d('xor', 300, 0.03, seed), 0.3, seed);
      const base: MlpClassifierConfig = {
        ...data, features: 'xy', hidden: [], activation: 'tanh', batchNorm: false, init: 'auto', plainJs: true,
        optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.03, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: 4, neuronMaps: false,
      };
      const t = new Trainer(hiddenLayerCompareSpec, { base, hidden: [[], [4]] }, seed);
      await t.step(5000);
      const runs = (await t.view()).runs as { testAccuracy: number; trainLoss: number }[];
      expect(runs[0].testAccuracy).toBeGreaterThan(0.2);
      expect(runs[0].testAccuracy).toBeLessThan(0.72);
      expect(Math.abs(runs[0].trainLoss - Math.log(2))).toBeLessThan(0.05);
      expect(runs[1].testAccuracy).toBeGreaterThan(0.95);
      t.dispose();
    }
  });
});

describe('curve fit', () => {
  for (const activation of ['relu', 'sigmoid'] as const) {
    it(`${activation}: the loss falls, components sum to the fit, tensors stay flat`, async () => {
      const start = tf.memory().numTensors;
      const data = curveSamples('zigzag', 41);
      const gridXs = [-1, -0.5, 0, 0.5, 1];
      const c: CurveFitConfig = { ...data, units: 6, activation, learningRate: 0.03, gridXs };
      const t = new Trainer(curveFitSpec, c, 1);
      await t.step(1);
      const first = t.loss!;
      const flat = tf.memory().numTensors;
      await t.step(400);
      expect(tf.memory().numTensors).toBe(flat);
      expect(t.loss!).toBeLessThan(first / 3);
      const v = await t.view();
      const fit = v.fit as Float32Array;
      const comps = v.components as Float32Array;
      gridXs.forEach((_, j) => {
        let sum = v.constant as number;
        for (let i = 0; i < 6; i++) sum += comps[i * gridXs.length + j];
        expect(fit[j]).toBeCloseTo(sum, 4);
      });
      t.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  }
});

describe('numbers in the chapter 3 prose', () => {
  it('parameter counts: (d + 1)m + (m + 1)k', () => {
    const count = (sizes: number[]) => {
      const net = new Mlp({ sizes, activation: 'relu', batchNorm: false, init: 'auto' }, createRng(1));
      const n = net.parameterCount();
      net.dispose();
      return n;
    };
    // one hidden layer on 28x28 digits: (784 + 1) 256 + (256 + 1) 10
    expect(count([784, 256, 10])).toBe(785 * 256 + 257 * 10);
    expect(count([784, 256, 10])).toBe(203_530);
    // the playground's default [8, 8] on two inputs and two classes, and the benchmark's 8-8-8-8
    expect(count([2, 8, 8, 2])).toBe(114);
    expect(count([2, 8, 8, 8, 8, 2])).toBe(258);
    // the same network with no hidden layer: (2 + 1) 2
    expect(count([2, 2])).toBe(6);
  });

  it('σ′(z) = σ(z)(1 − σ(z)) peaks at 0.25, at z = 0; 0.25^10 ≈ 9.5e-7', () => {
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    let best = 0;
    for (let z = -10; z <= 10; z += 0.001) best = Math.max(best, s(z) * (1 - s(z)));
    expect(best).toBeCloseTo(0.25, 10);
    expect(s(5) * (1 - s(5))).toBeCloseTo(0.0066, 4);
    expect(0.25 ** 10).toBeCloseTo(9.54e-7, 9);
    // tanh′(0) = 1
    expect(1 - Math.tanh(0) ** 2).toBe(1);
  });

  it('exercises: 10-32-3 has 451 parameters; ReLU XOR weights; activation memory for 20 x 1000 x 64', () => {
    expect(parameterCount([10, 32, 3])).toBe(451);
    expect((10 + 1) * 32).toBe(352);
    const relu = (z: number) => Math.max(0, z);
    const xor = ([a, b]: number[]) => relu(a + b) - 2 * relu(a + b - 1);
    expect([[0, 0], [0, 1], [1, 0], [1, 1]].map(xor)).toEqual([0, 1, 1, 0]);
    expect(20 * 1000 * 64).toBe(1_280_000);
    expect((20 * 1000 * 64 * 4) / 1e6).toBeCloseTo(5.12, 2);
    // tanh(z) = 2σ(2z) − 1
    for (const z of [-2, -0.3, 0, 1.7]) expect(Math.tanh(z)).toBeCloseTo(2 / (1 + Math.exp(-2 * z)) - 1, 12);
  });

  it('a hard sigmoid is two ReLUs', () => {
    for (let x = -2; x <= 2; x += 0.01) expect(hardSigmoidFromRelus(x, -0.3, 0.5)).toBeCloseTo(hardSigmoid(x, -0.3, 0.5), 12);
  });

  it('two linear layers collapse to one: W2(W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2)', () => {
    const W1 = [[1, 2], [-1, 0.5], [0, 3]]; // 3 x 2
    const b1 = [0.5, -1, 2];
    const W2 = [[2, -1, 1]]; // 1 x 3
    const b2 = [0.25];
    const x = [0.7, -1.3];
    const h = W1.map((r, i) => r[0] * x[0] + r[1] * x[1] + b1[i]);
    const two = W2[0].reduce((s, w, i) => s + w * h[i], b2[0]);
    const W = [0, 1].map((j) => W2[0].reduce((s, w, i) => s + w * W1[i][j], 0));
    const b = W2[0].reduce((s, w, i) => s + w * b1[i], b2[0]);
    expect(W).toEqual([3, 6.5]);
    expect(b).toBe(4.25);
    expect(two).toBeCloseTo(W[0] * x[0] + W[1] * x[1] + b, 12);
  });
});
