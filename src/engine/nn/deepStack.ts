import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';

/**
 * A deep stack of equal-width ReLU layers on 14x14 digits, either plain,
 * h <- relu(h W + b), or residual, h <- h + relu(h W + b) / sqrt(depth)
 * (f(x) = x + g(x), each branch scaled so that the sum of `depth` branches
 * keeps the signal's size). Both start from the same weights, drawn
 * N(0, 1/fanIn), so they differ only in the skip connection.
 */
export class DeepStack {
  readonly vars: tf.Variable[];
  private readonly layers: { w: tf.Variable; b: tf.Variable }[] = [];
  private readonly inW: tf.Variable;
  private readonly outW: tf.Variable;
  private readonly outB: tf.Variable;

  constructor(
    readonly depth: number,
    readonly width: number,
    readonly residual: boolean,
    rng: Rng,
  ) {
    const normal = (shape: [number, number], fanIn: number) => {
      const v = new Float32Array(shape[0] * shape[1]);
      const sd = Math.sqrt(1 / fanIn);
      for (let i = 0; i < v.length; i++) v[i] = rng.normal() * sd;
      return tf.tidy(() => tf.variable(tf.tensor2d(v, shape)));
    };
    const zeros = (n: number) => tf.tidy(() => tf.variable(tf.zeros([n])));
    this.inW = normal([196, width], 196);
    for (let l = 0; l < depth; l++) this.layers.push({ w: normal([width, width], width), b: zeros(width) });
    this.outW = normal([width, 10], width);
    this.outB = zeros(10);
    this.vars = [this.inW, ...this.layers.flatMap((l) => [l.w, l.b]), this.outW, this.outB];
  }

  /** Class scores for x [batch, 196]. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    let h = tf.matMul(x, this.inW);
    const branchScale = 1 / Math.sqrt(this.depth);
    for (const { w, b } of this.layers) {
      const g = tf.relu(tf.add(tf.matMul(h, w), b));
      h = this.residual ? tf.add(h, tf.mul(g, branchScale)) : g;
    }
    return tf.add(tf.matMul(h, this.outW), this.outB) as tf.Tensor2D;
  }

  dispose(): void {
    this.vars.forEach((v) => v.dispose());
  }
}

/** 28x28 digits (values in [0, 1], flattened) averaged over 2x2 blocks to 14x14 = 196 inputs. */
export function downsample(xs: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * 196);
  for (let i = 0; i < n; i++)
    for (let y = 0; y < 14; y++)
      for (let x = 0; x < 14; x++) {
        const b = i * 784 + 2 * y * 28 + 2 * x;
        out[i * 196 + y * 14 + x] = (xs[b] + xs[b + 1] + xs[b + 28] + xs[b + 29]) / 4;
      }
  return out;
}
