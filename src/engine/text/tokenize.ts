/**
 * Text into tokens and back, at the two levels the book uses: characters
 * (Unicode code points, so an emoji or an accented letter is one token) and
 * words (runs of letters and digits, with inner apostrophes kept: "whale's";
 * every other non-space character is a token of its own: "sperm", "-", "whale").
 * No tfjs, no DOM.
 */
export type TokenLevel = 'char' | 'word';

export interface TokenizeOptions {
  /** Fold to lower case first (default false for characters, true for words). */
  lowercase?: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

/** The tokens of a text at the given level. */
export function tokenize(text: string, level: TokenLevel, { lowercase = level === 'word' }: TokenizeOptions = {}): string[] {
  const t = lowercase ? text.toLowerCase() : text;
  return level === 'char' ? Array.from(t) : (t.match(WORD) ?? []);
}

/** Tokens back into text: characters joined as they are, words joined by single spaces. */
export function detokenize(tokens: readonly string[], level: TokenLevel): string {
  return tokens.join(level === 'char' ? '' : ' ');
}
