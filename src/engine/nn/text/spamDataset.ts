/**
 * The e-mail corpus as a classification data set: a fixed train/held-out split
 * (the same for every seed, so runs are comparable), word tokens, a vocabulary
 * built from the training messages only, and id sequences padded or truncated
 * to a fixed length T. No tfjs.
 */
import type { SpamData } from '../../data/spamCorpus';
import { messageText } from '../../data/spamCorpus';
import { createRng, permutation } from '../../rng';
import { buildVocabulary, countTokens, encode, type Vocabulary } from '../../text/vocabulary';
import { padSequence, type Side } from '../../text/sequences';
import { tokenize } from '../../text/tokenize';

/** Share of the messages held out for testing. */
export const HELD_OUT_SHARE = 0.2;
/** The split's own seed: the widget's seed changes weights and batches, never which messages are held out. */
export const SPLIT_SEED = 8;

export interface TokenisedCorpus {
  trainTokens: string[][];
  trainLabels: Uint8Array;
  testTokens: string[][];
  testLabels: Uint8Array;
  /** Token counts over the training messages. */
  trainCounts: Map<string, number>;
}

const tokenised = new WeakMap<SpamData, TokenisedCorpus>();

/** Splits and tokenises the corpus once per data object (word level, lower case). */
export function tokeniseCorpus(data: SpamData): TokenisedCorpus {
  const hit = tokenised.get(data);
  if (hit) return hit;
  const n = data.messages.length;
  const order = permutation(n, createRng(SPLIT_SEED));
  const nTest = Math.round(n * HELD_OUT_SHARE);
  const pick = (idx: Int32Array) => ({
    tokens: Array.from(idx, (i) => tokenize(messageText(data.messages[i]), 'word')),
    labels: Uint8Array.from(idx, (i) => (data.messages[i].spam ? 1 : 0)),
  });
  const test = pick(order.subarray(0, nTest));
  const train = pick(order.subarray(nTest));
  const out: TokenisedCorpus = {
    trainTokens: train.tokens, trainLabels: train.labels, testTokens: test.tokens, testLabels: test.labels,
    trainCounts: countTokens(train.tokens.flat()),
  };
  tokenised.set(data, out);
  return out;
}

/** Fixed-length id rows, row-major [n x T], and their labels. */
export interface SequenceSet {
  ids: Int32Array;
  labels: Uint8Array;
  n: number;
  seqLen: number;
}

export interface SpamSequences {
  vocab: Vocabulary;
  train: SequenceSet;
  test: SequenceSet;
}

/** Encodes and pads one token list the way the data set does (padding on the side opposite the cut). */
export function toSequence(vocab: Vocabulary, tokens: readonly string[], seqLen: number, truncating: Side): Int32Array {
  return padSequence(encode(vocab, tokens), seqLen, { truncating, padding: truncating === 'post' ? 'post' : 'pre' });
}

function toSet(vocab: Vocabulary, tokens: string[][], labels: Uint8Array, seqLen: number, truncating: Side): SequenceSet {
  const ids = new Int32Array(tokens.length * seqLen);
  tokens.forEach((t, i) => ids.set(toSequence(vocab, t, seqLen, truncating), i * seqLen));
  return { ids, labels, n: tokens.length, seqLen };
}

/** The vocabulary (|V| entries, 0 = padding, 1 = unknown) from the training messages, and both splits as id rows. */
export function spamSequences(data: SpamData, vocabSize: number, seqLen: number, truncating: Side): SpamSequences {
  const corpus = tokeniseCorpus(data);
  const vocab = buildVocabulary(corpus.trainCounts, { level: 'word', maxSize: vocabSize });
  return {
    vocab,
    train: toSet(vocab, corpus.trainTokens, corpus.trainLabels, seqLen, truncating),
    test: toSet(vocab, corpus.testTokens, corpus.testLabels, seqLen, truncating),
  };
}

/** Share of held-out messages that are ham: the accuracy of always answering "ham". */
export function majorityBaseline(set: SequenceSet): number {
  let spam = 0;
  for (let i = 0; i < set.n; i++) spam += set.labels[i];
  return Math.max(spam, set.n - spam) / set.n;
}
