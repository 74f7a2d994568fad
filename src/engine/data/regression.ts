import { createRng } from '../rng';

/** A 1-D regression data set: points (x_i, y_i). */
export interface Points1D {
  xs: number[];
  ys: number[];
}

/**
 * y = slope x + intercept + noise, with x uniform in [-1, 1] and Gaussian noise
 * of standard deviation `noise`. `outliers` of the points get a large offset,
 * to show how L1 and Huber resist them where L2 does not.
 */
export function linearData(opts: { n: number; noise: number; slope?: number; intercept?: number; outliers?: number; seed: number }): Points1D {
  const { n, noise, slope = 1.5, intercept = 0.5, outliers = 0, seed } = opts;
  const rng = createRng(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.next() * 2 - 1;
    xs.push(round3(x));
    ys.push(round3(slope * x + intercept + noise * rng.normal()));
  }
  const k = Math.min(n, Math.round(outliers * n));
  for (let i = 0; i < k; i++) ys[i] = round3(ys[i] + 4 + rng.next());
  return { xs, ys };
}

// Rounded so that data shared through a URL or a worker message is bit-identical.
function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
