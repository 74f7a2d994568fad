/**
 * The packed MNIST file (written by scripts/packMnist.mjs): header check, parse
 * and fetch with retry. No tfjs here: the main thread may use it too.
 */
import { DataFormatError, fetchPacked, type FetchOptions } from './packedFile';

export const MNIST_MAGIC = 'TRMN';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 32;

/** The digits as bytes: examples [0, nTrain) are training, [nTrain, count) are test. */
export interface MnistData {
  count: number;
  rows: number;
  cols: number;
  nTrain: number;
  nTest: number;
  /** count * rows * cols grey levels, 0 (background) to 255 (ink), row-major per image. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** A packed file that is not what the loader expects (wrong magic, truncated, inconsistent header). */
export class MnistFormatError extends DataFormatError {
  constructor(message: string) {
    super(message);
    this.name = 'MnistFormatError';
  }
}

/** Parses and checks a packed file; throws MnistFormatError with a reader-facing message when it is wrong. */
export function parseMnist(buffer: ArrayBuffer): MnistData {
  if (buffer.byteLength < MNIST_HEADER_BYTES) throw new MnistFormatError(`The digit file is too short (${buffer.byteLength} bytes): it was truncated or is not the packed MNIST file.`);
  const bytes = new Uint8Array(buffer);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MNIST_MAGIC) throw new MnistFormatError(`The digit file does not start with "${MNIST_MAGIC}" (found "${magic.replace(/[^\x20-\x7e]/g, '?')}"): it is not the packed MNIST file.`);
  const view = new DataView(buffer);
  const u32 = (i: number) => view.getUint32(4 + 4 * i, true);
  const [version, count, rows, cols, nTrain, nTest] = [u32(0), u32(1), u32(2), u32(3), u32(4), u32(5)];
  if (version !== MNIST_VERSION) throw new MnistFormatError(`The digit file has version ${version}; this page reads version ${MNIST_VERSION}.`);
  if (rows === 0 || cols === 0 || rows > 64 || cols > 64) throw new MnistFormatError(`The digit file says images are ${rows}x${cols}, which cannot be right.`);
  if (nTrain + nTest !== count || count === 0) throw new MnistFormatError(`The digit file's split (${nTrain} train + ${nTest} test) does not add up to its ${count} digits.`);
  const expected = MNIST_HEADER_BYTES + count * rows * cols + count;
  if (buffer.byteLength !== expected) {
    const what = buffer.byteLength < expected ? 'truncated' : 'longer than its header says';
    throw new MnistFormatError(`The digit file is ${what}: ${buffer.byteLength} bytes, expected ${expected}.`);
  }
  const px = count * rows * cols;
  const pixels = bytes.subarray(MNIST_HEADER_BYTES, MNIST_HEADER_BYTES + px);
  const labels = bytes.subarray(MNIST_HEADER_BYTES + px, expected);
  for (let i = 0; i < count; i++) if (labels[i] > 9) throw new MnistFormatError(`The digit file has label ${labels[i]} at example ${i}; labels are 0 to 9.`);
  return { count, rows, cols, nTrain, nTest, pixels, labels };
}

/** The package's float for a stored byte: round(byte / 255) to 3 decimals, exactly as the `mnist` package holds it. */
export function byteToPackageFloat(b: number): number {
  return Math.round((b / 255) * 1000) / 1000;
}

/** Where the site serves the packed file, relative to the page (public/data/ is copied into the build). */
export const MNIST_PATH = 'data/mnist.bin';

/**
 * Fetches and parses the packed file through fetchPacked's retry: network failures are retried with a
 * short back-off, and a file that arrives but is corrupt is not (it would not change).
 */
export function fetchMnist(url: string, options: FetchOptions = {}): Promise<MnistData> {
  return fetchPacked(url, parseMnist, 'the digits', options);
}
