/**
 * The names as the two models read them (plain JS, no tfjs). GPT reads windows of the stream
 * "\nanna\nbob\n…" (charLmData.ts); BERT reads one name at a time, [\n, c₁ … c_L, \n] padded to
 * MAX_WORD + 2, with some characters (the closing \n included) hidden behind [MASK].
 */
import type { CharCorpus } from './charLmData';
import { MAX_WORD } from './bertGptConfig';
import type { Rng } from '../rng';

/** BERT's sequence length: the longest name and its two boundaries. */
export const BERT_T = MAX_WORD + 2;
/** GPT's context: a boundary and the longest name (it predicts the closing boundary from the last letter). */
export const GPT_T = MAX_WORD + 1;

/** One batch for a model that reads a whole sequence: ids, valid flags, targets and loss weights, each [B, T]. */
export interface MaskedBatch {
  ids: Int32Array;
  valid: Float32Array;
  targets: Int32Array;
  weights: Float32Array;
  rows: number;
}

/** The names of a stream (ids between boundaries), at most MAX_WORD long. */
export function namesOf(stream: Int32Array, boundary: number): Int32Array[] {
  const out: Int32Array[] = [];
  let start = -1;
  for (let i = 0; i < stream.length; i++) {
    if (stream[i] !== boundary) continue;
    if (start >= 0 && i - start - 1 > 0 && i - start - 1 <= MAX_WORD) out.push(stream.slice(start + 1, i));
    start = i;
  }
  return out;
}

function emptyBatch(rows: number, t: number): MaskedBatch {
  return { ids: new Int32Array(rows * t), valid: new Float32Array(rows * t), targets: new Int32Array(rows * t), weights: new Float32Array(rows * t), rows };
}

/**
 * Masked-LM rows for `names`: each name as [\n, c₁ … c_L, \n], every position 1 … L+1 hidden with
 * probability `rate` (at least one per name), its target the true id and weight 1; the rest weight 0.
 */
export function maskedRows(names: Int32Array[], boundary: number, maskId: number, rate: number, rng: Rng): MaskedBatch {
  const t = BERT_T;
  const b = emptyBatch(names.length, t);
  names.forEach((name, r) => {
    const seq = [boundary, ...name, boundary];
    const o = r * t;
    seq.forEach((id, j) => {
      b.ids[o + j] = id;
      b.valid[o + j] = 1;
      b.targets[o + j] = id;
    });
    let any = false;
    for (let j = 1; j < seq.length; j++)
      if (rng.next() < rate) {
        b.ids[o + j] = maskId;
        b.weights[o + j] = 1;
        any = true;
      }
    if (!any) {
      const j = 1 + rng.int(seq.length - 1);
      b.ids[o + j] = maskId;
      b.weights[o + j] = 1;
    }
  });
  return b;
}

/** A random batch of training names, masked. */
export function maskedBatch(names: Int32Array[], size: number, boundary: number, maskId: number, rate: number, rng: Rng): MaskedBatch {
  return maskedRows(Array.from({ length: size }, () => names[rng.int(names.length)]), boundary, maskId, rate, rng);
}

/**
 * BERT asked to read left to right: for every name and every position t = 1 … L+1 one row
 * [\n, c₁ … c_{t−1}, MASK] with nothing after it, the target c_t (the closing \n at t = L+1).
 */
export function leftToRightRows(names: Int32Array[], boundary: number, maskId: number): MaskedBatch {
  const t = BERT_T;
  const rows = names.reduce((s, n) => s + n.length + 1, 0);
  const b = emptyBatch(rows, t);
  let r = 0;
  for (const name of names) {
    const full = [boundary, ...name, boundary];
    for (let pos = 1; pos < full.length; pos++, r++) {
      const o = r * t;
      for (let j = 0; j < pos; j++) {
        b.ids[o + j] = full[j];
        b.valid[o + j] = 1;
      }
      b.ids[o + pos] = maskId;
      b.valid[o + pos] = 1;
      b.targets[o + pos] = full[pos];
      b.weights[o + pos] = 1;
    }
  }
  return b;
}

/** GPT's rows for whole names: inputs [\n, c₁ … c_L], targets [c₁ … c_L, \n], padded to GPT_T with weight 0. */
export function nextTokenRows(names: Int32Array[], boundary: number): MaskedBatch {
  const t = GPT_T;
  const b = emptyBatch(names.length, t);
  names.forEach((name, r) => {
    const o = r * t;
    const full = [boundary, ...name, boundary];
    for (let j = 0; j < full.length - 1; j++) {
      b.ids[o + j] = full[j];
      b.valid[o + j] = 1;
      b.targets[o + j] = full[j + 1];
      b.weights[o + j] = 1;
    }
  });
  return b;
}

/** The training and held-out names of a corpus. */
export function splitNames(corpus: CharCorpus): { train: Int32Array[]; heldOut: Int32Array[] } {
  return { train: namesOf(corpus.train, corpus.boundaryId), heldOut: namesOf(corpus.heldOut, corpus.boundaryId) };
}
