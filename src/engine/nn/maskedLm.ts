import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import { createRng } from '../rng';
import { Dense } from './dense';
import { Embedding } from './embedding';
import { LayerNorm } from './layerNorm';
import { linear } from './linear';
import { DEFAULT_OPTIMIZER, Optimizer } from './optimizers';
import { ParamStore } from './params';
import { LearnedPositions } from './positional';
import { expandLast, logSumExpLast } from './rowwise';
import { EncoderBlock } from './transformerBlock';

/** An encoder-only (BERT-style) masked language model's shape and step size. */
export interface MaskedLmConfig {
  /** Every id the model reads or predicts, the [MASK] token included. */
  vocabSize: number;
  /** The longest sequence, T. */
  context: number;
  dModel: number;
  heads: number;
  layers: number;
  dFF: number;
  learningRate: number;
}

/**
 * Σ_i w_i ℓ_i / Σ_i w_i with ℓ_i = logsumexp(z_i) − z_i,target: the cross-entropy of the rows whose weight
 * is 1 (the masked positions), the rest ignored. Gradient written out: w_i (softmax(z_i) − onehot) / Σ w.
 * With no weight at all the loss is 0 (nothing to predict), never 0/0.
 */
export function maskedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  const [, vocab] = logits.shape;
  const f = tf.customGrad((...args) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as unknown as tf.GradSaveFunc;
    const w = tf.reshape(tf.cast(weights, 'float32'), [-1, 1]);
    const total = tf.maximum(tf.sum(w), 1e-9);
    const lse = logSumExpLast(z);
    const hot = tf.oneHot(tf.cast(targets, 'int32'), vocab);
    const picked = tf.sum(tf.mul(z, hot), -1, true);
    save([tf.exp(tf.sub(z, expandLast(lse, vocab))), hot, tf.div(w, total)]);
    return {
      value: tf.div(tf.sum(tf.mul(tf.sub(lse, picked), w)), total) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [p, h, share]: tf.Tensor[]) => tf.mul(tf.sub(p, h), tf.mul(share, dy)),
    };
  });
  return f(logits) as tf.Scalar;
}

/**
 * BERT at toy size: Embedding + learned positions + N pre-norm encoder blocks that see the whole
 * sequence (no causal mask; padded keys masked) + final layer norm + Dense to |V|, trained with Adam to
 * recover the tokens hidden behind [MASK] from both sides. Every method returning a tensor runs in its
 * own tidy; the caller disposes what it gets.
 */
export class MaskedLm {
  readonly params: ParamStore;
  readonly embedding: Embedding;
  readonly positions: LearnedPositions;
  readonly blocks: EncoderBlock[];
  readonly finalNorm: LayerNorm;
  readonly head: Dense;
  private readonly optimizer: Optimizer;

  constructor(
    readonly config: MaskedLmConfig,
    seed: number,
  ) {
    const { vocabSize, context, dModel, heads, layers, dFF } = config;
    if (!(vocabSize >= 3)) throw new ConfigError(`a masked language model needs at least 3 tokens (got ${vocabSize})`);
    if (!(layers >= 1 && Number.isInteger(layers))) throw new ConfigError(`the model needs a whole number of layers ≥ 1 (got ${layers})`);
    this.params = new ParamStore(createRng(seed));
    this.embedding = new Embedding(this.params, vocabSize, dModel);
    this.positions = new LearnedPositions(this.params, context, dModel);
    this.blocks = Array.from({ length: layers }, (_, i) => new EncoderBlock(this.params, { dModel, heads, dFF, activation: 'relu', norm: 'pre' }, `block${i}/`));
    this.finalNorm = new LayerNorm(this.params, dModel, { name: 'finalNorm/' });
    this.head = new Dense(this.params, dModel, vocabSize, { name: 'head/' });
    this.optimizer = new Optimizer(this.params.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  }

  /** ids [B, T] int32, valid [B, T] (1 a token, 0 padding) → logits [B, T, |V|]. */
  logits(ids: tf.Tensor, valid: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => this.forward(ids, valid));
  }

  /** The masked positions' mean cross-entropy: targets [B, T] int32, weights [B, T] 1 where masked. No gradient. */
  loss(ids: tf.Tensor, valid: tf.Tensor, targets: tf.Tensor, weights: tf.Tensor): tf.Scalar {
    return tf.tidy(() => this.lossOf(ids, valid, targets, weights));
  }

  /** One Adam step; returns the batch's masked loss before the step. */
  trainStep(ids: tf.Tensor, valid: tf.Tensor, targets: tf.Tensor, weights: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const vars = this.params.variables();
      const { value, grads } = tf.variableGrads(() => this.lossOf(ids, valid, targets, weights), vars);
      this.optimizer.apply(vars.map((v) => grads[v.name]), this.config.learningRate);
      return value;
    });
  }

  setLearningRate(lr: number): void {
    (this.config as { learningRate: number }).learningRate = lr;
  }

  variables(): tf.Variable[] {
    return [...this.params.variables(), ...this.optimizer.variables()];
  }

  dispose(): void {
    this.params.dispose();
    this.optimizer.dispose();
  }

  private lossOf(ids: tf.Tensor, valid: tf.Tensor, targets: tf.Tensor, weights: tf.Tensor): tf.Scalar {
    const z = this.forward(ids, valid);
    return maskedCrossEntropy(tf.reshape(z, [-1, this.config.vocabSize]) as tf.Tensor2D, tf.reshape(targets, [-1]) as tf.Tensor1D, tf.reshape(weights, [-1]) as tf.Tensor1D);
  }

  private forward(ids: tf.Tensor, valid: tf.Tensor): tf.Tensor3D {
    const [b, t] = ids.shape;
    if (t > this.config.context) throw new ConfigError(`a sequence of ${t} tokens is longer than the context, ${this.config.context}`);
    let x = this.positions.apply(this.embedding.apply(ids));
    for (const block of this.blocks) x = block.apply(x, { keyValid: valid }).output;
    x = this.finalNorm.apply(x);
    const z = linear(tf.reshape(x, [b * t, this.config.dModel]) as tf.Tensor2D, this.head.kernel, this.head.bias);
    return tf.reshape(z, [b, t, this.config.vocabSize]) as tf.Tensor3D;
  }
}
