/**
 * The @stdlib datasets packed in memory exactly as the build packs them
 * (scripts/pack*.mjs), once per test file. The spam corpus takes a few seconds
 * (6,046 files); the others are quick.
 */
// @ts-expect-error: plain .mjs build scripts without type declarations
import { packNames, readPackageNames } from '../../../scripts/packNames.mjs';
// @ts-expect-error: plain .mjs build scripts without type declarations
import { packMobyDick, readPackageSections } from '../../../scripts/packMobyDick.mjs';
// @ts-expect-error: plain .mjs build scripts without type declarations
import { packSpam, readPackageMessages } from '../../../scripts/packSpam.mjs';
// @ts-expect-error: plain .mjs build scripts without type declarations
import { packBirths, readPackageBirths } from '../../../scripts/packBirths.mjs';
// @ts-expect-error: plain .mjs build scripts without type declarations
import { packCmudict, readPackageDict, selectEntries, wordCounts } from '../../../scripts/packCmudict.mjs';

export type Packer = 'names' | 'mobyDick' | 'spam' | 'births' | 'cmudict';

const build: Record<Packer, () => Uint8Array> = {
  names: () => packNames(readPackageNames()),
  mobyDick: () => packMobyDick(readPackageSections()),
  spam: () => packSpam(readPackageMessages()),
  births: () => packBirths(readPackageBirths()),
  cmudict: () => packCmudict(selectEntries(readPackageDict(), wordCounts(readPackageSections()))),
};

const cache = new Map<Packer, Uint8Array>();

/** The packed bytes of one dataset, as the build writes them to public/data/. */
export function packed(which: Packer): Uint8Array {
  let b = cache.get(which);
  if (!b) cache.set(which, (b = build[which]()));
  return b;
}

/** A fresh ArrayBuffer holding exactly these bytes (what fetch's arrayBuffer() gives a parser). */
export function bufferOf(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}
