/**
 * Chapter 12's task: the packed MNIST digits averaged down to 14x14 (196 inputs, a quarter of the
 * arithmetic of 28x28), in three disjoint splits: training digits (the weights learn from them),
 * validation digits (the searchers' reward, and DARTS's α steps) and test digits (touched only to report
 * the winner). Plain JS, computed once per page.
 */
import type { MnistData } from '../data/mnist';

export const SIDE = 14;
export const INPUTS = SIDE * SIDE;
export const CLASSES = 10;

export interface DigitSplit {
  /** n × 196 values in [0, 1], row-major. */
  xs: Float32Array;
  ys: Int32Array;
  n: number;
}

export interface NasDigits {
  train: DigitSplit;
  val: DigitSplit;
  test: DigitSplit;
}

/** Split sizes: 3,000 to train on, 1,000 to validate, 1,000 to test (of the 10,000 packed digits). */
export const SPLIT_SIZES = { train: 3000, val: 1000, test: 1000 } as const;

function pooled(data: MnistData, from: number, n: number): DigitSplit {
  const xs = new Float32Array(n * INPUTS);
  const ys = new Int32Array(n);
  const px = data.rows * data.cols;
  for (let i = 0; i < n; i++) {
    const k = from + i;
    ys[i] = data.labels[k];
    for (let r = 0; r < SIDE; r++)
      for (let c = 0; c < SIDE; c++) {
        const b = k * px + 2 * r * data.cols + 2 * c;
        const sum = data.pixels[b] + data.pixels[b + 1] + data.pixels[b + data.cols] + data.pixels[b + data.cols + 1];
        xs[i * INPUTS + r * SIDE + c] = sum / (4 * 255);
      }
  }
  return { xs, ys, n };
}

let cache: { data: MnistData; digits: NasDigits } | null = null;

/** The three splits: training and validation from MNIST's training part, test from its test part. */
export function nasDigits(data: MnistData): NasDigits {
  if (cache?.data === data) return cache.digits;
  const nTrain = Math.min(SPLIT_SIZES.train, Math.max(1, data.nTrain - SPLIT_SIZES.val));
  const nVal = Math.min(SPLIT_SIZES.val, data.nTrain - nTrain);
  const digits = {
    train: pooled(data, 0, nTrain),
    val: pooled(data, nTrain, nVal),
    test: pooled(data, data.nTrain, Math.min(SPLIT_SIZES.test, data.nTest)),
  };
  cache = { data, digits };
  return digits;
}

/** Rows `idx` of a split as one batch. */
export function gatherRows(split: DigitSplit, idx: ArrayLike<number>): { xs: Float32Array; ys: Int32Array } {
  const xs = new Float32Array(idx.length * INPUTS);
  const ys = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    xs.set(split.xs.subarray(idx[i] * INPUTS, (idx[i] + 1) * INPUTS), i * INPUTS);
    ys[i] = split.ys[idx[i]];
  }
  return { xs, ys };
}
