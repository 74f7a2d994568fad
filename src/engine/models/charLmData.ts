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
  const trainText = stream(train);
  const vocab = buildVocabulary(Array.from(trainText), { level: 'char' });
  const trainIds = encode(vocab, Array.from(trainText));
  const heldIds = encode(vocab, Array.from(stream(held)));
  const boundaryId = vocab.index.get('\n')!;
  return {
    vocab,
    boundaryId,
    train: trainIds,
    heldOut: heldIds,
    trainBatch(batch, window, rng) {
      const inputs = new Int32Array(batch * window);
      const targets = new Int32Array(batch * window);
      const span = trainIds.length - window - 1;
      for (let b = 0; b < batch; b++) {
        const s = rng.int(span + 1);
        inputs.set(trainIds.subarray(s, s + window), b * window);
        targets.set(trainIds.subarray(s + 1, s + 1 + window), b * window);
      }
      return { inputs, targets };
    },
    heldOutWindows(window, max) {
      const windows = Math.max(1, Math.min(max, Math.floor((heldIds.length - 1) / window)));
      const inputs = new Int32Array(windows * window);
      const targets = new Int32Array(windows * window);
      for (let w = 0; w < windows; w++) {
        inputs.set(heldIds.subarray(w * window, (w + 1) * window), w * window);
        targets.set(heldIds.subarray(w * window + 1, (w + 1) * window + 1), w * window);
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
