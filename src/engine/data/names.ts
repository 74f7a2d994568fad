/**
 * The packed first names (scripts/packNames.mjs): two lists from Moby Word II
 * via @stdlib, female and male, in package order (a few duplicates kept).
 */
import { createDataCache, DataFormatError, decodeRecords, fetchPacked, readPacked, type FetchOptions } from './packedFile';

export const NAMES_KIND = { magic: 'TRNA', version: 1, what: 'the names file' };
/** Where the site serves the file, relative to the page. */
export const NAMES_PATH = 'data/names.bin';

/** The two lists. */
export interface NamesData {
  female: string[];
  male: string[];
}

/** Parses and checks a packed names file; throws DataFormatError with a reader-facing message. */
export function parseNames(buffer: ArrayBuffer): NamesData {
  const file = readPacked(buffer, NAMES_KIND);
  if (file.b + file.c !== file.count) throw new DataFormatError(`The names file's lists (${file.b} + ${file.c}) do not add up to its ${file.count} names.`);
  const names = decodeRecords(file, 1, NAMES_KIND.what).map((r) => r[0]);
  const bad = names.findIndex((n) => !/^[A-Za-z][A-Za-z-]*$/.test(n));
  if (bad >= 0) throw new DataFormatError(`The names file is corrupt: entry ${bad} is not a name.`);
  return { female: names.slice(0, file.b), male: names.slice(file.b) };
}

/** Fetches and parses the names, retrying network failures. */
export function fetchNames(url: string, opts?: FetchOptions): Promise<NamesData> {
  return fetchPacked(url, parseNames, 'the names', opts);
}

/** The worker's one copy. */
export const namesStore = createDataCache('The names', (url) => fetchNames(url));
