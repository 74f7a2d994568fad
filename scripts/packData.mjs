/**
 * Packs every text and series dataset the book uses into public/data/ (see
 * each packer for its layout; packFormat.mjs for the shared header). Each file
 * is rebuilt only when its package or packer is newer, so a warm build spends
 * milliseconds here. Run: node scripts/packData.mjs [--force]
 */
import { ensureBirthsPacked } from './packBirths.mjs';
import { ensureCmudictPacked } from './packCmudict.mjs';
import { ensureMobyDickPacked } from './packMobyDick.mjs';
import { ensureNamesPacked } from './packNames.mjs';
import { ensureSpamPacked } from './packSpam.mjs';
import { isMain } from './packFormat.mjs';

const PACKERS = { names: ensureNamesPacked, 'moby-dick': ensureMobyDickPacked, spam: ensureSpamPacked, births: ensureBirthsPacked, cmudict: ensureCmudictPacked };

/** Ensures every packed file is up to date; returns { name: what it did }. */
export function ensureTextDataPacked(force = false) {
  return Object.fromEntries(Object.entries(PACKERS).map(([name, ensure]) => [name, ensure(force)]));
}

if (isMain(import.meta.url)) {
  const t0 = Date.now();
  const done = ensureTextDataPacked(process.argv.includes('--force'));
  for (const [name, what] of Object.entries(done)) console.log(`packData: ${name}: ${what}`);
  console.log(`packData: ${Date.now() - t0} ms`);
}
