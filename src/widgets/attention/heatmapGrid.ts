/**
 * A weight matrix small enough to redraw every frame: at most `max` rows (every k-th query) and `max` columns
 * (the weights of consecutive keys summed, so that each row still sums to 1). A year of births is 366 × 366 =
 * 133,956 exponentials per frame at full size; at 92 × 92 cells it is a quarter of that.
 */
import { gaussianAttention } from '../../engine/math/kernelRegression';

export interface Grid {
  data: Float64Array;
  rows: number;
  cols: number;
  /** Query index of each row, and the first key index of each column. */
  rowAt: number[];
  colAt: number[];
}

export function weightGrid(queries: readonly number[], keys: readonly number[], w: number, leaveOut = false, max = 92): Grid {
  const qStep = Math.ceil(queries.length / max);
  const kStep = Math.ceil(keys.length / max);
  const rowAt = Array.from({ length: Math.ceil(queries.length / qStep) }, (_, i) => i * qStep);
  const colAt = Array.from({ length: Math.ceil(keys.length / kStep) }, (_, j) => j * kStep);
  // With `leaveOut` the queries are the keys: row r (query rowAt[r]) leaves key rowAt[r] out, as the loss does.
  const full = gaussianAttention(rowAt.map((i) => queries[i]), keys, w, leaveOut ? rowAt : false);
  const data = new Float64Array(rowAt.length * colAt.length);
  for (let r = 0; r < rowAt.length; r++)
    for (let j = 0; j < keys.length; j++) data[r * colAt.length + Math.floor(j / kStep)] += full[r * keys.length + j];
  return { data, rows: rowAt.length, cols: colAt.length, rowAt, colAt };
}
