/** The line chart's pure helpers: path strings and scales, asserted as values. */
import { describe, expect, it } from 'vitest';
import { chartScales, curveSummary, DEFAULT_LAYOUT, seriesPath, type Series } from '../../src/viz/lineChart';

const series = (xs: number[], ys: number[]): Series => ({ label: 'loss', xs, ys, color: 'black' });
const identity = (v: number) => v;

describe('seriesPath', () => {
  it('draws a plain polyline', () => {
    expect(seriesPath(series([0, 1, 2], [5, 3, 4]), identity, identity)).toBe('M0,5L1,3L2,4');
  });

  it('breaks the line at non-finite points instead of drawing NaN', () => {
    const d = seriesPath(series([0, 1, 2, 3, 4, 5], [1, 2, NaN, 4, Infinity, 6]), identity, identity);
    expect(d).not.toMatch(/NaN|Infinity/);
    expect(d).toBe('M0,1L1,2M3,4ZM5,6Z');
  });

  it('is empty for an empty series', () => {
    expect(seriesPath(series([], []), identity, identity)).toBe('');
  });
});

describe('chartScales', () => {
  const finite = (v: number) => Number.isFinite(v);

  it('gives finite scales for no series, an empty series and a single point', () => {
    for (const s of [[], [series([], [])], [series([3], [0.5])], [series([0, 1], [NaN, NaN])]]) {
      const { x, y } = chartScales(s, DEFAULT_LAYOUT, false);
      expect(x.domain().every(finite)).toBe(true);
      expect(y.domain().every(finite)).toBe(true);
      expect(x.domain()[1]).toBeGreaterThan(x.domain()[0]);
      expect(y.domain()[1]).toBeGreaterThan(y.domain()[0]);
      expect(finite(x(3)) && finite(y(0.5))).toBe(true);
    }
  });

  it('fits every finite point inside the plotting area', () => {
    const s = series([0, 10, 20, 30], [4, 2, Infinity, 1]);
    const { x, y } = chartScales([s], DEFAULT_LAYOUT, false);
    const { width, height, margin } = DEFAULT_LAYOUT;
    expect(x(0)).toBe(margin.left);
    expect(x(30)).toBe(width - margin.right);
    for (const v of [4, 2, 1]) {
      expect(y(v)).toBeGreaterThanOrEqual(margin.top);
      expect(y(v)).toBeLessThanOrEqual(height - margin.bottom);
    }
  });

  it('uses a log y-scale only when asked and every value is positive', () => {
    expect(chartScales([series([0, 1], [0.01, 1])], DEFAULT_LAYOUT, true).logY).toBe(true);
    expect(chartScales([series([0, 1], [0, 1])], DEFAULT_LAYOUT, true).logY).toBe(false);
    expect(chartScales([series([0, 1], [0.01, 1])], DEFAULT_LAYOUT, false).logY).toBe(false);
    const { y } = chartScales([series([0], [0.2])], DEFAULT_LAYOUT, true);
    expect(Number.isFinite(y(0.2))).toBe(true);
  });
});

describe('curveSummary', () => {
  it('describes the first and last points', () => {
    expect(curveSummary(series([0, 100], [2, 0.0001]))).toBe('loss: from 2.00 at step 0 to 1.00e-4 at step 100.');
    expect(curveSummary(series([], []))).toBe('loss: no steps yet.');
  });
});
