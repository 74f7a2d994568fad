/**
 * The packed subset of the CMU Pronouncing Dictionary (scripts/packCmudict.mjs):
 * common alphabetic words of 2-12 letters with their first ARPABET
 * pronunciation, for a word -> phonemes seq2seq task.
 */
import { createDataCache, DataFormatError, decodeRecords, fetchPacked, readPacked, type FetchOptions } from './packedFile';

export const CMUDICT_KIND = { magic: 'TRCD', version: 1, what: 'the pronunciation dictionary' };
/** Where the site serves the file, relative to the page. */
export const CMUDICT_PATH = 'data/cmudict.bin';

/** A word (upper case A-Z) and its phones, ARPABET with stress digits ("AH0", "B", "AE1", "K"). */
export interface Pronunciation {
  word: string;
  phones: string[];
}

export interface CmudictData {
  entries: Pronunciation[];
  /** Every phone symbol used, sorted. */
  phoneSet: string[];
  maxWordLength: number;
  maxPhones: number;
}

const PHONE = /^[A-Z]{1,2}[0-2]?$/;

/** Parses and checks a packed dictionary file; throws DataFormatError with a reader-facing message. */
export function parseCmudict(buffer: ArrayBuffer): CmudictData {
  const file = readPacked(buffer, CMUDICT_KIND);
  const entries = decodeRecords(file, 2, CMUDICT_KIND.what).map(([word, p]) => ({ word, phones: p.split(' ') }));
  const set = new Set<string>();
  let maxWordLength = 0;
  let maxPhones = 0;
  entries.forEach((e, i) => {
    if (!/^[A-Z]+$/.test(e.word) || !e.phones.every((p) => PHONE.test(p))) throw new DataFormatError(`The pronunciation dictionary is corrupt at entry ${i}.`);
    e.phones.forEach((p) => set.add(p));
    maxWordLength = Math.max(maxWordLength, e.word.length);
    maxPhones = Math.max(maxPhones, e.phones.length);
  });
  if (maxWordLength !== file.b || maxPhones !== file.c) throw new DataFormatError(`The pronunciation dictionary is corrupt: its longest entry does not match its header.`);
  return { entries, phoneSet: [...set].sort(), maxWordLength, maxPhones };
}

/** A phone without its stress digit: "AH0" -> "AH" (39 phonemes instead of 69-odd symbols). */
export function stripStress(phone: string): string {
  return phone.replace(/[0-2]$/, '');
}

/** Fetches and parses the dictionary, retrying network failures. */
export function fetchCmudict(url: string, opts?: FetchOptions): Promise<CmudictData> {
  return fetchPacked(url, parseCmudict, 'the pronunciation dictionary', opts);
}

/** The worker's one copy. */
export const cmudictStore = createDataCache('The pronunciation dictionary', (url) => fetchCmudict(url));
