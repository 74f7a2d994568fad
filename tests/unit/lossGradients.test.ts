/**
 * Loss derivatives three ways: the hand-written dL/dr in math/losses, central
 * finite differences of lossOf, and tf.grad of the tensor loss the models use.
 * Then dL/dw and dL/db of the whole linear model against finite differences.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { linearData } from '../../src/engine/data/regression';
import { LOSS_KINDS, lossDerivative, lossOf, meanLoss, type LossKind } from '../../src/engine/math/losses';
import { LinearRegression, lossTensor } from '../../src/engine/models/linearRegression';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const DELTA = 1.3;

/** Central difference (f(r+h) - f(r-h)) / 2h: error O(h^2) where f is smooth. */
function centralDifference(f: (r: number) => number, r: number, h = 1e-6): number {
  return (f(r + h) - f(r - h)) / (2 * h);
}

function tfGrad(kind: LossKind, r: number, delta: number): number {
  const g = tf.tidy(() => tf.grad((t: tf.Tensor) => lossTensor(kind, t, delta))(tf.tensor1d([r])));
  const v = g.dataSync()[0];
  g.dispose();
  return v;
}

// Points chosen away from the kinks: r = 0 for L1, |r| = delta for Huber.
const CASES: { kind: LossKind; rs: number[] }[] = [
  { kind: 'l2', rs: [-3.7, -0.4, 0, 0.25, 2.9] },
  { kind: 'l1', rs: [-3.7, -0.4, 0.25, 2.9] },
  // Both regimes: |r| < delta is quadratic, |r| > delta is linear.
  { kind: 'huber', rs: [-3.7, -0.4, 0, 0.25, 1.0, 2.9, 12] },
];

describe('lossDerivative', () => {
  for (const { kind, rs } of CASES) {
    for (const r of rs) {
      it(`${kind} at r=${r} matches finite differences of lossOf`, () => {
        const fd = centralDifference((x) => lossOf(kind, x, DELTA), r);
        expect(lossDerivative(kind, r, DELTA)).toBeCloseTo(fd, 6);
      });
      it(`${kind} at r=${r} matches tf.grad of lossTensor`, () => {
        // float32 in tfjs: about 7 significant digits.
        expect(tfGrad(kind, r, DELTA)).toBeCloseTo(lossDerivative(kind, r, DELTA), 4);
      });
    }
  }

  it('huber is continuous at |r| = delta and equals r^2/2 inside, delta(|r| - delta/2) outside', () => {
    expect(lossOf('huber', DELTA, DELTA)).toBeCloseTo(0.5 * DELTA * DELTA, 12);
    expect(lossOf('huber', DELTA + 1e-9, DELTA)).toBeCloseTo(0.5 * DELTA * DELTA, 8);
    expect(lossOf('huber', -5, DELTA)).toBeCloseTo(DELTA * (5 - DELTA / 2), 12);
  });

  it('lossTensor of a single residual equals lossOf', () => {
    for (const kind of LOSS_KINDS)
      for (const r of [-2.5, 0.3, 4]) {
        const t = tf.tidy(() => lossTensor(kind, tf.tensor1d([r]), DELTA));
        expect(t.dataSync()[0]).toBeCloseTo(lossOf(kind, r, DELTA), 4);
        t.dispose();
      }
  });
});

describe('gradient of the linear model', () => {
  const { xs, ys } = linearData({ n: 40, noise: 0.3, seed: 7 });
  // Odd starting values so that no residual sits on a kink (checked below).
  const init: [number, number] = [-1.234567, 1.876543];

  for (const kind of LOSS_KINDS) {
    it(`${kind}: dL/dw and dL/db from tf.variableGrads match finite differences of meanLoss`, () => {
      const residuals = xs.map((x, i) => init[0] * x + init[1] - ys[i]);
      // Precondition: the finite difference must not straddle a kink, or it measures nothing.
      const nearestKink = Math.min(...residuals.map((r) => Math.min(Math.abs(r), Math.abs(Math.abs(r) - DELTA))));
      expect(nearestKink).toBeGreaterThan(1e-3);

      const run = new LinearRegression({ xs, ys, loss: kind, learningRate: 0.1, batchSize: xs.length, huberDelta: DELTA, init }, 1);
      try {
        const { grads } = tf.variableGrads(() => run.lossOn(), [run.w, run.b]);
        const gw = grads[run.w.name].dataSync()[0];
        const gb = grads[run.b.name].dataSync()[0];
        tf.dispose(grads);
        const h = 1e-6;
        const fdw = centralDifference((w) => meanLoss(kind, xs, ys, w, init[1], DELTA), init[0], h);
        const fdb = centralDifference((b) => meanLoss(kind, xs, ys, init[0], b, DELTA), init[1], h);
        expect(gw).toBeCloseTo(fdw, 3);
        expect(gb).toBeCloseTo(fdb, 3);
        // And not trivially zero: a model with no gradient would pass the comparisons above only by luck.
        expect(Math.abs(fdw) + Math.abs(fdb)).toBeGreaterThan(0.1);
      } finally {
        run.dispose();
      }
    });
  }
});
