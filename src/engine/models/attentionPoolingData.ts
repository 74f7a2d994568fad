/**
 * The data attention pooling smooths (no tfjs): d2l's noisy function, or one year of the daily US births.
 * Keys are the x of the data points and values their y; queries are where the figure asks for a prediction.
 */
import type { BirthsData } from '../data/births';
import { createRng } from '../rng';

export type PoolingSource = 'function' | 'births';

export interface PoolingData {
  /** Keys x_j (sorted) and values y_j. */
  keys: number[];
  values: number[];
  /** Where the fits are drawn (and the heatmap's rows). */
  queries: number[];
  /** The noise-free curve at the queries (the function), or [] (real data has none). */
  truth: number[];
  /**
   * The queries are the keys themselves (the births: every day is predicted from the others). The fits drawn then
   * leave each day out of its own prediction, as the loss does; otherwise a narrow kernel would copy the data.
   */
  queriesAreKeys: boolean;
  /** Axis labels and, for births, the first day's date. */
  xLabel: string;
  yLabel: string;
  note: string;
}

/** d2l's example: f(x) = 2 sin x + x^0.8. */
export const trueFunction = (x: number) => 2 * Math.sin(x) + Math.pow(x, 0.8);
export const FUNCTION_POINTS = 50;
export const FUNCTION_NOISE = 0.5;
/** The year of births the figure smooths: 1988, the series' last (a leap year, 366 days). */
export const BIRTHS_YEAR = 1988;

/** 50 sorted x uniform on [0, 5), y = f(x) + N(0, 0.5²); queries every 0.1 from 0 to 5. */
export function functionData(seed: number): PoolingData {
  const rng = createRng(seed);
  const keys = Array.from({ length: FUNCTION_POINTS }, () => rng.next() * 5).sort((a, b) => a - b);
  const values = keys.map((x) => trueFunction(x) + FUNCTION_NOISE * rng.normal());
  const queries = Array.from({ length: 51 }, (_, i) => i / 10);
  return { keys, values, queries, truth: queries.map(trueFunction), queriesAreKeys: false, xLabel: 'x', yLabel: 'y', note: `${FUNCTION_POINTS} noisy points of 2 sin x + x^0.8` };
}

/** Births a day in thousands, day of the year 1..366 as x; the queries are the days themselves. */
export function birthsYear(b: BirthsData, year = BIRTHS_YEAR): PoolingData {
  const keys: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < b.count; i++) {
    if (b.year[i] !== year) continue;
    keys.push(keys.length + 1);
    values.push(b.births[i] / 1000);
  }
  if (keys.length === 0) throw new Error(`the births series has no days in ${year}`);
  return { keys, values, queries: keys.slice(), truth: [], queriesAreKeys: true, xLabel: `day of ${year}`, yLabel: 'births a day (thousands)', note: `US births a day in ${year}, ${keys.length} days` };
}
