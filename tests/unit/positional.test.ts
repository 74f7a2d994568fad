/**
 * Positions: sinusoidal values against Vaswani et al.'s formula, learned positions add their rows,
 * rotary embeddings keep norms and make q·k depend on the relative position only.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/engine/model';
import { ParamStore } from '../../src/engine/nn/params';
import { LearnedPositions, Rotary, SinusoidalPositions, sinusoidalEncoding } from '../../src/engine/nn/positional';
import { createRng } from '../../src/engine/rng';
import { maxDiff, randMat } from './support/attentionRef';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

describe('sinusoidal encodings', () => {
  it('PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(the same)', () => {
    const d = 16;
    const pe = sinusoidalEncoding(50, d);
    for (const p of [0, 1, 7, 49])
      for (let i = 0; i < d / 2; i++) {
        const angle = p / 10000 ** ((2 * i) / d);
        expect(pe[p * d + 2 * i]).toBeCloseTo(Math.sin(angle), 6);
        expect(pe[p * d + 2 * i + 1]).toBeCloseTo(Math.cos(angle), 6);
      }
    expect(pe[0]).toBe(0);
    expect(pe[1]).toBe(1);
  });

  it('SinusoidalPositions adds the table\'s first T rows (or rows from an offset)', () => {
    const sp = new SinusoidalPositions(10, 4);
    const out = sp.apply(tf.zeros([2, 3, 4]), 2);
    expect(maxDiff(out.dataSync(), [...sinusoidalEncoding(10, 4).slice(8, 20), ...sinusoidalEncoding(10, 4).slice(8, 20)])).toBeLessThan(1e-7);
    expect(() => sp.apply(tf.zeros([1, 11, 4]))).toThrow(ConfigError);
    sp.dispose();
  });
});

describe('learned positions', () => {
  it('adds row t of a trained table to position t, and the table gets a gradient', () => {
    const store = new ParamStore(createRng(1));
    const lp = new LearnedPositions(store, 8, 4);
    const x = tf.ones([2, 5, 4]);
    const table = lp.table.arraySync() as number[][];
    const out = lp.apply(x).arraySync() as number[][][];
    expect(maxDiff(out[1][3], table[3].map((v) => v + 1))).toBeLessThan(1e-6);
    const g = tf.variableGrads(() => tf.sum(lp.apply(x)) as tf.Scalar, [lp.table]).grads[lp.table.name].arraySync() as number[][];
    expect(g[0]).toEqual([2, 2, 2, 2]);
    expect(g[6]).toEqual([0, 0, 0, 0]);
    store.dispose();
  });
});

describe('rotary embeddings', () => {
  const d = 8;
  const rot = new Rotary(d, 40);

  it('turns each pair (x_2i, x_2i+1) by p θ_i, which keeps every vector\'s norm', () => {
    const x = tf.tensor3d([randMat(40, d, 3)]);
    const y = rot.apply(x);
    const nx = tf.norm(x, 'euclidean', -1).dataSync();
    const ny = tf.norm(y, 'euclidean', -1).dataSync();
    expect(maxDiff(nx, ny)).toBeLessThan(1e-5);
    // Position 0 is not turned; pair 0 at position 1 turns by 1 radian.
    const xs = x.arraySync() as number[][][];
    const ys = y.arraySync() as number[][][];
    expect(maxDiff(ys[0][0], xs[0][0])).toBeLessThan(1e-6);
    const [a, b] = xs[0][1];
    expect(ys[0][1][0]).toBeCloseTo(a * Math.cos(1) - b * Math.sin(1), 5);
    expect(ys[0][1][1]).toBeCloseTo(a * Math.sin(1) + b * Math.cos(1), 5);
  });

  it('q·k depends only on the relative position m − n', () => {
    const [q] = randMat(1, d, 5);
    const [k] = randMat(1, d, 6);
    // The same q at every position and the same k at every position: rows m of R q, rows n of R k.
    const rq = rot.apply(tf.tensor2d(Array.from({ length: 40 }, () => q))).arraySync() as number[][];
    const rk = rot.apply(tf.tensor2d(Array.from({ length: 40 }, () => k))).arraySync() as number[][];
    const dot = (m: number, n: number) => rq[m].reduce((s, v, i) => s + v * rk[n][i], 0);
    for (const shift of [0, 3, 11]) {
      const base = dot(shift, 0);
      for (const n of [1, 5, 20]) expect(dot(n + shift, n)).toBeCloseTo(base, 4);
    }
    expect(Math.abs(dot(3, 0) - dot(11, 0))).toBeGreaterThan(1e-3); // and it does depend on m − n
  });

  it('an odd head size is a ConfigError', () => {
    expect(() => new Rotary(5, 10)).toThrow(ConfigError);
  });
});
