/**
 * Why attention divides by √d_k, measured: with query and key components independent with mean 0 and
 * variance 1, q · k = Σ_c q_c k_c has variance d_k, so its spread grows like √d_k and an unscaled softmax
 * saturates (one key takes almost all the weight, and the gradient through the others vanishes).
 */
import { createRng } from '../rng';
import { rowStats } from './kernelRegression';

export interface ScalingStats {
  dk: number;
  /** Standard deviation of all n × n scores, unscaled and divided by √d_k. */
  stdRaw: number;
  stdScaled: number;
  /** Mean over queries of the largest softmax weight, and of the entropy (nats; log n is uniform). */
  maxRaw: number;
  maxScaled: number;
  entropyRaw: number;
  entropyScaled: number;
}

function softmaxRowsOf(scores: Float64Array, n: number, factor: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < n; j++) m = Math.max(m, scores[i * n + j] * factor);
    let z = 0;
    for (let j = 0; j < n; j++) z += out[i * n + j] = Math.exp(scores[i * n + j] * factor - m);
    for (let j = 0; j < n; j++) out[i * n + j] /= z;
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function std(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  const m = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return Math.sqrt(v / xs.length);
}

/** n queries against n keys, components N(0, 1) drawn from `seed`, at key width d_k. */
export function scoreScaling(dk: number, n = 16, seed = 1): ScalingStats {
  if (!Number.isInteger(dk) || dk < 1) throw new Error(`d_k must be a whole number of at least 1 (got ${dk})`);
  const rng = createRng(seed);
  const q = Array.from({ length: n * dk }, () => rng.normal());
  const k = Array.from({ length: n * dk }, () => rng.normal());
  const scores = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < dk; c++) s += q[i * dk + c] * k[j * dk + c];
      scores[i * n + j] = s;
    }
  const raw = rowStats(softmaxRowsOf(scores, n, 1), n);
  const scaled = rowStats(softmaxRowsOf(scores, n, 1 / Math.sqrt(dk)), n);
  const sd = std(scores);
  return {
    dk,
    stdRaw: sd,
    stdScaled: sd / Math.sqrt(dk),
    maxRaw: mean(raw.maxWeight),
    maxScaled: mean(scaled.maxWeight),
    entropyRaw: mean(raw.entropy),
    entropyScaled: mean(scaled.entropy),
  };
}

/** The widths the figure's sweep draws: 1, 2, 4, … 1024. */
export const SWEEP_DKS = Array.from({ length: 11 }, (_, i) => 2 ** i);
