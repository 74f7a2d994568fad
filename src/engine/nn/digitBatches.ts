import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../data/mnist';
import { affineDigit } from '../data/digitTransforms';
import { permutation, type Rng } from '../rng';

/** Random shifts (pixels) and rotations (degrees) applied to each training digit; zero means none. */
export interface Augment {
  shift: number;
  rotate: number;
}

const PX = 784;

/**
 * Mini-batches from the first `trainSize` training digits, in a seeded order
 * that is reshuffled every epoch, optionally augmented. Batches are built as
 * plain Float32Arrays and uploaded once per step: cheap next to the step itself.
 */
export class DigitBatches {
  private order: Int32Array;
  private cursor = 0;
  private readonly buf = new Float32Array(PX);
  private readonly tmp = new Float32Array(PX);

  constructor(
    private readonly data: MnistData,
    private trainSize: number,
    private readonly rng: Rng,
  ) {
    this.trainSize = Math.max(1, Math.min(trainSize, data.nTrain));
    this.order = permutation(this.trainSize, rng);
  }

  setTrainSize(n: number): void {
    const size = Math.max(1, Math.min(n, this.data.nTrain));
    if (size === this.trainSize) return;
    this.trainSize = size;
    this.order = permutation(size, this.rng);
    this.cursor = 0;
  }

  /** The next batch: x [b, 28, 28, 1] in [0, 1] and integer labels [b]. Call inside tf.tidy. */
  next(batchSize: number, augment: Augment | null): { x: tf.Tensor4D; y: tf.Tensor1D } {
    const b = Math.max(1, Math.min(batchSize, this.trainSize));
    const xs = new Float32Array(b * PX);
    const ys = new Int32Array(b);
    const { pixels, labels } = this.data;
    for (let i = 0; i < b; i++) {
      if (this.cursor >= this.trainSize) {
        this.order = permutation(this.trainSize, this.rng);
        this.cursor = 0;
      }
      const k = this.order[this.cursor++];
      ys[i] = labels[k];
      const base = k * PX;
      if (augment && (augment.shift > 0 || augment.rotate > 0)) {
        for (let j = 0; j < PX; j++) this.tmp[j] = pixels[base + j] / 255;
        const dx = (this.rng.next() * 2 - 1) * augment.shift;
        const dy = (this.rng.next() * 2 - 1) * augment.shift;
        const angle = (this.rng.next() * 2 - 1) * augment.rotate;
        affineDigit(this.tmp, angle, dx, dy, this.buf);
        xs.set(this.buf, i * PX);
      } else {
        for (let j = 0; j < PX; j++) xs[i * PX + j] = pixels[base + j] / 255;
      }
    }
    return { x: tf.tensor4d(xs, [b, 28, 28, 1]), y: tf.tensor1d(ys, 'int32') };
  }
}

/** Test digits [from, from + n) as plain arrays, optionally moved by per-digit shifts. */
export function testDigits(data: MnistData, from: number, n: number, shifts?: { dx: number; dy: number }[]): { xs: Float32Array; ys: Int32Array } {
  const count = Math.max(0, Math.min(n, data.nTest - from));
  const xs = new Float32Array(count * PX);
  const ys = new Int32Array(count);
  const tmp = new Float32Array(PX);
  const out = new Float32Array(PX);
  for (let i = 0; i < count; i++) {
    const k = data.nTrain + from + i;
    ys[i] = data.labels[k];
    for (let j = 0; j < PX; j++) tmp[j] = data.pixels[k * PX + j] / 255;
    if (shifts) {
      const s = shifts[i % shifts.length];
      affineDigit(tmp, 0, s.dx, s.dy, out);
      xs.set(out, i * PX);
    } else xs.set(tmp, i * PX);
  }
  return { xs, ys };
}
