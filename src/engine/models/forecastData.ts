/**
 * Plain-JS pieces of chapter 7's forecaster, with no tfjs: min-max scaling fitted on the training
 * part, the look_back windowing of the notes, the two naive baselines and the error measures.
 */

/**
 * The widget's defaults (the notes' look_back and 50 units), and the size the backend probe measures: at 8 units
 * the probe picked cpu, whose plain-JS step wins there, but at 50 units cpu's steps and views ran about 1 a second
 * in Chromium against wasm's 30 (2026-12-02).
 */
export const FORECAST_DEFAULTS = { lookBack: 14, units: 50, learningRate: 0.005, batchSize: 32 } as const;

/** x' = (x − min) / (max − min), fitted on the training days only (the held-out days must not leak in). */
export interface MinMax {
  min: number;
  max: number;
}

/** Fits min-max scaling on values[0..end). A flat stretch scales by 1, not by 0. */
export function fitMinMax(values: ArrayLike<number>, end = values.length): MinMax {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < end; i++) {
    min = Math.min(min, values[i]);
    max = Math.max(max, values[i]);
  }
  if (max - min < 1e-12) max = min + 1;
  return { min, max };
}

/** Scales into [0, 1] on the training range. */
export function scale(values: ArrayLike<number>, s: MinMax): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] - s.min) / (s.max - s.min);
  return out;
}

/** Back to the series' own units. */
export function unscale(v: number, s: MinMax): number {
  return s.min + v * (s.max - s.min);
}

/**
 * The notes' windowing: the input for target day t is the look_back days before it,
 * x = (v[t − lookBack], …, v[t − 1]), y = v[t]. Returns the windows of every t in [from, to).
 */
export function windows(v: Float32Array, lookBack: number, from: number, to: number): { x: Float32Array; y: Float32Array; count: number } {
  const start = Math.max(from, lookBack);
  const count = Math.max(0, to - start);
  const x = new Float32Array(count * lookBack);
  const y = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const t = start + k;
    x.set(v.subarray(t - lookBack, t), k * lookBack);
    y[k] = v[t];
  }
  return { x, y, count };
}

/** Root mean squared error and mean absolute error of predictions against the truth. */
export function errors(pred: ArrayLike<number>, truth: ArrayLike<number>): { rmse: number; mae: number } {
  let se = 0;
  let ae = 0;
  const n = Math.min(pred.length, truth.length);
  for (let i = 0; i < n; i++) {
    const d = pred[i] - truth[i];
    se += d * d;
    ae += Math.abs(d);
  }
  return n === 0 ? { rmse: NaN, mae: NaN } : { rmse: Math.sqrt(se / n), mae: ae / n };
}

/** One-step naive forecasts for days [from, to): the last value v[t − 1], and the same weekday last week v[t − 7]. */
export function naiveOneStep(values: ArrayLike<number>, from: number, to: number): { last: Float64Array; lastWeek: Float64Array } {
  const n = Math.max(0, to - from);
  const last = new Float64Array(n);
  const lastWeek = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const t = from + k;
    last[k] = values[Math.max(0, t - 1)];
    lastWeek[k] = values[Math.max(0, t - 7)];
  }
  return { last, lastWeek };
}

/** Free-running naive forecasts from day `from` for `horizon` days, knowing only days before `from`: the last value held flat, the last week repeated. */
export function naiveFreeRun(values: ArrayLike<number>, from: number, horizon: number): { last: Float64Array; lastWeek: Float64Array } {
  const last = new Float64Array(horizon).fill(values[from - 1]);
  const lastWeek = new Float64Array(horizon);
  for (let k = 0; k < horizon; k++) lastWeek[k] = values[from - 7 + (k % 7)];
  return { last, lastWeek };
}

/** Parameters of a recurrent layer with q units on d inputs and k gate blocks (1 RNN, 3 GRU, 4 LSTM), as Keras counts them: k·q·(d + q + 1). */
export function recurrentParamCount(gates: number, inputs: number, units: number): number {
  return gates * units * (inputs + units + 1);
}
