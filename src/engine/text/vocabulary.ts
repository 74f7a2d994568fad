/**
 * A vocabulary built from a corpus: index 0 is padding, 1 is unknown, then
 * tokens by falling count (ties in code-point order, so the same corpus always
 * gives the same indices). Encode, decode, and the numbers a vocabulary
 * explorer shows: counts, shares, and coverage, the share of the corpus's
 * tokens that the k most frequent types cover. No tfjs, no DOM.
 */
import type { TokenLevel } from './tokenize';

export const PAD_ID = 0;
export const UNK_ID = 1;
export const PAD_TOKEN = '<pad>';
export const UNK_TOKEN = '<unk>';
/** Indices below this are reserved (padding, unknown). */
export const RESERVED = 2;

export interface Vocabulary {
  level: TokenLevel;
  /** tokens[i] is the token with index i; tokens[0] = PAD_TOKEN, tokens[1] = UNK_TOKEN. */
  tokens: string[];
  /** counts[i]: how often tokens[i] occurs in the corpus it was built from; counts[1] counts the corpus tokens left out (now unknown). */
  counts: number[];
  /** Token -> index, for encoding. */
  index: Map<string, number>;
  /** Tokens in the corpus (reserved names excluded). */
  totalTokens: number;
  /** Distinct tokens in the corpus, before minCount and maxSize cut the list. */
  corpusTypes: number;
}

export interface VocabularyOptions {
  level: TokenLevel;
  /** Keep tokens seen at least this often (default 1). */
  minCount?: number;
  /** At most this many entries, the two reserved ones included (default: no limit). */
  maxSize?: number;
}

/** How often each token occurs; the reserved names are not counted (they would clash with indices 0 and 1). */
export function countTokens(tokens: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) if (t !== PAD_TOKEN && t !== UNK_TOKEN) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

const byCountThenToken = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** A vocabulary from a corpus's tokens (or their counts), cut by minCount and maxSize. */
export function buildVocabulary(corpus: Iterable<string> | Map<string, number>, { level, minCount = 1, maxSize = Infinity }: VocabularyOptions): Vocabulary {
  if (!(maxSize >= RESERVED)) throw new Error(`maxSize must be at least ${RESERVED} (padding and unknown), got ${maxSize}`);
  const counts = corpus instanceof Map ? corpus : countTokens(corpus);
  const sorted = [...counts].filter(([t]) => t !== PAD_TOKEN && t !== UNK_TOKEN).sort(byCountThenToken);
  const total = sorted.reduce((n, [, c]) => n + c, 0);
  const kept = sorted.filter(([, c]) => c >= minCount).slice(0, maxSize - RESERVED);
  const keptTotal = kept.reduce((n, [, c]) => n + c, 0);
  const tokens = [PAD_TOKEN, UNK_TOKEN, ...kept.map(([t]) => t)];
  return {
    level,
    tokens,
    counts: [0, total - keptTotal, ...kept.map(([, c]) => c)],
    index: new Map(tokens.map((t, i) => [t, i])),
    totalTokens: total,
    corpusTypes: sorted.length,
  };
}

/** Token ids; a token not in the vocabulary (or a reserved name) becomes UNK_ID. */
export function encode(vocab: Vocabulary, tokens: readonly string[]): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const id = vocab.index.get(tokens[i]);
    out[i] = id === undefined || id < RESERVED ? UNK_ID : id;
  }
  return out;
}

/** Tokens for ids; padding is dropped unless keepPad, unknown decodes as UNK_TOKEN. Throws on an id outside the vocabulary. */
export function decode(vocab: Vocabulary, ids: ArrayLike<number>, { keepPad = false }: { keepPad?: boolean } = {}): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocab.tokens.length) throw new Error(`id ${id} at position ${i} is outside the vocabulary (size ${vocab.tokens.length})`);
    if (id !== PAD_ID || keepPad) out.push(vocab.tokens[id]);
  }
  return out;
}

/** Entries including the two reserved ones: the width of a one-hot vector or an embedding table. */
export function vocabularySize(vocab: Vocabulary): number {
  return vocab.tokens.length;
}

/**
 * Coverage curve: c[k] = share of the corpus's tokens among the k most frequent
 * types (c[0] = 0, c[types] = 1), over every type the corpus had, so the curve
 * runs past the vocabulary's cut when the corpus counts are given.
 */
export function coverageCurve(counts: Map<string, number> | Vocabulary): Float64Array {
  const cs = counts instanceof Map ? [...counts.values()].sort((a, b) => b - a) : counts.counts.slice(RESERVED);
  const total = counts instanceof Map ? cs.reduce((n, c) => n + c, 0) : counts.totalTokens;
  const out = new Float64Array(cs.length + 1);
  let run = 0;
  for (let k = 0; k < cs.length; k++) {
    run += cs[k];
    out[k + 1] = total > 0 ? run / total : 0;
  }
  return out;
}

/** Share of the corpus's tokens that the vocabulary covers (1 - the unknown rate on its own corpus). */
export function vocabularyCoverage(vocab: Vocabulary): number {
  return vocab.totalTokens > 0 ? 1 - vocab.counts[UNK_ID] / vocab.totalTokens : 1;
}

/** The smallest number of types (most frequent first) that covers at least `share` of the corpus's tokens. */
export function typesForCoverage(curve: Float64Array, share: number): number {
  for (let k = 0; k < curve.length; k++) if (curve[k] >= share - 1e-12) return k;
  return curve.length - 1;
}

/** Share of the given tokens that would be unknown with this vocabulary. */
export function unknownRate(vocab: Vocabulary, tokens: readonly string[]): number {
  if (tokens.length === 0) return 0;
  let unk = 0;
  for (const t of tokens) {
    const id = vocab.index.get(t);
    if (id === undefined || id < RESERVED) unk++;
  }
  return unk / tokens.length;
}

/** One row of a vocabulary explorer: index, token, count and share of the corpus. */
export interface TokenRow {
  id: number;
  token: string;
  count: number;
  share: number;
}

/**
 * The vocabulary's rows from `start` (default: the first real token), `n` of
 * them; `show` filters what a page may display (pass isClean from
 * offensive.ts for corpus words) without changing the indices.
 */
export function tokenRows(vocab: Vocabulary, n: number, { start = RESERVED, show = () => true }: { start?: number; show?: (token: string) => boolean } = {}): TokenRow[] {
  const rows: TokenRow[] = [];
  for (let id = start; id < vocab.tokens.length && rows.length < n; id++) {
    const token = vocab.tokens[id];
    if (show(token)) rows.push({ id, token, count: vocab.counts[id], share: vocab.totalTokens ? vocab.counts[id] / vocab.totalTokens : 0 });
  }
  return rows;
}
