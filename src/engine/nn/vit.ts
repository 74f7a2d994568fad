import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import { createRng } from '../rng';
import { Dense } from './dense';
import { LayerNorm } from './layerNorm';
import { linear } from './linear';
import { DEFAULT_OPTIMIZER, Optimizer } from './optimizers';
import { ParamStore } from './params';
import { LearnedPositions } from './positional';
import { EncoderBlock } from './transformerBlock';
import { softmaxCrossEntropy } from './transformerLm';
import { patchCount, patchPixelOrder, SIDE, type VitConfig } from './vitShape';

export { nearestPatch, patchCount, patchPixelOrder, SIDE, VALID_PATCHES, vitParamCount, type VitConfig, type VitPooling } from './vitShape';

/** images [B, 784] → patches [B, N, p²] by one gather of a fixed index table (no gradient needed: it is data). */
export function patchify(images: tf.Tensor2D, order: tf.Tensor1D, p: number): tf.Tensor3D {
  return tf.tidy(() => tf.reshape(tf.gather(images, order, 1), [images.shape[0], patchCount(p), p * p]) as tf.Tensor3D);
}

/**
 * A Vision Transformer for 28x28 digits (Dosovitskiy et al. 2021, at toy size): the image cut into
 * p x p patches, each flattened and projected to d_model (one Dense shared by all patches), a learned
 * class token in front (or none, and the mean of the outputs instead), learned positions, pre-norm
 * encoder blocks without any mask, a final layer norm, and a Dense to 10 classes; Adam on cross-entropy.
 */
export class VitNet {
  readonly params: ParamStore;
  readonly embed: Dense;
  readonly cls: tf.Variable | null;
  readonly positions: LearnedPositions;
  readonly blocks: EncoderBlock[];
  readonly finalNorm: LayerNorm;
  readonly head: Dense;
  readonly tokens: number;
  private readonly order: tf.Tensor1D;
  private readonly optimizer: Optimizer;

  constructor(
    readonly config: VitConfig,
    seed: number,
  ) {
    const { patch, dModel: d, heads, layers, dFF, pooling } = config;
    if (!(layers >= 1 && layers <= 8 && Number.isInteger(layers))) throw new ConfigError(`The ViT needs 1 to 8 layers (got ${layers}).`);
    this.order = tf.tensor1d(patchPixelOrder(patch), 'int32');
    this.params = new ParamStore(createRng(seed));
    this.embed = new Dense(this.params, patch * patch, d, { name: 'patchEmbed/' });
    this.cls = pooling === 'cls' ? this.params.normal('cls', [1, 1, d], 0.02) : null;
    this.tokens = patchCount(patch) + (this.cls ? 1 : 0);
    this.positions = new LearnedPositions(this.params, this.tokens, d);
    this.blocks = Array.from({ length: layers }, (_, i) => new EncoderBlock(this.params, { dModel: d, heads, dFF, activation: 'relu', norm: 'pre' }, `block${i}/`));
    this.finalNorm = new LayerNorm(this.params, d, { name: 'finalNorm/' });
    this.head = new Dense(this.params, d, 10, { name: 'head/' });
    this.optimizer = new Optimizer(this.params.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  }

  /** Class scores for x [B, 28, 28, 1] or [B, 784] in [0, 1]. */
  logits(x: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => this.forward(x, false).logits);
  }

  /** The patch embeddings with positions, [B, T, d] (the sequence the first block reads). */
  sequence(x: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => this.embedSequence(x));
  }

  /** Every layer's attention weights, [B, h, T, T] each. */
  attentionWeights(x: tf.Tensor): tf.Tensor[] {
    return tf.tidy(() => this.forward(x, true).weights);
  }

  /** Mean cross-entropy of labels [B] int32 (no gradient). */
  loss(x: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
    return tf.tidy(() => softmaxCrossEntropy(this.forward(x, false).logits, labels));
  }

  /** One Adam step on a batch; returns the batch loss before the step. */
  trainStep(x: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
    return tf.tidy(() => {
      const vars = this.params.variables();
      const { value, grads } = tf.variableGrads(() => softmaxCrossEntropy(this.forward(x, false).logits, labels), vars);
      this.optimizer.apply(vars.map((v) => grads[v.name]), this.config.learningRate);
      return value;
    });
  }

  setLearningRate(lr: number): void {
    (this.config as { learningRate: number }).learningRate = lr;
  }

  /** The parameters, then Adam's moments. */
  variables(): tf.Variable[] {
    return [...this.params.variables(), ...this.optimizer.variables()];
  }

  dispose(): void {
    this.params.dispose();
    this.optimizer.dispose();
    this.order.dispose();
  }

  private embedSequence(x: tf.Tensor): tf.Tensor3D {
    const b = x.shape[0] as number;
    const { patch: p, dModel: d } = this.config;
    const n = patchCount(p);
    const patches = patchify(tf.reshape(x, [b, SIDE * SIDE]) as tf.Tensor2D, this.order, p);
    let seq = tf.reshape(linear(tf.reshape(patches, [b * n, p * p]) as tf.Tensor2D, this.embed.kernel, this.embed.bias), [b, n, d]);
    // The class token: one learned row in front of every sequence (broadcast by an add, whose gradient sums over the batch).
    if (this.cls) seq = tf.concat([tf.add(tf.zeros([b, 1, d]), this.cls), seq], 1);
    return this.positions.apply(seq) as tf.Tensor3D;
  }

  private forward(x: tf.Tensor, returnWeights: boolean): { logits: tf.Tensor2D; weights: tf.Tensor[] } {
    const b = x.shape[0] as number;
    const d = this.config.dModel;
    let h: tf.Tensor = this.embedSequence(x);
    const weights: tf.Tensor[] = [];
    for (const block of this.blocks) {
      const r = block.apply(h, { returnWeights });
      h = r.output;
      if (r.weights) weights.push(r.weights);
    }
    h = this.finalNorm.apply(h);
    const pooled = this.cls ? tf.reshape(tf.slice(h, [0, 0, 0], [b, 1, d]), [b, d]) : tf.mean(h, 1);
    return { logits: linear(pooled as tf.Tensor2D, this.head.kernel, this.head.bias), weights };
  }
}
