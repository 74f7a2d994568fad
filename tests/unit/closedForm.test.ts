/**
 * The normal equations against hand-derived answers, and against the tfjs model
 * trained by full-batch gradient descent: two roads to the same line.
 */
import { describe, expect, it } from 'vitest';
import { linearData } from '../../src/engine/data/regression';
import { leastSquares, solve } from '../../src/engine/math/linalg';
import { linearRegressionSpec } from '../../src/engine/models/linearRegression';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

describe('solve', () => {
  it('solves a known 3x3 system', () => {
    // 2x + y - z = 8, -3x - y + 2z = -11, -2x + y + 2z = -3  =>  (2, 3, -1)
    const x = solve(
      [
        [2, 1, -1],
        [-3, -1, 2],
        [-2, 1, 2],
      ],
      [8, -11, -3],
    );
    expect(x[0]).toBeCloseTo(2, 12);
    expect(x[1]).toBeCloseTo(3, 12);
    expect(x[2]).toBeCloseTo(-1, 12);
  });

  it('needs pivoting when the first pivot is zero', () => {
    const x = solve(
      [
        [0, 1],
        [1, 0],
      ],
      [5, 7],
    );
    expect(x).toEqual([7, 5]);
  });

  it('throws on a singular system', () => {
    expect(() =>
      solve(
        [
          [1, 2],
          [2, 4],
        ],
        [3, 6],
      ),
    ).toThrow(/singular/);
  });

  it('leaves its inputs untouched', () => {
    const A = [
      [4, 1],
      [1, 3],
    ];
    const b = [1, 2];
    solve(A, b);
    expect(A).toEqual([
      [4, 1],
      [1, 3],
    ]);
    expect(b).toEqual([1, 2]);
  });
});

describe('leastSquares', () => {
  it('passes exactly through two points: (1, 2) and (3, 8) give w = 3, b = -1', () => {
    const { w, b } = leastSquares([[1], [3]], [2, 8]);
    expect(w[0]).toBeCloseTo(3, 12);
    expect(b).toBeCloseTo(-1, 12);
  });

  it('fits three points by hand: (0,0), (1,1), (2,3) give w = Sxy/Sxx = 3/2, b = 4/3 - 3/2', () => {
    const { w, b } = leastSquares([[0], [1], [2]], [0, 1, 3]);
    expect(w[0]).toBeCloseTo(1.5, 12);
    expect(b).toBeCloseTo(-1 / 6, 12);
  });

  it('recovers two features and an intercept from noiseless data', () => {
    const X = [
      [1, 0],
      [0, 1],
      [1, 1],
      [2, -1],
      [-1, 3],
    ];
    const y = X.map(([a, c]) => 2 * a - 0.5 * c + 4);
    const { w, b } = leastSquares(X, y);
    expect(w[0]).toBeCloseTo(2, 10);
    expect(w[1]).toBeCloseTo(-0.5, 10);
    expect(b).toBeCloseTo(4, 10);
  });

  it('throws on no data and on a single repeated x (no unique line)', () => {
    expect(() => leastSquares([], [])).toThrow();
    expect(() => leastSquares([[1], [1], [1]], [1, 2, 3])).toThrow(/singular/);
  });

  it('agrees with full-batch L2 gradient descent on the tfjs model to 1e-3', async () => {
    const { xs, ys } = linearData({ n: 50, noise: 0.2, seed: 3 });
    const exact = leastSquares(
      xs.map((x) => [x]),
      ys,
    );
    const config = { xs, ys, loss: 'l2' as const, learningRate: 0.5, batchSize: xs.length, huberDelta: 1 };
    const trainer = new Trainer(linearRegressionSpec, config, 11);
    try {
      await trainer.step(500);
      const view = await trainer.view();
      expect(Math.abs((view.w as number) - exact.w[0])).toBeLessThan(1e-3);
      expect(Math.abs((view.b as number) - exact.b)).toBeLessThan(1e-3);
    } finally {
      trainer.dispose();
    }
  });
});
