import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'linear'];

/** σ(z) = 1/(1+e^−z), tanh, ReLU max(0, z), or identity. */
export function activate(kind: Activation, z: tf.Tensor): tf.Tensor {
  switch (kind) {
    case 'relu':
      return tf.relu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'linear':
      return z;
  }
}

export interface MlpShape {
  /** Layer widths from input to output, e.g. [2, 8, 8, 2]. */
  sizes: number[];
  activation: Activation;
  /** Batch normalisation of every hidden pre-activation (running statistics at inference). */
  batchNorm: boolean;
  /** Layer normalisation of every hidden pre-activation instead: over the units of each example, no running statistics. */
  layerNorm?: boolean;
  /** 'auto' picks He for ReLU and Xavier otherwise; 'small' is N(0, 0.1²) (to show vanishing gradients). */
  init: 'auto' | 'he' | 'xavier' | 'small';
}

export interface ForwardOptions {
  training: boolean;
  /** Inverted dropout on hidden activations: keep with probability 1 − p, scale by 1/(1 − p); off at inference. */
  dropout?: number;
  /** Seed for this step's dropout masks, drawn from the run's Rng so runs are reproducible. */
  dropoutSeed?: number;
}

const BN_MOMENTUM = 0.9;
const BN_EPS = 1e-5;

/**
 * A multilayer perceptron with explicit weights: h_l = act(BN(h_{l−1} W_l + b_l)),
 * last layer linear (logits). Every variable is created here and freed in dispose().
 */
export class Mlp {
  readonly weights: tf.Variable[] = [];
  readonly biases: tf.Variable[] = [];
  readonly gammas: tf.Variable[] = [];
  readonly betas: tf.Variable[] = [];
  /** Running mean and variance per batch-normalised layer: state, not trained by gradients. */
  readonly runningMean: tf.Variable[] = [];
  readonly runningVar: tf.Variable[] = [];
  /** The initial weight matrices as drawn, for a plain-JS copy of the network (nn/denseJs.ts) without a read back. */
  readonly initialWeights: Float32Array[] = [];

  constructor(
    readonly shape: MlpShape,
    rng: Rng,
  ) {
    const { sizes } = shape;
    if (shape.batchNorm && shape.layerNorm) throw new Error('choose batch norm or layer norm, not both');
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const std = initStd(shape, fanIn, fanOut);
      const w = new Float32Array(fanIn * fanOut).map(() => std * rng.normal());
      this.initialWeights.push(w);
      this.weights.push(tf.tidy(() => tf.variable(tf.tensor2d(w, [fanIn, fanOut]), true)));
      this.biases.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]), true)));
      const hidden = l + 2 < sizes.length;
      if (hidden && (shape.batchNorm || shape.layerNorm)) {
        this.gammas.push(tf.tidy(() => tf.variable(tf.ones([fanOut]), true)));
        this.betas.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]), true)));
      }
      if (hidden && shape.batchNorm) {
        this.runningMean.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]), false)));
        this.runningVar.push(tf.tidy(() => tf.variable(tf.ones([fanOut]), false)));
      }
    }
  }

  get layers(): number {
    return this.weights.length;
  }

  /** Variables that gradients train. */
  trainable(): tf.Variable[] {
    return [...this.weights, ...this.biases, ...this.gammas, ...this.betas];
  }

  /** Every variable, including batch-norm running statistics. */
  variables(): tf.Variable[] {
    return [...this.trainable(), ...this.runningMean, ...this.runningVar];
  }

  /**
   * Forward pass. Returns the logits and each hidden layer's activations (for
   * per-neuron maps and per-layer statistics). In training mode batch norm uses
   * the batch's statistics and updates the running ones.
   */
  forward(x: tf.Tensor2D, opts: ForwardOptions): { logits: tf.Tensor2D; hidden: tf.Tensor2D[]; preActivations: tf.Tensor2D[] } {
    let h: tf.Tensor2D = x;
    const hidden: tf.Tensor2D[] = [];
    const preActivations: tf.Tensor2D[] = [];
    for (let l = 0; l < this.layers; l++) {
      let z = tf.add(tf.matMul(h, this.weights[l]), this.biases[l]) as tf.Tensor2D;
      if (l === this.layers - 1) return { logits: z, hidden, preActivations };
      if (this.shape.batchNorm) z = this.batchNorm(l, z, opts.training);
      else if (this.shape.layerNorm) z = this.layerNorm(l, z);
      preActivations.push(z);
      h = activate(this.shape.activation, z) as tf.Tensor2D;
      const p = opts.dropout ?? 0;
      if (opts.training && p > 0) {
        const mask = tf.cast(tf.greaterEqual(tf.randomUniform(h.shape, 0, 1, 'float32', (opts.dropoutSeed ?? 0) + l), p), 'float32');
        h = tf.div(tf.mul(h, mask), 1 - p) as tf.Tensor2D;
      }
      hidden.push(h);
    }
    throw new Error('an MLP needs at least one layer');
  }

  // BN(z) = γ (z − μ) / √(σ² + ε) + β, with μ, σ² of the batch in training and the running averages at inference.
  private batchNorm(l: number, z: tf.Tensor2D, training: boolean): tf.Tensor2D {
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (training && z.shape[0] > 1) {
      const m = tf.moments(z, 0);
      mean = m.mean;
      variance = m.variance;
      // Side effects inside the differentiated function: the running statistics are not on the gradient's path.
      this.runningMean[l].assign(tf.add(tf.mul(BN_MOMENTUM, this.runningMean[l]), tf.mul(1 - BN_MOMENTUM, mean)));
      this.runningVar[l].assign(tf.add(tf.mul(BN_MOMENTUM, this.runningVar[l]), tf.mul(1 - BN_MOMENTUM, variance)));
    } else {
      mean = this.runningMean[l];
      variance = this.runningVar[l];
    }
    const norm = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, BN_EPS)));
    return tf.add(tf.mul(norm, this.gammas[l]), this.betas[l]) as tf.Tensor2D;
  }

  // LN(z)_j = γ_j (z_j − μ) / √(σ² + ε) + β_j, with μ, σ² over the H units of each example (row): the same in training and inference.
  private layerNorm(l: number, z: tf.Tensor2D): tf.Tensor2D {
    const { mean, variance } = tf.moments(z, 1, true);
    const norm = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, BN_EPS)));
    return tf.add(tf.mul(norm, this.gammas[l]), this.betas[l]) as tf.Tensor2D;
  }

  /** Σ W² over all weight matrices (biases excluded), for L2 weight decay. */
  l2(): tf.Scalar {
    return tf.addN(this.weights.map((w) => tf.sum(tf.square(w)))) as tf.Scalar;
  }

  /** Σ |W| over all weight matrices, for L1 regularisation. */
  l1(): tf.Scalar {
    return tf.addN(this.weights.map((w) => tf.sum(tf.abs(w)))) as tf.Scalar;
  }

  /** Number of trainable parameters: Σ (d_in + 1) d_out (+ 2 d_out per batch- or layer-normalised layer). */
  parameterCount(): number {
    return this.trainable().reduce((s, v) => s + v.size, 0);
  }

  dispose(): void {
    this.variables().forEach((v) => v.dispose());
  }
}

function initStd(shape: MlpShape, fanIn: number, fanOut: number): number {
  const kind = shape.init === 'auto' ? (shape.activation === 'relu' ? 'he' : 'xavier') : shape.init;
  if (kind === 'he') return Math.sqrt(2 / fanIn);
  if (kind === 'xavier') return Math.sqrt(2 / (fanIn + fanOut));
  return 0.1;
}
