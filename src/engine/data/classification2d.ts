import { createRng, permutation } from '../rng';

/** A labelled 2-D data set: points in [-1, 1]^2 and integer class labels. */
export interface Points2D {
  x: number[];
  y: number[];
  label: number[];
  classes: number;
}

export type Dataset2DKind = 'circle' | 'xor' | 'spiral' | 'gaussians' | 'moons' | 'blobs3';

/**
 * Seeded 2-D classification data in the spirit of TensorFlow Playground:
 * `noise` is the standard deviation of Gaussian jitter, relative to the unit square.
 * All but `blobs3` have two classes; `blobs3` has three (for softmax).
 */
export function dataset2d(kind: Dataset2DKind, n: number, noise: number, seed: number): Points2D {
  const rng = createRng(seed);
  const out: Points2D = { x: [], y: [], label: [], classes: kind === 'blobs3' ? 3 : 2 };
  const push = (px: number, py: number, c: number) => {
    out.x.push(round4(clamp(px + noise * rng.normal())));
    out.y.push(round4(clamp(py + noise * rng.normal())));
    out.label.push(c);
  };
  for (let i = 0; i < n; i++) {
    const c = i % out.classes;
    switch (kind) {
      case 'circle': {
        const r = c === 0 ? rng.next() * 0.4 : 0.6 + rng.next() * 0.35;
        const a = rng.next() * 2 * Math.PI;
        push(r * Math.cos(a), r * Math.sin(a), c);
        break;
      }
      case 'xor': {
        const px = (rng.next() * 2 - 1) * 0.95;
        const py = (rng.next() * 2 - 1) * 0.95;
        const gap = 0.05;
        const sx = px + (px > 0 ? gap : -gap);
        const sy = py + (py > 0 ? gap : -gap);
        push(sx, sy, sx * sy >= 0 ? 1 : 0);
        break;
      }
      case 'spiral': {
        const t = (Math.floor(i / 2) / Math.ceil(n / 2)) * 1.75 * 2 * Math.PI;
        const r = (0.9 * t) / (1.75 * 2 * Math.PI);
        const phase = c * Math.PI;
        push(r * Math.sin(t + phase), r * Math.cos(t + phase), c);
        break;
      }
      case 'gaussians': {
        // two blobs of spread 0.18 (plus `noise`) centred at (-0.45, -0.45) and (0.45, 0.45)
        const m = c === 0 ? -0.45 : 0.45;
        push(m + 0.18 * rng.normal(), m + 0.18 * rng.normal(), c);
        break;
      }
      case 'moons': {
        const a = rng.next() * Math.PI;
        push(c === 0 ? Math.cos(a) * 0.6 - 0.25 : 0.25 - Math.cos(a) * 0.6, c === 0 ? Math.sin(a) * 0.6 - 0.15 : 0.15 - Math.sin(a) * 0.6, c);
        break;
      }
      case 'blobs3': {
        const centres = [[-0.5, -0.4], [0.5, -0.4], [0, 0.55]];
        push(centres[c][0] + 0.2 * rng.normal(), centres[c][1] + 0.2 * rng.normal(), c);
        break;
      }
    }
  }
  return out;
}

/** Splits a data set into train and test with a seeded shuffle; `testFraction` of the points go to test. */
export function splitTrainTest(d: Points2D, testFraction: number, seed: number): { train: Points2D; test: Points2D } {
  const p = permutation(d.x.length, createRng(seed ^ 0x5eed));
  const nTest = Math.round(d.x.length * testFraction);
  const pick = (idx: ArrayLike<number>): Points2D => ({
    x: Array.from(idx, (i) => d.x[i]),
    y: Array.from(idx, (i) => d.y[i]),
    label: Array.from(idx, (i) => d.label[i]),
    classes: d.classes,
  });
  return { test: pick(p.subarray(0, nTest)), train: pick(p.subarray(nTest)) };
}

/** Points on a regular grid over [-1, 1]^2, row-major from the top-left, for decision-region heatmaps. */
export function grid2d(size: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      x.push(-1 + (2 * (i + 0.5)) / size);
      y.push(1 - (2 * (j + 0.5)) / size);
    }
  return { x, y };
}

function clamp(v: number): number {
  return Math.max(-1, Math.min(1, v));
}

function round4(v: number): number {
  return Math.round(v * 10000) / 10000;
}

