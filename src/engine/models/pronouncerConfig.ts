/**
 * The pronouncer's settings, view, requests and answers as plain types, apart from the tfjs code in
 * pronouncer.ts: widgets on the main thread import these.
 */
import type { DecodeAnswer, DecodeRequest } from '../decodeRequest';
import type { SeriesPoint } from '../model';

export interface PronouncerConfig {
  /** URL of the packed dictionary; '' when a test provided it with cmudictStore.provide. */
  dataUrl: string;
  layers: number;
  dModel: number;
  heads: number;
  learningRate: number;
  warmup: number;
  batch: number;
}

export const PRONOUNCER_DEFAULTS: Omit<PronouncerConfig, 'dataUrl'> = { layers: 1, dModel: 64, heads: 4, learningRate: 0.005, warmup: 50, batch: 64 };

export interface PronouncerView {
  /** Words in training and held out (never trained on). */
  trainWords: number;
  heldOutWords: number;
  /** Held-out words scored at each evaluation (a fixed subset, so points compare). */
  scoredWords: number;
  phonemes: string[];
  parameters: number;
  /** Latest held-out phoneme error rate and exact-word accuracy (greedy), null before the first. */
  per: number | null;
  exact: number | null;
  evalStep: number;
  series?: SeriesPoint;
}

/** The alignment of one word: greedy and beam outputs and the cross-attention weights of the greedy output. */
export interface AlignRequest {
  type: 'align';
  word: string;
  beamWidth: number;
}

export interface AlignAnswer {
  type: 'align';
  word: string;
  letters: string[];
  /** Greedy phonemes; the alignment's rows. */
  greedy: string[];
  beam: string[];
  beamLogProb: number;
  greedyLogProb: number;
  /** The dictionary's pronunciation when the word is in it (stress removed), and whether it was held out. */
  dictionary: string[] | null;
  heldOut: boolean;
  /** Cross-attention of the last decoder layer, averaged over heads: rows = greedy phonemes (end token last), columns = letters, row-major. */
  alignment: number[];
  /** The same per head. */
  heads: number[][];
  step: number;
  message?: string;
}

export type PronouncerRequest = AlignRequest | DecodeRequest;
export type PronouncerAnswer = AlignAnswer | DecodeAnswer;

/** Letters the pronouncer reads. */
export const PRONOUNCER_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Longest word it reads (the packed dictionary's limit). */
export const PRONOUNCER_MAX_LETTERS = 12;

/** A reader's word checked: null when fine, else what is wrong with it. */
export function checkWord(raw: string): string | null {
  const w = raw.trim().toUpperCase();
  if (!w) return 'Type a word first.';
  const bad = [...new Set([...w].filter((ch) => !PRONOUNCER_LETTERS.includes(ch)))];
  if (bad.length) return `${bad.map((c) => `“${c}”`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not in the vocabulary: the model reads only the letters A to Z.`;
  if (w.length > PRONOUNCER_MAX_LETTERS) return `“${w}” has ${w.length} letters; the encoder's context holds ${PRONOUNCER_MAX_LETTERS}.`;
  return null;
}
