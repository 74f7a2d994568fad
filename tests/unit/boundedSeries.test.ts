/** The loss history stays small in a long run and keeps an even sample of it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoundedSeries } from '../../src/viz/boundedSeries';

function expectEvenlySpaced(xs: number[]): void {
  const gaps = new Set(xs.slice(1).map((x, i) => x - xs[i]));
  expect(gaps.size).toBeLessThanOrEqual(1);
}

describe('BoundedSeries', () => {
  it('never holds more than its capacity over 100k pushes, keeps the first point, stays evenly spaced', () => {
    const s = new BoundedSeries(1000);
    let longest = 0;
    for (let i = 0; i < 100_000; i++) {
      s.push(i, 1 / (i + 1));
      longest = Math.max(longest, s.length);
    }
    expect(longest).toBeLessThanOrEqual(1000);
    // Decimation must not throw the history away either.
    expect(s.length).toBeGreaterThanOrEqual(500);
    expect(s.xs[0]).toBe(0);
    expect(s.ys[0]).toBe(1);
    expectEvenlySpaced(s.xs);
    expect(s.xs.length).toBe(s.ys.length);
    expect(s.ys).toEqual(s.xs.map((x) => 1 / (x + 1)));
    // The newest sample is recent: within one stride of the end.
    const stride = s.xs[1] - s.xs[0];
    expect(s.xs.at(-1)!).toBeGreaterThan(100_000 - 1 - stride);
  });

  it('holds for any capacity and any run length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 0, max: 5000 }), (capacity, n) => {
        const s = new BoundedSeries(capacity);
        let longest = 0;
        for (let i = 0; i < n; i++) {
          s.push(i, i);
          longest = Math.max(longest, s.length); // not expect() per push: it is slow
        }
        expect(longest).toBeLessThanOrEqual(capacity);
        if (n > 0) expect(s.xs[0]).toBe(0);
        expectEvenlySpaced(s.xs);
        expect(s.last).toBe(n ? s.ys[s.length - 1] : undefined);
      }),
      { numRuns: 100 },
    );
  });

  it('clear starts over with stride 1', () => {
    const s = new BoundedSeries(8);
    for (let i = 0; i < 100; i++) s.push(i, i);
    s.clear();
    expect(s.length).toBe(0);
    expect(s.last).toBeUndefined();
    for (let i = 0; i < 5; i++) s.push(i, i);
    expect(s.xs).toEqual([0, 1, 2, 3, 4]);
  });
});
