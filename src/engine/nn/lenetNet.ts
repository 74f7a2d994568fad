import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { makeConv2d } from './conv2dPatches';

/** Choices that change the network's shape or function (a new network when they change). */
export interface LenetArch {
  channels1: number;
  channels2: number;
  activation: 'relu' | 'sigmoid' | 'tanh';
  pooling: 'max' | 'avg';
}

export const DEFAULT_ARCH: LenetArch = { channels1: 6, channels2: 16, activation: 'relu', pooling: 'max' };

/** What one forward pass exposes besides the logits, for the feature-map view. */
export interface LenetActivations {
  conv1: tf.Tensor4D;
  conv2: tf.Tensor4D;
  logits: tf.Tensor2D;
}

/** Weights drawn from N(0, 2 / fanIn) (He) for ReLU or N(0, 1 / fanIn) otherwise, from the seeded generator. */
function initWeights(shape: number[], fanIn: number, rng: Rng, gain: number, name: string): tf.Variable {
  const n = shape.reduce((a, b) => a * b, 1);
  const vals = new Float32Array(n);
  const sd = Math.sqrt(gain / fanIn);
  for (let i = 0; i < n; i++) vals[i] = rng.normal() * sd;
  return tf.tidy(() => tf.variable(tf.tensor(vals, shape), true, name));
}

let netCounter = 0;

/**
 * LeNet-5 in its modern form: conv 5x5 (pad 2) -> act -> pool 2 -> conv 5x5 ->
 * act -> pool 2 -> dense 120 -> dense 84 -> dense 10, on 28x28 grey digits.
 * The convolutions use the patch-matrix gradient so that wasm can train them.
 */
export class LenetNet {
  readonly vars: tf.Variable[];
  private readonly conv1;
  private readonly conv2;
  private readonly w: Record<string, tf.Variable>;

  constructor(
    readonly arch: LenetArch,
    rng: Rng,
    /** Also compute the gradient with respect to the input images (a spatial transformer in front needs it). */
    inputGrad = false,
  ) {
    const { channels1: c1, channels2: c2 } = arch;
    const gain = arch.activation === 'relu' ? 2 : 1;
    const id = `lenet${++netCounter}`;
    this.conv1 = makeConv2d({ h: 28, w: 28, cIn: 1, cOut: c1, k: 5, pad: 2, stride: 1, inputGrad });
    this.conv2 = makeConv2d({ h: 14, w: 14, cIn: c1, cOut: c2, k: 5, pad: 0, stride: 1 });
    const zeros = (n: number, name: string) => tf.tidy(() => tf.variable(tf.zeros([n]), true, `${id}/${name}`));
    this.w = {
      k1: initWeights([5, 5, 1, c1], 25, rng, gain, `${id}/k1`),
      b1: zeros(c1, 'b1'),
      k2: initWeights([5, 5, c1, c2], 25 * c1, rng, gain, `${id}/k2`),
      b2: zeros(c2, 'b2'),
      w3: initWeights([25 * c2, 120], 25 * c2, rng, gain, `${id}/w3`),
      b3: zeros(120, 'b3'),
      w4: initWeights([120, 84], 120, rng, gain, `${id}/w4`),
      b4: zeros(84, 'b4'),
      w5: initWeights([84, 10], 84, rng, 1, `${id}/w5`),
      b5: zeros(10, 'b5'),
    };
    this.vars = Object.values(this.w);
  }

  private act(x: tf.Tensor): tf.Tensor {
    const a = this.arch.activation;
    return a === 'relu' ? tf.relu(x) : a === 'tanh' ? tf.tanh(x) : tf.sigmoid(x);
  }

  private pool(x: tf.Tensor4D): tf.Tensor4D {
    return this.arch.pooling === 'max' ? tf.maxPool(x, 2, 2, 'valid') : tf.avgPool(x, 2, 2, 'valid');
  }

  /** All activations for x [batch, 28, 28, 1]. */
  activations(x: tf.Tensor4D): LenetActivations {
    const { k1, b1, k2, b2, w3, b3, w4, b4, w5, b5 } = this.w;
    const conv1 = this.act(tf.add(this.conv1.apply(x, k1 as tf.Tensor4D), b1)) as tf.Tensor4D;
    const conv2 = this.act(tf.add(this.conv2.apply(this.pool(conv1), k2 as tf.Tensor4D), b2)) as tf.Tensor4D;
    const flat = tf.reshape(this.pool(conv2), [x.shape[0], -1]);
    const h3 = this.act(tf.add(tf.matMul(flat, w3), b3));
    const h4 = this.act(tf.add(tf.matMul(h3, w4), b4));
    const logits = tf.add(tf.matMul(h4, w5), b5) as tf.Tensor2D;
    return { conv1, conv2, logits };
  }

  /** Class scores (before softmax) for x [batch, 28, 28, 1]. */
  logits(x: tf.Tensor4D): tf.Tensor2D {
    return this.activations(x).logits;
  }

  /** The first layer's filters, [5, 5, 1, channels1]. */
  get firstFilters(): tf.Variable {
    return this.w.k1;
  }

  dispose(): void {
    this.vars.forEach((v) => v.dispose());
    this.conv1.dispose();
    this.conv2.dispose();
  }
}

/** Mean softmax cross-entropy of logits [batch, 10] against integer labels. */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  const oneHot = tf.oneHot(labels, 10);
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}
