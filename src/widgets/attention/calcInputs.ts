/**
 * The calculator's inputs in plain numbers: tokens from a line of text, one seeded vector per distinct token
 * (so equal tokens get equal rows), and seeded projection matrices. No tfjs.
 */
import { mat, type AttentionWeights, type Mat } from '../../engine/math/selfAttention';
import { createRng } from '../../engine/rng';

export const MAX_TOKENS = 12;
export const PAD_TOKEN = '<pad>';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Whitespace-separated tokens: at least one and at most MAX_TOKENS (the matrices must fit on a screen). */
export function parseTokens(text: string, max = MAX_TOKENS): Parsed<string[]> {
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, message: 'The sequence is empty: type at least one token (words separated by spaces).' };
  if (tokens.length > max) return { ok: false, message: `${tokens.length} tokens is more than ${max}: the matrices would not fit. Shorten the sequence.` };
  return { ok: true, value: tokens };
}

/** FNV-1a of a string: the seed of that token's vector. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Rows x_t: each token's vector, N(0, 1) components drawn from the token and the seed (case-folded). */
export function tokenMatrix(tokens: readonly string[], d: number, seed: number): Mat {
  const rows = tokens.map((t) => {
    const rng = createRng((hash(t.toLowerCase()) ^ Math.imul(seed, 0x9e3779b1)) >>> 0);
    return Array.from({ length: d }, () => rng.normal());
  });
  return mat(tokens.length, d, (i, j) => rows[i][j]);
}

/** W_q, W_k, W_v, W_o with N(0, 1/d) entries, so that with N(0, 1) inputs every q and k component has variance about 1. */
export function projections(d: number, seed: number): AttentionWeights {
  const rng = createRng((seed * 7919 + 13) >>> 0);
  const draw = () => mat(d, d, () => rng.normal() / Math.sqrt(d));
  return { wq: draw(), wk: draw(), wv: draw(), wo: draw() };
}
