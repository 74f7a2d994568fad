/**
 * Chapter 8's e-mail classifiers as plain data: their names, configuration and
 * parameter counts. No tfjs: the widgets on the main thread import this file.
 */
import type { OptimizerKind } from '../nn/optimizerSettings';

/** The three classifiers: bag of words, averaged embeddings, TextCNN. */
export type TextModelName = 'bow' | 'avg' | 'cnn';
export const TEXT_MODELS: readonly TextModelName[] = ['bow', 'avg', 'cnn'];
export const TEXT_MODEL_LABELS: Record<TextModelName, string> = {
  bow: 'Bag of words + logistic regression',
  avg: 'Averaged embeddings + logistic regression',
  cnn: 'TextCNN',
};

/** A typed message is cut to this many characters before it is tokenised (the models read at most T tokens anyway). */
export const MAX_MESSAGE_CHARS = 5000;
/** Bounds the widgets and the model share. */
export const TEXT_LIMITS = { vocabSize: [10, 20000], seqLen: [1, 300], embedDim: [1, 64], filters: [1, 64] } as const;

export interface TextClassifyConfig {
  /** URL of the packed corpus; '' when a test provided it with spamStore.provide. */
  dataUrl: string;
  /** Which classifiers train side by side, on the same mini-batches (structural). */
  models: TextModelName[];
  /** |V|, the two reserved entries (0 padding, 1 unknown) included (structural). */
  vocabSize: number;
  /** T, the fixed sequence length every message is padded or truncated to (structural). */
  seqLen: number;
  /** Where a long message is cut: 'post' keeps its first T tokens (subject first), 'pre' its last T (structural). */
  truncating: 'pre' | 'post';
  /** d, the width of each word vector (structural). */
  embedDim: number;
  /** TextCNN: filters per kernel width (structural). */
  filters: number;
  /** TextCNN: kernel widths in tokens (structural). */
  widths: number[];
  optimizer: OptimizerKind;
  learningRate: number;
  batchSize: number;
  /** The 2-D map of word vectors (PCA) and the words that push hardest each way. */
  wordMap: boolean;
}

export const DEFAULT_TEXT_CONFIG: TextClassifyConfig = {
  dataUrl: '', models: ['bow', 'avg', 'cnn'], vocabSize: 2000, seqLen: 64, truncating: 'post', embedDim: 16, filters: 8, widths: [2, 3, 4],
  optimizer: 'adam', learningRate: 0.01, batchSize: 32, wordMap: false,
};

/**
 * Trainable numbers of each classifier:
 *   bag of words:  |V| weights + 1 bias;
 *   averaged:      |V| d (table) + d + 1;
 *   TextCNN:       |V| d + Σ_k (k d c + c) + (K c + 1) for K widths of c filters.
 */
export function textParamCount(model: TextModelName, c: Pick<TextClassifyConfig, 'vocabSize' | 'embedDim' | 'filters' | 'widths'>): number {
  const { vocabSize: v, embedDim: d, filters: f, widths } = c;
  if (model === 'bow') return v + 1;
  if (model === 'avg') return v * d + d + 1;
  return v * d + widths.reduce((n, k) => n + k * d * f + f, 0) + widths.length * f + 1;
}

/** One model's verdict on a message. */
export interface ModelVerdict {
  /** P(spam) = σ(o). */
  prob: number;
  logit: number;
  /** Per token read: how far the spam logit falls when this word is removed from the message. */
  push: number[];
}

/** A question for the classifiers: classify this message (the reader's own text). */
export interface TextClassifyRequest {
  message: string;
}

/** Every model's verdict on one message, and which tokens they read. */
export interface TextClassifyAnswer {
  /** The tokens the models read (at most T). */
  tokens: string[];
  /** 1 where the token is in the vocabulary, 0 where it read as unknown (id 1). */
  known: number[];
  /** Tokens in the whole message, before the cut to T. */
  total: number;
  models: Partial<Record<TextModelName, ModelVerdict>>;
  /** The training step of the weights that answered. */
  step: number;
}

/** What the classifiers report to the widget. */
export interface TextClassifyView {
  /** Held-out accuracy per model at each evaluation. */
  curve: { step: number[] } & Partial<Record<TextModelName, number[]>>;
  testLoss: Partial<Record<TextModelName, number[]>>;
  testAcc: Partial<Record<TextModelName, number>>;
  params: Partial<Record<TextModelName, number>>;
  /** Accuracy of always answering ham on the held-out messages. */
  baseline: number;
  nTrain: number;
  nTest: number;
  /** Share of the training tokens inside the vocabulary. */
  coverage: number;
  examples: number;
  evalStep: number;
  /** The word map (when asked for): words, their 2-D coordinates [x0, y0, ...] and pushes s = E[v]·w. */
  mapWords?: string[];
  mapXY?: Float32Array;
  mapScore?: number[];
  spamWords?: string[];
  hamWords?: string[];
  spamWordScores?: number[];
  hamWordScores?: number[];
}
