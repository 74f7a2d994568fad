/**
 * Fixed-length id sequences for batching: pad and truncate at the front
 * ('pre') or the back ('post'), as Keras's pad_sequences does, and one-hot
 * rows. No tfjs, no DOM.
 */
import { PAD_ID } from './vocabulary';

export type Side = 'pre' | 'post';

export interface PadOptions {
  /** Where padding goes when a sequence is short (default 'pre', as Keras). */
  padding?: Side;
  /** Which end is cut when a sequence is long (default 'pre': keep the last `length` ids). */
  truncating?: Side;
  /** The padding id (default PAD_ID = 0). */
  value?: number;
}

/** One sequence padded or truncated to exactly `length` ids. */
export function padSequence(ids: ArrayLike<number>, length: number, { padding = 'pre', truncating = 'pre', value = PAD_ID }: PadOptions = {}): Int32Array {
  if (!Number.isInteger(length) || length < 0) throw new Error(`length must be a whole number >= 0, got ${length}`);
  const out = new Int32Array(length).fill(value);
  const n = Math.min(ids.length, length);
  const from = truncating === 'pre' ? ids.length - n : 0;
  const to = padding === 'pre' ? length - n : 0;
  for (let i = 0; i < n; i++) out[to + i] = ids[from + i];
  return out;
}

/** Many sequences as one row-major [count x length] array, ready for a tensor or a batch. */
export function padSequences(seqs: readonly ArrayLike<number>[], length: number, opts: PadOptions = {}): Int32Array {
  const out = new Int32Array(seqs.length * length);
  seqs.forEach((s, i) => out.set(padSequence(s, length, opts), i * length));
  return out;
}

/** One-hot rows: out[i * depth + ids[i]] = 1, as a row-major [ids.length x depth] array. Throws on an id outside [0, depth). */
export function oneHot(ids: ArrayLike<number>, depth: number): Float32Array {
  const out = new Float32Array(ids.length * depth);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= depth) throw new Error(`id ${id} at position ${i} is outside [0, ${depth})`);
    out[i * depth + id] = 1;
  }
  return out;
}

/**
 * Input/target windows for next-token prediction over one long id stream:
 * window w is ids[w*stride .. w*stride+length) and its target the same shifted
 * by one. Returns row-major [windows x length] arrays.
 */
export function nextTokenWindows(ids: ArrayLike<number>, length: number, stride = length): { inputs: Int32Array; targets: Int32Array; windows: number } {
  if (!(length >= 1) || !(stride >= 1)) throw new Error('length and stride must be at least 1');
  const windows = ids.length > length ? Math.floor((ids.length - length - 1) / stride) + 1 : 0;
  const inputs = new Int32Array(windows * length);
  const targets = new Int32Array(windows * length);
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < length; i++) {
      inputs[w * length + i] = ids[w * stride + i];
      targets[w * length + i] = ids[w * stride + i + 1];
    }
  }
  return { inputs, targets, windows };
}
