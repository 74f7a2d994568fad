/**
 * The toy Transformer's settings, view, requests and answers as plain types and numbers, apart from the
 * tfjs code in toyTransformer.ts: widgets on the main thread import these.
 */
import type { DecodeAnswer, DecodeRequest } from '../decodeRequest';
import type { SeriesPoint } from '../model';
import type { ToyTaskName } from '../data/toyTasks';

export type ToyArch = 'encoder-decoder' | 'decoder-only';
export type ToyPositions = 'sinusoidal' | 'learned';

export interface ToyTransformerConfig {
  task: ToyTaskName;
  /** Reverse and sort: symbols per sequence; add: digits per number. */
  length: number;
  /** Reverse and sort: alphabet size. */
  symbols: number;
  arch: ToyArch;
  /** Blocks in the encoder and in the decoder (decoder-only: twice this many in its one stack). */
  layers: number;
  dModel: number;
  heads: number;
  /** Position encodings: fixed sinusoids (chapter 9) or a learned table per position. */
  positions: ToyPositions;
  learningRate: number;
  warmup: number;
  batch: number;
}

/** What changes per task when the reader picks it (add's length is digits per number). */
export type ToyTaskDefaults = Pick<ToyTransformerConfig, 'length' | 'symbols' | 'learningRate' | 'warmup' | 'batch'>;

/**
 * Per-task defaults (bench/toyTransformer.mjs on this 2-core machine, seeds 1-3, bench/RESULTS-seq2seq.md): one block
 * each side, d_model 64, 4 heads, sinusoidal positions (learned ones took about twice the steps), Adam with η rising
 * over the warm-up steps and then falling as η √(warm-up / t). A gentle peak (η 0.002 after 15 steps) reached 99%
 * held-out exact as soon as η 0.005 did (reverse 70 steps, sort 100-160) and stayed there (the lowest of the next
 * 60 steps' evaluations 98-99.8%, against 82-97% at η 0.005, whose accuracy kept dipping after 99%).
 */
export const TOY_TASK_DEFAULTS: Record<ToyTaskName, ToyTaskDefaults> = {
  reverse: { length: 8, symbols: 10, learningRate: 0.002, warmup: 15, batch: 64 },
  sort: { length: 8, symbols: 10, learningRate: 0.002, warmup: 15, batch: 64 },
  add: { length: 3, symbols: 10, learningRate: 0.005, warmup: 50, batch: 64 },
};

/** The widget's start: reverse with its defaults. */
export const TOY_DEFAULTS: ToyTransformerConfig = {
  task: 'reverse', ...TOY_TASK_DEFAULTS.reverse, arch: 'encoder-decoder', layers: 1, dModel: 64, heads: 4, positions: 'sinusoidal',
};

/** Attention weights of one layer: one row-major T_q × T_k matrix per head. */
export type LayerMaps = number[][];

export interface ToyMaps {
  /** Labels of the rows and columns. */
  sourceTokens: string[];
  decoderTokens: string[];
  encoderSelf: LayerMaps[];
  decoderSelf: LayerMaps[];
  cross: LayerMaps[];
}

export interface ToyTransformerView {
  tokens: string[];
  sourceLength: number;
  targetLength: number;
  heldOutSize: number;
  parameters: number;
  /** Latest held-out exact-sequence and per-token accuracy (free-running greedy), null before the first. */
  exact: number | null;
  token: number | null;
  /** The step of the latest evaluation. */
  evalStep: number;
  /** An example source the reader can start from. */
  example: string;
  series?: SeriesPoint;
}

/** Look inside the model on one source: both decodings and every attention map. */
export interface ToyInspectRequest {
  type: 'inspect';
  source: string;
}

export interface ToyInspectAnswer {
  type: 'inspect';
  source: string;
  /** The task's rule applied to the source. */
  expected: string;
  /** Free-running greedy output (the decoder reads its own choices). */
  freeRunning: string;
  /** Teacher forcing: the argmax at each position when the decoder reads the true previous tokens. */
  teacherForced: string;
  maps: ToyMaps;
  step: number;
}

export type ToyRequest = ToyInspectRequest | DecodeRequest;
export type ToyAnswer = ToyInspectAnswer | DecodeAnswer;

/** Parameters of the model for a config (for a prose figure or a quiz): embedding, positions, blocks, norms, head. */
export function toyParameterCount(c: ToyTransformerConfig, vocab: number, sourceLength: number, targetLength: number): number {
  const d = c.dModel;
  // Sinusoids are computed, not learned; a learned table has a row per position (decoder-only: one table over both).
  const positions = c.positions === 'learned' ? (sourceLength + targetLength) * d : 0;
  const ff = 4 * d;
  const mha = 4 * (d * d + d);
  const ln = 2 * d;
  const ffn = d * ff + ff + ff * d + d;
  if (c.arch === 'decoder-only') return 2 * vocab * d + positions + 2 * c.layers * (mha + ffn + 2 * ln) + ln + d * vocab + vocab;
  return 2 * vocab * d + positions + c.layers * (mha + ffn + 2 * ln) + c.layers * (2 * mha + ffn + 3 * ln) + 2 * ln + d * vocab + vocab;
}
