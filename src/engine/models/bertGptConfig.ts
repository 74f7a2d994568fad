/**
 * BERT against GPT on the first names: settings, what the figure gets, and the reader's word with a
 * blank, parsed. Plain types and JS only (no tfjs), so the widget on the main thread may import them.
 */
import type { SeriesPoint } from '../model';

/** Both models' shape (structural) and step size (live). */
export interface BertGptConfig {
  /** URL of the packed names; '' when a test provided them with namesStore.provide. */
  dataUrl: string;
  dModel: number;
  heads: number;
  layers: number;
  learningRate: number;
  /** Names (BERT) and windows (GPT) per step. */
  batch: number;
  /** Share of a name's characters BERT hides behind [MASK] (BERT used 15%). */
  maskRate: number;
}

export const DEFAULT_BERT_GPT = { dModel: 32, heads: 4, layers: 2, learningRate: 0.003, batch: 32, maskRate: 0.15 };

/** What the figure draws. */
export interface BertGptView {
  /** tokens[i] is the character of id i (0 padding, 1 unknown, '\n' the boundary). */
  tokens: string[];
  /** The characters a reader may type (those of the training names). */
  alphabet: string;
  /**
   * Held-out points now and then: 'BERT, masked characters', 'BERT, left to right' and 'GPT, next character'
   * (nats per character on held-out names).
   */
  series?: SeriesPoint;
  heldOutNames: number;
  /** Names both models train on. */
  trainNames: number;
  /** ln(letters + 1), the letters and the boundary equally likely: a model that knows nothing. */
  uniform: number;
  params: { bert: number; gpt: number };
}

/** The reader's word with one blank: what each model does with it. */
export interface BertGptRequest {
  /** Lower-case letters with exactly one '_', e.g. "ma_y". */
  word: string;
  /** Names each model generates from the text before the blank. */
  samples: number;
  temperature: number;
  seed?: number;
}

/** A ranked guess for the blank. */
export interface Guess {
  char: string;
  prob: number;
}

export interface BertGptAnswer {
  prefix: string;
  suffix: string;
  /** BERT's distribution at the blank, reading both sides in one pass (top 5 characters). */
  bert: Guess[];
  /** GPT's next character after the prefix alone: it cannot read what follows the blank. */
  gptPrefix: Guess[];
  /** GPT scoring each whole word prefix + c + suffix (one pass per candidate), normalised over the candidates. */
  gptScored: Guess[];
  /** Names generated left to right from the prefix: GPT, and BERT by appending one [MASK] at a time. */
  gptNames: string[];
  bertNames: string[];
  step: number;
}

export const BLANK = '_';
/** Longest word or name the models read (the longest name in the lists has 15 letters). */
export const MAX_WORD = 15;

/** A parsed word: the text before and after the one blank, or a reader-facing reason it cannot be read. */
export type BlankWord = { ok: true; prefix: string; suffix: string } | { ok: false; message: string };

/**
 * Reads "ma_y" as prefix "ma", suffix "y". Upper case is folded to lower (the models read lower-case
 * names); an empty word, no blank, several blanks, a character outside `alphabet` or a word longer than
 * MAX_WORD each get a message that says what to type instead.
 */
export function parseBlankWord(raw: string, alphabet: string): BlankWord {
  const word = raw.trim().toLowerCase();
  if (word === '') return { ok: false, message: 'Type a name with one blank, for example ma_y.' };
  const blanks = [...word].filter((c) => c === BLANK).length;
  if (blanks === 0) return { ok: false, message: `"${word}" has no blank: put one _ where a letter is missing, for example ${word.slice(0, 2)}_${word.slice(3) || 'y'}.` };
  if (blanks > 1) return { ok: false, message: `"${word}" has ${blanks} blanks: these models fill one character at a time, so use exactly one _.` };
  const bad = [...new Set([...word].filter((c) => c !== BLANK && !alphabet.includes(c)))];
  if (bad.length) return { ok: false, message: `${bad.map((c) => `"${c}"`).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not in the names' alphabet (${describeAlphabet(alphabet)}): the models have never seen ${bad.length > 1 ? 'them' : 'it'}.` };
  if (word.length > MAX_WORD) return { ok: false, message: `"${word}" has ${word.length} characters; the longest name the models read has ${MAX_WORD}.` };
  const at = word.indexOf(BLANK);
  return { ok: true, prefix: word.slice(0, at), suffix: word.slice(at + 1) };
}

/** "a–z and -" for the alphabet of the names. */
export function describeAlphabet(alphabet: string): string {
  const letters = [...alphabet].filter((c) => c >= 'a' && c <= 'z');
  const others = [...alphabet].filter((c) => !(c >= 'a' && c <= 'z'));
  const az = letters.length === 26 ? 'a–z' : letters.join('');
  return others.length ? `${az} and ${others.join(' ')}` : az;
}
