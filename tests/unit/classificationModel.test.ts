/**
 * Chapter 2's trainer: the hand-written gradient against tf.grad, training that
 * lowers the loss and separates separable data, and no tensor leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dataset2d } from '../../src/engine/data/classification2d';
import { featureMatrix } from '../../src/engine/math/features';
import { classifierLoss, handGradients, linearClassifierSpec, logits, targets, type Head, type LinearClassifierConfig } from '../../src/engine/models/logistic';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const cfg = (kind: Parameters<typeof dataset2d>[0], features: 'linear' | 'quadratic', over: Partial<LinearClassifierConfig> = {}): LinearClassifierConfig => {
  const d = dataset2d(kind, 200, 0.1, 1);
  return { x: d.x, y: d.y, label: d.label, classes: d.classes, features, learningRate: 1, batchSize: 32, ...over };
};

describe('the hand-written gradient ŷ − y', () => {
  it.each([
    ['sigmoid', 'gaussians', 'linear'],
    ['sigmoid', 'circle', 'quadratic'],
    ['softmax', 'blobs3', 'linear'],
    ['softmax', 'blobs3', 'quadratic'],
  ] as const)('%s on %s with %s features matches tf.grad of the loss', (head: Head, kind, features) => {
    const d = dataset2d(kind, 40, 0.1, 3);
    const dim = features === 'linear' ? 2 : 5;
    const out = head === 'sigmoid' ? 1 : d.classes;
    tf.tidy(() => {
      const phi = tf.tensor2d(featureMatrix(features, d.x, d.y), [d.x.length, dim]);
      const T = targets(head, d.label, d.classes);
      const W = tf.randomNormal([dim, out], 0, 1, 'float32', 5) as tf.Tensor2D;
      const b = tf.randomNormal([out], 0, 1, 'float32', 6) as tf.Tensor1D;
      const [gW, gb] = tf.grads((w: tf.Tensor, bb: tf.Tensor) => classifierLoss(head, logits(phi, w as tf.Tensor2D, bb as tf.Tensor1D), T))([W, b]);
      const { dW, db } = handGradients(head, phi, W, b, T);
      const a = dW.arraySync().flat();
      (gW.arraySync() as number[][]).flat().forEach((v, i) => expect(a[i]).toBeCloseTo(v, 5));
      const c = db.arraySync();
      (gb.arraySync() as number[]).forEach((v, i) => expect(c[i]).toBeCloseTo(v, 5));
    });
  });
});

async function train(config: LinearClassifierConfig, steps: number, seed = 1) {
  const t = new Trainer(linearClassifierSpec, config, seed);
  const first = (await t.view()).fullLoss as number;
  await t.step(steps);
  const v = await t.view();
  t.dispose();
  return { first, loss: v.fullLoss as number, accuracy: v.accuracy as number, state: t.state, view: v };
}

describe('training', () => {
  it('logistic regression separates the two Gaussian blobs', async () => {
    const r = await train(cfg('gaussians', 'linear'), 300);
    expect(r.loss).toBeLessThan(r.first / 3);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('softmax regression separates the three blobs', async () => {
    const r = await train(cfg('blobs3', 'linear'), 300);
    expect(r.loss).toBeLessThan(r.first / 3);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
    expect((r.view.probs as Float32Array).length).toBe(40 * 40 * 3);
  });

  it('the grid probabilities are probabilities', async () => {
    const r = await train(cfg('gaussians', 'linear'), 50);
    const p = r.view.probs as Float32Array;
    expect(p.length).toBe(40 * 40 * 2);
    for (let i = 0; i < 1600; i++) expect(p[2 * i] + p[2 * i + 1]).toBeCloseTo(1, 5);
  });

  it('circle data: a line cannot do it, quadratic features can', async () => {
    const lin = await train(cfg('circle', 'linear'), 600);
    const quad = await train(cfg('circle', 'quadratic', { learningRate: 3 }), 600);
    expect(lin.accuracy).toBeLessThan(0.75);
    expect(quad.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('a huge learning rate never shows NaN: the run stays finite or is marked diverged', async () => {
    const r = await train(cfg('gaussians', 'quadratic', { learningRate: 1e6 }), 100);
    expect(r.state === 'diverged' || Number.isFinite(r.loss)).toBe(true);
  });
});

describe('no tensor leaks', () => {
  it.each(['gaussians', 'blobs3'] as const)('%s: flat over 300 steps and back after dispose', async (kind) => {
    const count = () => tf.memory().numTensors;
    const start = count();
    const c = cfg(kind, 'quadratic');
    const t = new Trainer(linearClassifierSpec, c, 1);
    const built = count();
    await t.step(1);
    expect(count()).toBe(built);
    await t.step(300);
    expect(count()).toBe(built);
    await t.view();
    expect(count()).toBe(built);
    const other = dataset2d(kind, 120, 0.3, 9);
    t.configure({ ...c, x: other.x, y: other.y, label: other.label, learningRate: 0.1 });
    await t.step(20);
    expect(count()).toBe(built);
    t.reset(4);
    await t.step(5);
    expect(count()).toBe(built);
    t.dispose();
    expect(count()).toBe(start);
  });
});

describe('points on the data path', () => {
  useCpuBackend();
  it('points sent by name train exactly as the same points inline; bad points are refused with a reason', async () => {
    const d = dataset2d('gaussians', 60, 0.2, 3);
    const base: LinearClassifierConfig = { classes: d.classes, features: 'linear', learningRate: 0.5, batchSize: 16 };
    const inline = new Trainer(linearClassifierSpec, { ...base, x: d.x, y: d.y, label: d.label }, 4);
    const sent = new Trainer(linearClassifierSpec, base, 4);
    expect((await sent.view()).accuracy).toBe(0); // no points yet: a view, not a crash
    sent.setData('points', { x: d.x, y: d.y, label: d.label });
    await inline.step(20);
    await sent.step(20);
    const [a, b] = [await inline.view(), await sent.view()];
    expect(b.W).toEqual(a.W);
    expect(b.fullLoss).toBe(a.fullLoss);
    expect(b.accuracy).toBeGreaterThan(0.8);
    // A rebuild (reset) keeps the points it was sent.
    sent.reset(4);
    await sent.step(20);
    expect((await sent.view()).W).toEqual(a.W);
    sent.setData('points', { x: [0, 1], y: [0], label: [0, 1] });
    expect(sent.state).toBe('error');
    expect(sent.message).toMatch(/same length/);
    inline.dispose();
    sent.dispose();
  });
});
