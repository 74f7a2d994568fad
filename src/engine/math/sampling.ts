import type { Rng } from '../rng';

/**
 * Choosing the next token from a model's logits o (one per vocabulary entry), in plain JS so a
 * widget can draw the distribution it samples from. The order is the usual one: temperature
 * p_i ∝ exp(o_i / τ), then top-k, then top-p, each renormalising what it keeps.
 */
export interface SamplingOptions {
  /** τ ≥ 0; below MIN_TEMPERATURE the choice is greedy, above MAX_TEMPERATURE τ is capped. Default 1. */
  temperature?: number;
  /** Keep the k most probable tokens; k is rounded down and clamped to [1, |V|]. Absent: all. */
  topK?: number;
  /** Keep the fewest most probable tokens whose probabilities sum to ≥ p; p in (0, 1]; p ≤ 0 keeps the top token. */
  topP?: number;
}

/** τ below this is treated as τ → 0: all the mass on the argmax (exp(o/τ) would overflow). */
export const MIN_TEMPERATURE = 1e-3;
/** τ above this is capped: the distribution is already uniform to float precision for sane logits. */
export const MAX_TEMPERATURE = 1e3;

/** argmax_i o_i (the first of ties); the greedy choice. */
export function greedy(logits: ArrayLike<number>): number {
  checkLogits(logits);
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
}

/** softmax(o / τ), computed stably (max subtracted); τ → 0 gives the one-hot of the argmax. */
export function softmaxWithTemperature(logits: ArrayLike<number>, temperature = 1): Float64Array {
  checkLogits(logits);
  if (!(temperature >= 0)) throw new Error(`the temperature must be ≥ 0 (got ${temperature})`);
  const p = new Float64Array(logits.length);
  if (temperature < MIN_TEMPERATURE) {
    p[greedy(logits)] = 1;
    return p;
  }
  const tau = Math.min(temperature, MAX_TEMPERATURE);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += p[i] = Math.exp((logits[i] - max) / tau);
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** The distribution the sampler draws from after temperature, top-k and top-p (zeros outside the kept set; sums to 1). */
export function nextTokenDistribution(logits: ArrayLike<number>, options: SamplingOptions = {}): Float64Array {
  const p = softmaxWithTemperature(logits, options.temperature ?? 1);
  const n = p.length;
  // Indices by descending probability (ties by index), so top-k and top-p keep a prefix.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  let keep = n;
  if (options.topK !== undefined) {
    if (Number.isNaN(options.topK)) throw new Error('top-k must be a number');
    keep = Math.min(keep, Math.max(1, Math.min(n, Math.floor(options.topK))));
  }
  if (options.topP !== undefined) {
    if (Number.isNaN(options.topP)) throw new Error('top-p must be a number');
    const target = Math.min(1, options.topP);
    // Renormalise over what top-k kept, then take the shortest prefix reaching p.
    let kept = 0;
    for (let r = 0; r < keep; r++) kept += p[order[r]];
    let cum = 0;
    let m = 0;
    while (m < keep) {
      cum += p[order[m]] / kept;
      m++;
      if (cum >= target * (1 - 1e-12)) break;
    }
    keep = Math.max(1, m);
  }
  const out = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < keep; r++) sum += p[order[r]];
  for (let r = 0; r < keep; r++) out[order[r]] = p[order[r]] / sum;
  return out;
}

/** Draws an index from a distribution p (Σ p = 1) with one uniform number. */
export function sampleFrom(probs: ArrayLike<number>, rng: Rng): number {
  const u = rng.next();
  let cum = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cum += probs[i];
    last = i;
    if (u < cum) return i;
  }
  // Rounding left Σ p a hair under 1 and u above it: the last token with mass.
  return last;
}

/** Samples the next token: greedy when τ < MIN_TEMPERATURE, else from nextTokenDistribution. */
export function sampleToken(logits: ArrayLike<number>, rng: Rng, options: SamplingOptions = {}): number {
  if ((options.temperature ?? 1) < MIN_TEMPERATURE) return greedy(logits);
  return sampleFrom(nextTokenDistribution(logits, options), rng);
}

function checkLogits(logits: ArrayLike<number>): void {
  if (logits.length === 0) throw new Error('sampling needs at least one logit');
  for (let i = 0; i < logits.length; i++) if (!Number.isFinite(logits[i])) throw new Error(`logit ${i} is ${logits[i]}: the model diverged`);
}
