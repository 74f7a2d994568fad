import { parseMnist, type MnistData } from '../../../src/engine/data/mnist';
// @ts-expect-error: a plain .mjs build script without type declarations
import { packDigits, readPackageDigits } from '../../../scripts/packMnist.mjs';

let cached: { digits: { label: number; pixels: number[] }[]; packed: Uint8Array; data: MnistData } | null = null;

/** The `mnist` package's digits, packed in memory exactly as the build packs them, and parsed back. */
export function mnistFixture() {
  if (!cached) {
    const digits = readPackageDigits() as { label: number; pixels: number[] }[];
    const packed = packDigits(digits) as Uint8Array;
    const data = parseMnist(packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength) as ArrayBuffer);
    cached = { digits, packed, data };
  }
  return cached;
}
