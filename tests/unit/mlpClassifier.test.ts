/** The MLP classifier: it learns XOR and spiral, its batch norm behaves, and it owns every tensor. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { mlpClassifierSpec, type MlpClassifierConfig } from '../../src/engine/models/mlpClassifier';
import { Mlp } from '../../src/engine/nn/mlp';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function config(kind: 'xor' | 'spiral' | 'circle', overrides: Partial<MlpClassifierConfig> = {}): MlpClassifierConfig {
  const { train, test } = splitTrainTest(dataset2d(kind, 200, 0.02, 1), 0.3, 1);
  return {
    train, test, features: 'xy', hidden: [8, 8], activation: 'tanh', batchNorm: false, init: 'auto',
    optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.03, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: 8, neuronMaps: true,
    ...overrides,
  };
}

describe('MLP classifier', () => {
  it('solves XOR, which no linear model can', async () => {
    const t = new Trainer(mlpClassifierSpec, config('xor'), 1);
    await t.step(400);
    const v = await t.view();
    expect(v.testAccuracy as number).toBeGreaterThan(0.9);
    expect((v.probs as Float32Array).length).toBe(8 * 8 * 2);
    // one [units x grid cells] map per hidden layer
    expect((v.neurons as Float32Array[]).map((n) => n.length)).toEqual([8 * 64, 8 * 64]);
    t.dispose();
  });

  it('a network with no hidden layer (logistic regression) cannot', async () => {
    const t = new Trainer(mlpClassifierSpec, config('xor', { hidden: [] }), 1);
    await t.step(400);
    expect((await t.view()).testAccuracy as number).toBeLessThan(0.75);
    t.dispose();
  });

  it('keeps the tensor count flat over steps and returns to it after dispose, with batch norm and dropout', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(mlpClassifierSpec, config('circle', { batchNorm: true, dropout: 0.2, l2: 1e-3, l1: 1e-4 }), 2);
    await t.step(1);
    await t.view();
    const after1 = tf.memory().numTensors;
    await t.step(300);
    await t.view();
    expect(tf.memory().numTensors).toBe(after1);
    t.configure(config('spiral', { batchNorm: true, dropout: 0.2 }));
    await t.step(5);
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('refuses zero training points and zero units with a message, not a crash', async () => {
    const empty = config('xor');
    const t = new Trainer(mlpClassifierSpec, { ...empty, train: { ...empty.train, x: [], y: [], label: [] } }, 1);
    expect(t.state).toBe('error');
    expect(t.message).toMatch(/No training points/);
    await t.step(3);
    expect(t.loss).toBeNull();
    const u = new Trainer(mlpClassifierSpec, config('xor', { hidden: [0] }), 1);
    expect(u.message).toMatch(/units/);
    u.configure(config('xor'));
    expect(u.state).toBe('idle');
    await u.step(2);
    expect(Number.isFinite(u.loss)).toBe(true);
    u.dispose();
  });

  it('a huge learning rate diverges and says so', async () => {
    const t = new Trainer(mlpClassifierSpec, config('spiral', { learningRate: 1e6, optimizer: DEFAULT_OPTIMIZER, activation: 'tanh' }), 1);
    for (let i = 0; i < 20 && t.state !== 'diverged'; i++) await t.step(1);
    expect(t.state).toBe('diverged');
    expect(t.loss).toBeNull();
    t.dispose();
  });

  it('batch norm normalises with batch statistics in training and running statistics at inference', async () => {
    const net = new Mlp({ sizes: [2, 4, 2], activation: 'linear', batchNorm: true, init: 'xavier' }, createRng(3));
    const x = tf.tensor2d([[1, 2], [3, -1], [0.5, 0.5], [-2, 1]]);
    const z = tf.tidy(() => net.forward(x, { training: true }).preActivations[0]);
    const { mean, variance } = tf.moments(z, 0);
    (await mean.data()).forEach((m) => expect(m).toBeCloseTo(0, 5));
    (await variance.data()).forEach((v) => expect(v).toBeCloseTo(1, 2));
    // After one training batch the running mean moved 10% of the way to the batch mean.
    const pre = tf.tidy(() => tf.add(tf.matMul(x, net.weights[0]), net.biases[0]));
    const batchMean = await tf.mean(pre, 0).data();
    const running = await net.runningMean[0].data();
    batchMean.forEach((m, i) => expect(running[i]).toBeCloseTo(0.1 * m, 5));
    // Inference uses the running statistics, so it differs from the training output.
    const zi = tf.tidy(() => net.forward(x, { training: false }).preActivations[0]);
    expect(Math.abs((await zi.data())[0] - (await z.data())[0])).toBeGreaterThan(1e-3);
    tf.dispose([x, z, mean, variance, pre, zi]);
    net.dispose();
  });
});
