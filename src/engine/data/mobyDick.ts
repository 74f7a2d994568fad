/**
 * The packed text of Moby-Dick (scripts/packMobyDick.mjs): 139 sections in
 * book order (contents, etymology, extracts, chapters 1-135, epilogue).
 */
import { createDataCache, DataFormatError, decodeRecords, fetchPacked, readPacked, type FetchOptions } from './packedFile';

export const MOBY_DICK_KIND = { magic: 'TRMD', version: 1, what: 'the Moby-Dick text' };
/** Where the site serves the file, relative to the page. */
export const MOBY_DICK_PATH = 'data/moby-dick.bin';

/** One section: `id` is the chapter number as a string ("1" ... "135") or "Contents", "Etymology", "Extracts", "Epilogue". */
export interface MobySection {
  id: string;
  title: string;
  text: string;
}

export interface MobyDickData {
  sections: MobySection[];
  /** Sections whose id is a chapter number. */
  chapterCount: number;
  /** Total text length over all sections (UTF-16 code units). */
  chars: number;
}

/** Parses and checks a packed Moby-Dick file; throws DataFormatError with a reader-facing message. */
export function parseMobyDick(buffer: ArrayBuffer): MobyDickData {
  const file = readPacked(buffer, MOBY_DICK_KIND);
  const sections = decodeRecords(file, 3, MOBY_DICK_KIND.what).map(([id, title, text]) => ({ id, title, text }));
  const chapterCount = sections.filter((s) => /^\d+$/.test(s.id)).length;
  const chars = sections.reduce((n, s) => n + s.text.length, 0);
  if (chapterCount !== file.b || chars !== file.c) throw new DataFormatError(`The Moby-Dick text is corrupt: it holds ${chapterCount} chapters and ${chars} characters, its header says ${file.b} and ${file.c}.`);
  return { sections, chapterCount, chars };
}

/** The numbered chapters' text, in order, joined by blank lines: the corpus a language model reads. */
export function mobyDickChapters(data: MobyDickData, first = 1, last = data.chapterCount): string {
  return data.sections.filter((s) => /^\d+$/.test(s.id) && +s.id >= first && +s.id <= last).map((s) => s.text).join('\n\n');
}

/** Fetches and parses the text, retrying network failures. */
export function fetchMobyDick(url: string, opts?: FetchOptions): Promise<MobyDickData> {
  return fetchPacked(url, parseMobyDick, 'the text of Moby-Dick', opts);
}

/** The worker's one copy. */
export const mobyDickStore = createDataCache('The Moby-Dick text', (url) => fetchMobyDick(url));
