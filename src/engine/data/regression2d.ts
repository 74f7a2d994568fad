import { createRng, permutation } from '../rng';
import type { Points2D } from './classification2d';

/** 2-D regression data: points in [-1, 1]^2 with a real target in [-1, 1] (TF Playground's two regression sets). */
export type Regression2DKind = 'plane' | 'bumps';

/** Points with targets; `label` is 1 where the target is positive, so the points can be coloured like classes. */
export interface RegressionPoints2D extends Points2D {
  target: number[];
}

/** The noise-free target: a tilted plane (x + y)/2, or two bumps of opposite sign. */
export function regressionTarget(kind: Regression2DKind, x: number, y: number): number {
  if (kind === 'plane') return (x + y) / 2;
  const bump = (cx: number, cy: number) => Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 0.3 * 0.3));
  return bump(-0.4, 0.4) - bump(0.4, -0.4);
}

/** n seeded points, uniform over the square, with targets plus Gaussian noise of standard deviation `noise`. */
export function regression2d(kind: Regression2DKind, n: number, noise: number, seed: number): RegressionPoints2D {
  const rng = createRng(seed);
  const out: RegressionPoints2D = { x: [], y: [], label: [], classes: 2, target: [] };
  for (let i = 0; i < n; i++) {
    const x = rng.next() * 2 - 1;
    const y = rng.next() * 2 - 1;
    const t = Math.max(-1, Math.min(1, regressionTarget(kind, x, y) + noise * rng.normal()));
    out.x.push(x);
    out.y.push(y);
    out.target.push(t);
    out.label.push(t > 0 ? 1 : 0);
  }
  return out;
}

/** Splits points with optional per-point targets into train and test, with the same seeded shuffle as splitTrainTest. */
export function splitWithTargets(d: Points2D, target: number[] | null, testFraction: number, seed: number): { train: Points2D; test: Points2D; targets: { train: number[]; test: number[] } | null } {
  const p = permutation(d.x.length, createRng(seed ^ 0x5eed));
  const nTest = Math.round(d.x.length * testFraction);
  const pick = (idx: ArrayLike<number>): Points2D => ({
    x: Array.from(idx, (i) => d.x[i]),
    y: Array.from(idx, (i) => d.y[i]),
    label: Array.from(idx, (i) => d.label[i]),
    classes: d.classes,
  });
  const testIdx = p.subarray(0, nTest);
  const trainIdx = p.subarray(nTest);
  const targets = target ? { train: Array.from(trainIdx, (i) => target[i]), test: Array.from(testIdx, (i) => target[i]) } : null;
  return { test: pick(testIdx), train: pick(trainIdx), targets };
}
