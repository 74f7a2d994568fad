/** Each hand-written update rule against the same rule computed by hand in plain numbers. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Optimizer, type OptimizerKind } from '../../src/engine/nn/optimizers';
import { CONSTANT, lrAt, type Schedule } from '../../src/engine/nn/schedules';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The reference: the textbook formulas on plain numbers, one parameter. */
function reference(kind: OptimizerKind, grads: number[], lr: number, theta0: number, b1 = 0.9, b2 = 0.999, eps = 1e-8): number[] {
  let th = theta0;
  let m = 0;
  let v = 0;
  const out: number[] = [];
  grads.forEach((g, i) => {
    const t = i + 1;
    if (kind === 'sgd') th -= lr * g;
    if (kind === 'momentum') {
      m = b1 * m + g;
      th -= lr * m;
    }
    if (kind === 'adagrad') {
      v += g * g;
      th -= (lr * g) / (Math.sqrt(v) + eps);
    }
    if (kind === 'rmsprop') {
      v = b2 * v + (1 - b2) * g * g;
      th -= (lr * g) / (Math.sqrt(v) + eps);
    }
    if (kind === 'adam') {
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      th -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
    }
    out.push(th);
  });
  return out;
}

describe('optimisers match hand computation', () => {
  const grads = [0.5, -1.2, 2.0, 0.1, -0.3, 0.05];
  for (const kind of ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'] as OptimizerKind[]) {
    it(kind, async () => {
      const p = tf.variable(tf.scalar(1.5));
      const opt = new Optimizer([p], { kind, beta1: 0.9, beta2: kind === 'rmsprop' ? 0.9 : 0.999, eps: 1e-8 });
      const expected = reference(kind, grads, 0.1, 1.5, 0.9, kind === 'rmsprop' ? 0.9 : 0.999);
      for (let i = 0; i < grads.length; i++) {
        tf.tidy(() => opt.apply([tf.scalar(grads[i])], 0.1));
        expect((await p.data())[0]).toBeCloseTo(expected[i], 5);
      }
      const before = tf.memory().numTensors;
      tf.tidy(() => opt.apply([tf.scalar(1)], 0.1));
      expect(tf.memory().numTensors).toBe(before);
      opt.dispose();
      p.dispose();
    });
  }

  it('Adam takes a first step of size lr whatever the gradient scale (bias correction)', async () => {
    for (const g of [1e-4, 1, 1e3]) {
      const p = tf.variable(tf.scalar(0));
      const opt = new Optimizer([p], { kind: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-12 });
      tf.tidy(() => opt.apply([tf.scalar(g)], 0.01));
      expect((await p.data())[0]).toBeCloseTo(-0.01, 6);
      opt.dispose();
      p.dispose();
    }
  });
});

describe('learning-rate schedules', () => {
  const base: Schedule = { ...CONSTANT(0.1), total: 100, minLr: 0.001, every: 10, factor: 0.5, warmup: 10 };
  it('constant, step, cosine and warm-up follow their formulas', () => {
    expect(lrAt({ ...base, kind: 'constant' }, 57)).toBe(0.1);
    expect(lrAt({ ...base, kind: 'step' }, 9)).toBe(0.1);
    expect(lrAt({ ...base, kind: 'step' }, 10)).toBe(0.05);
    expect(lrAt({ ...base, kind: 'step' }, 35)).toBeCloseTo(0.0125, 12);
    expect(lrAt({ ...base, kind: 'cosine' }, 0)).toBeCloseTo(0.1, 12);
    expect(lrAt({ ...base, kind: 'cosine' }, 50)).toBeCloseTo((0.1 + 0.001) / 2, 12);
    expect(lrAt({ ...base, kind: 'cosine' }, 100)).toBeCloseTo(0.001, 12);
    expect(lrAt({ ...base, kind: 'cosine' }, 500)).toBeCloseTo(0.001, 12);
    expect(lrAt({ ...base, kind: 'warmup-cosine' }, 0)).toBeCloseTo(0.01, 12);
    expect(lrAt({ ...base, kind: 'warmup-cosine' }, 9)).toBeCloseTo(0.1, 12);
    expect(lrAt({ ...base, kind: 'warmup-cosine' }, 10)).toBeCloseTo(0.1, 12);
  });
});
