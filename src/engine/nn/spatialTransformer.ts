import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { transformImages } from './bilinearSampler';

/** The identity transform θ = (1, 0, 0; 0, 1, 0): each output pixel reads the input at the same place. */
export const IDENTITY_THETA = [1, 0, 0, 0, 1, 0];

const HIDDEN = 32;

let stCounter = 0;

/**
 * A spatial transformer for 28×28 digits: a small fully connected localisation network
 * (2×2 average pool to 14×14, 196 → 32 tanh → 6) predicts θ per image, and the bilinear
 * sampler resamples the image through it. The last layer starts at zero weights and the
 * identity bias, so training starts from "change nothing" (Jaderberg et al., 2015).
 */
export class SpatialTransformer {
  readonly vars: tf.Variable[];
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;

  constructor(rng: Rng) {
    const id = `st${++stCounter}`;
    const vals = new Float32Array(196 * HIDDEN).map(() => rng.normal() * Math.sqrt(1 / 196));
    this.w1 = tf.tidy(() => tf.variable(tf.tensor2d(vals, [196, HIDDEN]), true, `${id}/w1`));
    this.b1 = tf.tidy(() => tf.variable(tf.zeros([HIDDEN]), true, `${id}/b1`));
    this.w2 = tf.tidy(() => tf.variable(tf.zeros([HIDDEN, 6]), true, `${id}/w2`));
    this.b2 = tf.tidy(() => tf.variable(tf.tensor1d(IDENTITY_THETA), true, `${id}/b2`));
    this.vars = [this.w1, this.b1, this.w2, this.b2];
  }

  /** θ [batch, 6] for images [batch, 28, 28, 1]. */
  theta(x: tf.Tensor4D): tf.Tensor2D {
    const small = tf.reshape(tf.avgPool(x, 2, 2, 'valid'), [x.shape[0], 196]);
    const h = tf.tanh(tf.add(tf.matMul(small, this.w1), this.b1));
    return tf.add(tf.matMul(h, this.w2), this.b2) as tf.Tensor2D;
  }

  /** The resampled images and the θ that produced them. */
  apply(x: tf.Tensor4D, sampler: 'bilinear' | 'nearest' = 'bilinear'): { out: tf.Tensor4D; theta: tf.Tensor2D } {
    const theta = this.theta(x);
    return { out: transformImages(x, theta, sampler), theta };
  }

  dispose(): void {
    this.vars.forEach((v) => v.dispose());
  }
}
