/**
 * The offensive-terms filter every page runs before it shows a word or a
 * message from a corpus (offensiveTerms.ts holds the list and why). It finds
 * terms in words, inside URLs and in the usual disguises: case, digits for
 * letters ("p0rn"), stars for letters ("f*ck") and spaced-out letters
 * ("X X X"). A page may skip what fails (isClean) or mask it (maskOffensive).
 * No tfjs, no DOM.
 */
import { OFFENSIVE_TERMS } from './offensiveTerms';

/** One hit: text.slice(start, end) is offensive; `term` is the list entry it matched. */
export interface OffensiveMatch {
  start: number;
  end: number;
  term: string;
}

const EXACT = new Set<string>(OFFENSIVE_TERMS.exact);
// One alternation each: a corpus of 6,000 messages is checked in one pass of these.
const PREFIX_RE = new RegExp(`^(${OFFENSIVE_TERMS.prefix.join('|')})`);
const INFIX_RE = new RegExp(`(${OFFENSIVE_TERMS.infix.join('|')})`);
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };
/** Words (Latin, Greek, Cyrillic letters and digits), with the characters spam uses inside words to disguise them. */
const TOKEN = /[A-Za-z0-9\u00C0-\u024F\u0370-\u04FF*@$'’]+/g;
/** Single letters (or digits) separated by one space, dot, dash or underscore: "X X X", "f.u.c.k". */
const SPACED = /(?<![A-Za-z0-9])(?:[A-Za-z0-9][ .\-_]){2,}[A-Za-z0-9](?![A-Za-z0-9])/g;
const ROMAN = /^[ivxlcdm]+$/;
const alt = (xs: readonly string[]) => xs.join('|');
/**
 * A cheap test over the whole normalised text that every hit also passes (exact
 * words bounded, prefixes at a word start, infixes anywhere, a star after a
 * letter, spaced letters): most texts fail it and skip the word-by-word scan.
 */
const PRESCREEN = new RegExp(`\\b(?:${alt(OFFENSIVE_TERMS.exact)})\\b|\\b(?:${alt(OFFENSIVE_TERMS.prefix)})|${alt(OFFENSIVE_TERMS.infix)}|[a-z\\u00C0-\\u04FF]\\*|(?:\\b[a-z][ .-]){2,}[a-z]\\b`);

/** Whole-text normalisation for PRESCREEN: lower case, apostrophes out, digits and @ $ as letters, underscores as spaces. */
const PRESCREEN_MAP: Record<string, string> = { ...LEET, _: ' ', "'": '', '’': '' };
function prescreenText(text: string): string {
  return text.toLowerCase().replace(/['’_0-9@$]/g, (c) => PRESCREEN_MAP[c] ?? c);
}

/** Lower case, apostrophes dropped, digits and @ $ read as the letters they stand for. */
function normalise(token: string): string {
  const lower = token.toLowerCase().replace(/['’]/g, '');
  return /\p{L}/u.test(lower) ? lower.replace(/[0-9@$]/g, (c) => LEET[c] ?? c) : lower;
}

/** The list entry a plain (star-free) normalised word matches, or null. */
function matchPlain(word: string): string | null {
  if (EXACT.has(word)) return word;
  return PREFIX_RE.exec(word)?.[1] ?? INFIX_RE.exec(word)?.[1] ?? null;
}

/** The source of a pattern in which each run of stars stands for one to three letters. */
function starSource(s: string): string {
  return s.split(/\*+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[a-z]{1,3}');
}

// The list as lines, so that one multiline regex tests a pattern against every entry at once.
const EXACT_LINES = OFFENSIVE_TERMS.exact.join('\n');
const STEM_LINES = [...OFFENSIVE_TERMS.prefix, ...OFFENSIVE_TERMS.infix].join('\n');

/** The list entry a word with stars in it ("f*ck", "sh**ty") could be hiding, or null. */
function matchStarred(word: string): string | null {
  const core = word.replace(/^\*+/, '');
  if (!core.includes('*')) return core ? matchPlain(core) : null;
  if (!/[a-z]/.test(core) || core.length > 24) return null;
  const whole = new RegExp(`^${starSource(core)}$`, 'm').exec(EXACT_LINES);
  if (whole) return whole[0];
  // A stem hidden at the start: some prefix of the word (containing a star) spells the stem.
  for (let k = core.indexOf('*') + 1; k <= core.length; k++) {
    const stem = new RegExp(`^${starSource(core.slice(0, k))}$`, 'm').exec(STEM_LINES);
    if (stem) return stem[0];
  }
  return null;
}

/** The list entry one word matches, or null. */
function matchWord(token: string): string | null {
  const word = normalise(token);
  if (word !== 'xxx' && ROMAN.test(word)) return null; // "XXXIX Articles" is a number

  return word.includes('*') ? matchStarred(word) : matchPlain(word);
}

/** Every offensive span in the text, in order, not overlapping. */
export function findOffensive(text: string): OffensiveMatch[] {
  const hits: OffensiveMatch[] = [];
  if (!PRESCREEN.test(prescreenText(text))) return hits;
  for (const m of text.matchAll(TOKEN)) {
    const term = matchWord(m[0]);
    if (term) hits.push({ start: m.index, end: m.index + m[0].length, term });
  }
  for (const m of text.matchAll(SPACED)) {
    const term = matchPlain(normalise(m[0].replace(/[ .\-_]/g, '')));
    const start = m.index;
    const end = start + m[0].length;
    if (term && !hits.some((h) => h.start < end && start < h.end)) hits.push({ start, end, term });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** True when nothing in the text is on the list. */
export function isClean(text: string): boolean {
  return findOffensive(text).length === 0;
}

/** The text with each offensive span replaced by as many `mask` characters as it is long. */
export function maskOffensive(text: string, mask = '•'): string {
  let out = '';
  let at = 0;
  for (const h of findOffensive(text)) {
    out += text.slice(at, h.start) + mask.repeat(h.end - h.start);
    at = h.end;
  }
  return out + text.slice(at);
}

/** The items whose text passes the filter (skip rather than mask), in order. */
export function cleanOnly<T>(items: readonly T[], text: (item: T) => string = String): T[] {
  return items.filter((item) => isClean(text(item)));
}
