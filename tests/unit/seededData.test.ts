/** Seeds reproduce: the same seed gives the same data, a different one different data. */
import { describe, expect, it } from 'vitest';
import { linearData } from '../../src/engine/data/regression';
import { createRng, permutation } from '../../src/engine/rng';

describe('linearData', () => {
  it('is identical for the same seed and differs for another', () => {
    const opts = { n: 100, noise: 0.3, outliers: 0.1 };
    const a = linearData({ ...opts, seed: 42 });
    const b = linearData({ ...opts, seed: 42 });
    const c = linearData({ ...opts, seed: 43 });
    expect(b).toEqual(a);
    expect(c.xs).not.toEqual(a.xs);
    expect(c.ys).not.toEqual(a.ys);
  });

  it('keeps x in [-1, 1] and values rounded to 3 decimals, so they travel bit-identical', () => {
    const { xs, ys } = linearData({ n: 200, noise: 0.5, seed: 5 });
    expect(xs).toHaveLength(200);
    for (const v of [...xs, ...ys]) expect(Math.round(v * 1000) / 1000).toBe(v);
    for (const x of xs) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  });

  it('shifts the first outliers*n points upward by more than 4', () => {
    const clean = linearData({ n: 20, noise: 0.1, seed: 9 });
    const dirty = linearData({ n: 20, noise: 0.1, outliers: 0.25, seed: 9 });
    for (let i = 0; i < 5; i++) expect(dirty.ys[i] - clean.ys[i]).toBeGreaterThan(3.99);
    expect(dirty.ys.slice(5)).toEqual(clean.ys.slice(5));
  });
});

describe('rng', () => {
  it('gives the same stream for the same seed', () => {
    const a = createRng(123);
    const b = createRng(123);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
    expect(createRng(124).next()).not.toBe(createRng(123).next());
  });

  it('next() lies in [0, 1) and int(n) in [0, n)', () => {
    const r = createRng(1);
    for (let i = 0; i < 10_000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = r.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });

  it('normal() has mean about 0 and variance about 1 over 20k draws', () => {
    const r = createRng(2024);
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    // Standard error of the mean is 1/sqrt(20000) = 0.007; of the variance about 0.01.
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('permutation holds each index exactly once', () => {
    const p = permutation(500, createRng(8));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect([...p]).not.toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
