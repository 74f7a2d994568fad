import type { NamesData } from '../data/names';
import { permutation, type Rng, createRng } from '../rng';
import { buildVocabulary, encode, type Vocabulary } from '../text';

/** The names as character ids for a language model: training and held-out streams, names apart. */
export interface CharCorpus {
  vocab: Vocabulary;
  /** The id of '\n', which ends every name (and starts the first). */
  boundaryId: number;
  /** "\nanna\nbob\n…" of the training names, as ids. */
  train: Int32Array;
  /** The same for the held-out names. */
  heldOut: Int32Array;
  /** |B| random windows of the training stream: inputs ids[s..s+T), targets ids[s+1..s+T]. */
  trainBatch(batch: number, window: number, rng: Rng): { inputs: Int32Array; targets: Int32Array };
  /** Up to `max` consecutive, non-overlapping windows of the held-out stream (a fixed set, so points compare). */
  heldOutWindows(window: number, max: number): { inputs: Int32Array; targets: Int32Array; windows: number };
}

/** Share of the names held out. */
export const HELD_OUT_SHARE = 0.1;

/**
 * Lower-cased names, shuffled by `seed` and split 90/10 by name (a held-out name is never seen in
 * training); the vocabulary is the training names' characters with '\n' as the boundary.
 */
export function buildCharCorpus(names: NamesData, seed: number): CharCorpus {
  const all = [...names.female, ...names.male].map((n) => n.toLowerCase());
  const order = permutation(all.length, createRng(seed * 104729 + 17));
  const nHeld = Math.round(all.length * HELD_OUT_SHARE);
  const held = Array.from(order.subarray(0, nHeld), (i) => all[i]);
  const train = Array.from(order.subarray(nHeld), (i) => all[i]);
  const stream = (list: string[]) => '\n' + list.join('\n') + '\n';
  return corpusFromTexts(stream(train), stream(held));
}

/** Fewest characters a typed corpus may have, and fewest distinct ones (besides the line break). */
export const MIN_TEXT_CHARS = 50;
export const MIN_TEXT_TYPES = 2;

/**
 * Prose for a character model: lower case, each paragraph (text between blank lines) on one line
 * with its whitespace collapsed, so '\n' is the boundary between paragraphs as it is between names.
 */
export function normaliseProse(text: string): string {
  return text
    .toLowerCase()
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * A prose corpus ('\n' + paragraphs + '\n'): the last HELD_OUT_SHARE of its characters held out,
 * cut at a paragraph boundary when there is one. Throws a reader-facing message when the text is
 * too short or has fewer than two different characters, the smallest corpus a model can learn from.
 */
export function buildTextCorpus(raw: string): CharCorpus {
  const text = normaliseProse(raw);
  const types = new Set(text.replace(/\n/g, ''));
  if (types.size < MIN_TEXT_TYPES)
    throw new Error(types.size === 0 ? 'The text is empty: type or paste at least 50 characters.' : `The text uses one character only ("${[...types][0]}"): a model that predicts the next character needs at least two different ones.`);
  if (text.length < MIN_TEXT_CHARS) throw new Error(`The text has ${text.length} characters; a character model needs at least ${MIN_TEXT_CHARS} (some to train on, a tenth held out).`);
  let cut = Math.floor(text.length * (1 - HELD_OUT_SHARE));
  const para = text.lastIndexOf('\n', cut);
  if (para > text.length / 2) cut = para;
  return corpusFromTexts('\n' + text.slice(0, cut) + '\n', '\n' + text.slice(cut).replace(/^\n/, '') + '\n');
}

/** A corpus from a training and a held-out stream: the vocabulary is the training characters' ('\n' among them). */
export function corpusFromTexts(trainText: string, heldText: string): CharCorpus {
  const vocab = buildVocabulary(Array.from(trainText), { level: 'char' });
  const trainIds = encode(vocab, Array.from(trainText));
  const heldIds = encode(vocab, Array.from(heldText));
  const boundaryId = vocab.index.get('\n')!;
  return {
    vocab,
    boundaryId,
    train: trainIds,
    heldOut: heldIds,
    trainBatch(batch, window, rng) {
      const inputs = new Int32Array(batch * window);
      const targets = new Int32Array(batch * window);
      // A stream shorter than a window repeats from its start: a tiny typed text still trains.
      const span = Math.max(0, trainIds.length - window - 1);
      for (let b = 0; b < batch; b++) {
        const s = rng.int(span + 1);
        for (let t = 0; t < window; t++) {
          inputs[b * window + t] = trainIds[(s + t) % trainIds.length];
          targets[b * window + t] = trainIds[(s + t + 1) % trainIds.length];
        }
      }
      return { inputs, targets };
    },
    heldOutWindows(window, max) {
      const windows = Math.max(1, Math.min(max, Math.floor((heldIds.length - 1) / window)));
      const inputs = new Int32Array(windows * window);
      const targets = new Int32Array(windows * window);
      for (let w = 0; w < windows; w++)
        for (let t = 0; t < window; t++) {
          // A held-out stream shorter than one window wraps round (a typed text's tenth can be short).
          inputs[w * window + t] = heldIds[(w * window + t) % heldIds.length];
          targets[w * window + t] = heldIds[(w * window + t + 1) % heldIds.length];
        }
      return { inputs, targets, windows };
    },
  };
}

/**
 * The held-out cross-entropy (nats per character) of the unigram model p(c) = (n_c + 1) / (N + |𝒱|)
 * fitted to the training stream (add-one smoothing, so an unseen character costs a finite amount):
 * the bar a model that reads context has to clear.
 */
export function unigramLoss(corpus: CharCorpus): number {
  const v = corpus.vocab.tokens.length;
  const counts = new Float64Array(v);
  // Targets are every character after the first: count those, as the model predicts them.
  for (let i = 1; i < corpus.train.length; i++) counts[corpus.train[i]] += 1;
  const total = corpus.train.length - 1;
  let sum = 0;
  for (let i = 1; i < corpus.heldOut.length; i++) sum -= Math.log((counts[corpus.heldOut[i]] + 1) / (total + v));
  return sum / (corpus.heldOut.length - 1);
}
