/**
 * Character n-gram language models from counts, in plain JS (no tfjs): the baselines a recurrent
 * language model has to beat. An n-gram model makes the Markov assumption of order n − 1 and
 * estimates each next-token probability with add-k smoothing,
 *   P(x_t = w | x_{t−n+1} … x_{t−1} = u) = (#(u w) + k) / (#(u) + k |V|),
 * where #(u) counts u as a context (followed by anything), so that every row sums to 1 and an unseen
 * pair costs a finite amount. Positions before the start of a stream read as `padId` (the boundary
 * token, which also starts every stream of names).
 */

/** A fitted n-gram model over ids 0 … |V| − 1. */
export interface NgramModel {
  /** n: 1 unigram, 2 bigram, 3 trigram. */
  order: number;
  vocabSize: number;
  /** The add-k smoothing count (> 0). */
  k: number;
  /** The id that stands for "before the start". */
  padId: number;
  /** #(u w) for every context u (n − 1 ids) and next id w, at index u·|V| + w (u read in base |V|). */
  counts: Float64Array;
  /** #(u) = Σ_w #(u w). */
  contextCounts: Float64Array;
}

/** Largest n supported: |V|^n counts are kept densely. */
export const MAX_ORDER = 3;
/** Dense tables stop here (|V|^n entries): a trigram over 170 symbols. */
const MAX_TABLE = 5_000_000;

function contextIndex(stream: ArrayLike<number>, t: number, order: number, v: number, padId: number): number {
  let u = 0;
  for (let j = t - order + 1; j < t; j++) u = u * v + (j >= 0 ? stream[j] : padId);
  return u;
}

function check(order: number, vocabSize: number, k: number): void {
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) throw new Error(`an n-gram model has order 1 to ${MAX_ORDER} (got ${order})`);
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new Error(`the vocabulary needs at least one token (got ${vocabSize})`);
  if (vocabSize ** order > MAX_TABLE) throw new Error(`a ${order}-gram table over ${vocabSize} tokens is too large (${vocabSize ** order} entries)`);
  if (!(k > 0) || !Number.isFinite(k)) throw new Error(`add-k smoothing needs k > 0 (got ${k})`);
}

/** Counts every n-gram of `stream` (ids < vocabSize): the targets are stream[1 …], each predicted from what precedes it. */
export function fitNgram(stream: ArrayLike<number>, vocabSize: number, order: number, k = 1, padId = 0): NgramModel {
  check(order, vocabSize, k);
  const contexts = vocabSize ** (order - 1);
  const counts = new Float64Array(contexts * vocabSize);
  const contextCounts = new Float64Array(contexts);
  for (let t = 1; t < stream.length; t++) {
    const w = stream[t];
    if (!(w >= 0 && w < vocabSize)) throw new Error(`id ${w} at position ${t} is outside the vocabulary of ${vocabSize}`);
    const u = contextIndex(stream, t, order, vocabSize, padId);
    counts[u * vocabSize + w] += 1;
    contextCounts[u] += 1;
  }
  return { order, vocabSize, k, padId, counts, contextCounts };
}

/** P(next | the last n − 1 ids of `context`), missing ones read as padId. */
export function ngramProbability(m: NgramModel, context: ArrayLike<number>, next: number): number {
  const u = contextIndex([...Array.from(context), next], context.length, m.order, m.vocabSize, m.padId);
  return (m.counts[u * m.vocabSize + next] + m.k) / (m.contextCounts[u] + m.k * m.vocabSize);
}

/** The whole next-token distribution after `context` (sums to 1). */
export function ngramDistribution(m: NgramModel, context: ArrayLike<number>): Float64Array {
  const u = contextIndex([...Array.from(context), 0], context.length, m.order, m.vocabSize, m.padId);
  const denom = m.contextCounts[u] + m.k * m.vocabSize;
  const p = new Float64Array(m.vocabSize);
  for (let w = 0; w < m.vocabSize; w++) p[w] = (m.counts[u * m.vocabSize + w] + m.k) / denom;
  return p;
}

/** Mean negative log-likelihood (nats per token) of stream[1 …] under the model: its cross-entropy on that text. */
export function ngramCrossEntropy(m: NgramModel, stream: ArrayLike<number>): number {
  if (stream.length < 2) throw new Error('a stream of one token has nothing to predict');
  let sum = 0;
  for (let t = 1; t < stream.length; t++) {
    const u = contextIndex(stream, t, m.order, m.vocabSize, m.padId);
    sum -= Math.log((m.counts[u * m.vocabSize + stream[t]] + m.k) / (m.contextCounts[u] + m.k * m.vocabSize));
  }
  return sum / (stream.length - 1);
}

/** PPL = exp(cross-entropy in nats): an effective number of equally likely choices per token. */
export function perplexity(crossEntropy: number): number {
  return Math.exp(crossEntropy);
}

/** The uniform model's cross-entropy, ln |V| (its perplexity is |V| on any text). */
export function uniformCrossEntropy(vocabSize: number): number {
  return Math.log(vocabSize);
}

/**
 * Mean negative log-likelihood of targets[w, t] given inputs[w, ≤ t] over `windows` windows of
 * length `window` (rows of the flat arrays), each window read from its start: the n-gram sees no
 * character before its window, as a recurrent model evaluated from a zero state at each window does.
 */
export function ngramWindowCrossEntropy(m: NgramModel, inputs: ArrayLike<number>, targets: ArrayLike<number>, window: number): number {
  const rows = Math.floor(targets.length / window);
  if (rows < 1) throw new Error('no window to evaluate');
  const v = m.vocabSize;
  let sum = 0;
  for (let w = 0; w < rows; w++)
    for (let t = 0; t < window; t++) {
      let u = 0;
      for (let j = t - m.order + 2; j <= t; j++) u = u * v + (j >= 0 ? inputs[w * window + j] : m.padId);
      sum -= Math.log((m.counts[u * v + targets[w * window + t]] + m.k) / (m.contextCounts[u] + m.k * v));
    }
  return sum / (rows * window);
}
