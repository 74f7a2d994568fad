/**
 * What the two trained name models do with a word that has a blank: BERT reads both sides in one pass;
 * GPT continues the prefix, or scores each whole candidate word (one row per candidate); each generates
 * names left to right (BERT by appending one [MASK] at a time). Reads with await data(), never dataSync.
 */
import * as tf from '@tensorflow/tfjs';
import { nextTokenDistribution, sampleFrom } from '../math/sampling';
import type { MaskedLm } from '../nn/maskedLm';
import type { TransformerLm } from '../nn/transformerLm';
import type { Rng } from '../rng';
import { MAX_WORD, type Guess } from './bertGptConfig';

/** What the readers need of the vocabulary: ids of the boundary and [MASK], the characters a name may hold. */
export interface NameCodec {
  tokens: string[];
  boundary: number;
  maskId: number;
  /** Ids of the characters a name may hold (letters, '-'). */
  letters: number[];
  idOf(ch: string): number;
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

/** The top `k` letters of a softmax row over the vocabulary (boundary and special tokens left out). */
function topLetters(probs: ArrayLike<number>, codec: NameCodec, k = 5): Guess[] {
  return codec.letters.map((id) => ({ char: codec.tokens[id], prob: probs[id] })).sort((a, b) => b.prob - a.prob).slice(0, k);
}

/** BERT's distribution for the one [MASK] in [\n, prefix, MASK, suffix, \n]. */
export async function bertFill(bert: MaskedLm, codec: NameCodec, prefix: number[], suffix: number[]): Promise<Guess[]> {
  const seq = [codec.boundary, ...prefix, codec.maskId, ...suffix, codec.boundary];
  const at = 1 + prefix.length;
  const p = tf.tidy(() => {
    const z = bert.logits(tf.tensor2d(seq, [1, seq.length], 'int32'), tf.ones([1, seq.length]));
    return tf.softmax(tf.reshape(tf.slice(z, [0, at, 0], [1, 1, z.shape[2]]), [-1]));
  });
  return topLetters(await read(p), codec);
}

/** GPT's next character after [\n, prefix]: all a left-to-right model sees of the word. */
export async function gptNext(gpt: TransformerLm, codec: NameCodec, prefix: number[]): Promise<Guess[]> {
  const seq = [codec.boundary, ...prefix];
  const p = tf.tidy(() => tf.softmax(tf.reshape(gpt.nextTokenLogits(tf.tensor2d(seq, [1, seq.length], 'int32')), [-1])));
  return topLetters(await read(p), codec);
}

/**
 * GPT filling the blank the only way a causal model can: log p(\n prefix c suffix \n) for every candidate
 * c (one row each, all in one batch), then softmax over the candidates.
 */
export async function gptScore(gpt: TransformerLm, codec: NameCodec, prefix: number[], suffix: number[]): Promise<Guess[]> {
  const rows = codec.letters.map((c) => [codec.boundary, ...prefix, c, ...suffix, codec.boundary]);
  const t = rows[0].length - 1;
  const logp = tf.tidy(() => {
    const ids = tf.tensor2d(rows.flatMap((r) => r.slice(0, t)), [rows.length, t], 'int32');
    const next = tf.tensor2d(rows.flatMap((r) => r.slice(1)), [rows.length, t], 'int32');
    const lp = tf.logSoftmax(gpt.logits(ids));
    return tf.sum(tf.mul(lp, tf.oneHot(next, lp.shape[2])), [1, 2]);
  });
  const v = await read(logp);
  const max = Math.max(...v);
  const w = Array.from(v, (x) => Math.exp(x - max));
  const total = w.reduce((a, b) => a + b, 0);
  return codec.letters.map((id, i) => ({ char: codec.tokens[id], prob: w[i] / total })).sort((a, b) => b.prob - a.prob).slice(0, 5);
}

/** The next-character logits of each row, with everything a name cannot hold (padding, unknown, [MASK]) blocked. */
function allowedOnly(logits: Float32Array, row: number, width: number, codec: NameCodec): Float64Array {
  const out = new Float64Array(width).fill(-1e9); // finite: the sampler refuses −∞ as a sign of divergence
  for (const id of [...codec.letters, codec.boundary]) out[id] = logits[row * width + id];
  return out;
}

/**
 * `count` names drawn left to right from the prefix, all rows in one batch. `nextLogits` gives the
 * logits [count, |V|] of the next character for rows of equal length.
 */
async function generate(codec: NameCodec, prefix: number[], count: number, temperature: number, rng: Rng, nextLogits: (rows: number[][]) => tf.Tensor2D): Promise<string[]> {
  const rows = Array.from({ length: count }, () => [codec.boundary, ...prefix]);
  const done = new Array<boolean>(count).fill(false);
  for (let k = prefix.length; k < MAX_WORD && done.some((d) => !d); k++) {
    const z = await read(tf.tidy(() => nextLogits(rows)));
    const width = z.length / count;
    rows.forEach((r, i) => {
      if (done[i]) return r.push(codec.boundary);
      const id = sampleFrom(nextTokenDistribution(allowedOnly(z, i, width, codec), { temperature }), rng);
      r.push(id);
      if (id === codec.boundary) done[i] = true;
    });
  }
  return rows.map((r) => {
    const end = r.indexOf(codec.boundary, 1);
    return r.slice(1, end < 0 ? undefined : end).map((id) => codec.tokens[id]).join('');
  });
}

/** GPT's names from the prefix. */
export function gptGenerate(gpt: TransformerLm, codec: NameCodec, prefix: number[], count: number, temperature: number, rng: Rng): Promise<string[]> {
  return generate(codec, prefix, count, temperature, rng, (rows) => gpt.nextTokenLogits(tf.tensor2d(rows.flat(), [rows.length, rows[0].length], 'int32')));
}

/** BERT made to generate: [\n, prefix, …, MASK] with nothing after the mask, the mask's prediction appended, again. */
export function bertGenerate(bert: MaskedLm, codec: NameCodec, prefix: number[], count: number, temperature: number, rng: Rng): Promise<string[]> {
  return generate(codec, prefix, count, temperature, rng, (rows) => {
    const t = rows[0].length + 1;
    const z = bert.logits(tf.tensor2d(rows.flatMap((r) => [...r, codec.maskId]), [rows.length, t], 'int32'), tf.ones([rows.length, t]));
    return tf.reshape(tf.slice(z, [0, t - 1, 0], [rows.length, 1, z.shape[2]]), [rows.length, z.shape[2]]) as tf.Tensor2D;
  });
}
