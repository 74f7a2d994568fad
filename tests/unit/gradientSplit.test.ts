/**
 * The gradient split from the update (src/engine/nn/gradients.ts + Optimizer.apply): averaging two
 * halves' gradients and applying them equals one full-batch step; clipping by global norm against
 * its formula; tensor counts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng';
import { ParamStore } from '../../src/engine/nn/params';
import { Dense } from '../../src/engine/nn/dense';
import { Optimizer, DEFAULT_OPTIMIZER, type OptimizerKind } from '../../src/engine/nn/optimizers';
import { averageGradients, clipByGlobalNorm, globalNorm, lossAndGradients } from '../../src/engine/nn/gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/** A two-layer tanh network on a fixed batch of 8 (the same weights for every caller with the same seed). */
function model(seed: number) {
  const params = new ParamStore(createRng(seed));
  const l1 = new Dense(params, 3, 5, { name: 'l1/' });
  const l2 = new Dense(params, 5, 2, { name: 'l2/' });
  const rng = createRng(99);
  const x = tf.tensor2d(Float32Array.from({ length: 24 }, () => rng.normal()), [8, 3]);
  const y = tf.tensor2d(Float32Array.from({ length: 16 }, () => rng.normal()), [8, 2]);
  const loss = (rows: [number, number]) => () =>
    tf.tidy(() => {
      const xs = tf.slice(x, [rows[0], 0], [rows[1] - rows[0], 3]);
      const ys = tf.slice(y, [rows[0], 0], [rows[1] - rows[0], 2]);
      return tf.mean(tf.square(tf.sub(l2.apply(tf.tanh(l1.apply(xs))), ys))) as tf.Scalar;
    });
  return { params, loss, dispose: () => (params.dispose(), tf.dispose([x, y])) };
}

describe('gradients apart from the update', () => {
  for (const kind of ['sgd', 'adam'] as OptimizerKind[]) {
    it(`${kind}: the mean of two halves' gradients, applied, equals one full-batch step (3 steps)`, () => {
      const full = model(1);
      const split = model(1);
      const optFull = new Optimizer(full.params.variables(), { ...DEFAULT_OPTIMIZER, kind });
      const optSplit = new Optimizer(split.params.variables(), { ...DEFAULT_OPTIMIZER, kind });
      for (let s = 0; s < 3; s++) {
        tf.tidy(() => {
          const g = lossAndGradients(full.loss([0, 8]), full.params.variables());
          optFull.apply(g.grads, 0.05);
          // Two "workers", each on half the batch; equal halves, so equal weights.
          const a = lossAndGradients(split.loss([0, 4]), split.params.variables());
          const b = lossAndGradients(split.loss([4, 8]), split.params.variables());
          optSplit.apply(averageGradients([a.grads, b.grads], [4, 4]), 0.05);
          expect(Math.abs((a.loss.dataSync()[0] + b.loss.dataSync()[0]) / 2 - g.loss.dataSync()[0])).toBeLessThan(1e-6);
        });
      }
      full.params.variables().forEach((v, i) => expect(maxAbs(v.dataSync(), split.params.variables()[i].dataSync())).toBeLessThan(1e-6));
      [optFull, optSplit, full, split].forEach((o) => o.dispose());
    });
  }

  it('unequal shares: weights by batch size give the full-batch gradient', () => {
    const m = model(2);
    tf.tidy(() => {
      const vars = m.params.variables();
      const g = lossAndGradients(m.loss([0, 8]), vars).grads;
      const a = lossAndGradients(m.loss([0, 2]), vars).grads;
      const b = lossAndGradients(m.loss([2, 8]), vars).grads;
      averageGradients([a, b], [2, 6]).forEach((x, i) => expect(maxAbs(x.dataSync(), g[i].dataSync())).toBeLessThan(1e-6));
    });
    m.dispose();
  });

  it('a variable the loss does not reach gets a zero gradient; bad arguments get clear messages', () => {
    const m = model(3);
    const unused = tf.variable(tf.ones([2, 2]));
    tf.tidy(() => {
      const { grads } = lossAndGradients(m.loss([0, 8]), [...m.params.variables(), unused]);
      expect(Array.from(grads[grads.length - 1].dataSync())).toEqual([0, 0, 0, 0]);
      expect(() => averageGradients([])).toThrow(/at least one/);
      expect(() => averageGradients([grads], [0])).toThrow(/sum to zero/);
      expect(() => clipByGlobalNorm(grads, 0)).toThrow(/maxNorm/);
      const opt = new Optimizer(m.params.variables(), DEFAULT_OPTIMIZER);
      expect(() => opt.apply(grads.slice(0, 1), 0.1)).toThrow(/1 gradients for 4 parameters/);
      opt.dispose();
    });
    unused.dispose();
    m.dispose();
  });
});

describe('clipping by global norm', () => {
  const values = [
    [3, 0, 4],
    [12, 0],
  ];
  // ‖g‖ = √(9 + 16 + 144) = 13.
  it('‖g‖ = √(Σ‖g_i‖²); above c every g_i is scaled by c/‖g‖, below c it is unchanged', () => {
    tf.tidy(() => {
      const grads = values.map((v) => tf.tensor1d(v));
      expect(globalNorm(grads).dataSync()[0]).toBeCloseTo(13, 5);
      const clipped = clipByGlobalNorm(grads, 6.5);
      expect(clipped.norm.dataSync()[0]).toBeCloseTo(13, 5);
      clipped.grads.forEach((g, i) => expect(maxAbs(g.dataSync(), values[i].map((x) => x * 0.5))).toBeLessThan(1e-6));
      expect(globalNorm(clipped.grads).dataSync()[0]).toBeCloseTo(6.5, 5);
      const loose = clipByGlobalNorm(grads, 20);
      loose.grads.forEach((g, i) => expect(Array.from(g.dataSync())).toEqual(values[i]));
    });
  });

  it('random gradients: the formula min(1, c/‖g‖) holds, direction kept; no tensors left behind', () => {
    const rng = createRng(5);
    const start = tf.memory().numTensors;
    for (let trial = 0; trial < 5; trial++) {
      tf.tidy(() => {
        const arrays = [6, 10, 1].map((n) => Float32Array.from({ length: n }, () => rng.normal() * 3));
        const norm = Math.sqrt(arrays.reduce((a, v) => a + v.reduce((s, x) => s + x * x, 0), 0));
        const c = 1 + trial * 2;
        const { grads } = clipByGlobalNorm(arrays.map((v) => tf.tensor1d(v)), c);
        const scale = Math.min(1, c / norm);
        grads.forEach((g, i) => expect(maxAbs(g.dataSync(), arrays[i].map((x) => x * scale))).toBeLessThan(1e-5));
      });
    }
    expect(tf.memory().numTensors).toBe(start);
  });
});
