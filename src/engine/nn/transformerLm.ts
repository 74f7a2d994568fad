import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import { createRng } from '../rng';
import { Dense } from './dense';
import { Embedding } from './embedding';
import { LayerNorm } from './layerNorm';
import { linear } from './linear';
import { DEFAULT_OPTIMIZER, Optimizer } from './optimizers';
import { ParamStore } from './params';
import { logSumExpLast, expandLast } from './rowwise';
import { LearnedPositions, Rotary, SinusoidalPositions, type PositionKind } from './positional';
import { EncoderBlock, type FfnActivation, type NormPlacement } from './transformerBlock';

/** A decoder-only language model's shape and training settings. */
export interface TransformerLmConfig {
  vocabSize: number;
  /** The longest window the model reads, T. */
  context: number;
  dModel: number;
  heads: number;
  layers: number;
  dFF: number;
  activation: FfnActivation;
  norm: NormPlacement;
  positions: PositionKind;
  /** Adam's step size η. */
  learningRate: number;
}

/** Chapter 9's default: 2 layers, d_model 64, 4 heads, context 32, pre-norm, ReLU, sinusoidal positions. */
export const DEFAULT_LM: Omit<TransformerLmConfig, 'vocabSize'> = {
  context: 32,
  dModel: 64,
  heads: 4,
  layers: 2,
  dFF: 256,
  activation: 'relu',
  norm: 'pre',
  positions: 'sinusoidal',
  learningRate: 0.002,
};

/**
 * Mean cross-entropy of logits [N, V] against integer targets [N]: mean(logsumexp(z) − z_target), with
 * the gradient (softmax(z) − onehot(target)) / N written out (autodiff's route through logSoftmax and a
 * one-hot product makes several [N, V] passes more).
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  const [n, vocab] = logits.shape;
  const f = tf.customGrad((...args) => {
    const z = args[0] as tf.Tensor2D;
    const save = args[1] as unknown as tf.GradSaveFunc;
    const lse = logSumExpLast(z);
    const hot = tf.oneHot(tf.cast(targets, 'int32'), vocab);
    const picked = tf.sum(tf.mul(z, hot), -1, true);
    save([tf.exp(tf.sub(z, expandLast(lse, vocab))), hot]);
    return {
      value: tf.mean(tf.sub(lse, picked)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [p, h]: tf.Tensor[]) => tf.mul(tf.sub(p, h), tf.div(dy, n)),
    };
  });
  return f(logits) as tf.Scalar;
}

/**
 * A decoder-only Transformer language model: Embedding + positions + N causal blocks + final layer norm
 * (pre-norm only: a post-norm block already ends in one) + Dense to |V|; the loss is the next token's
 * cross-entropy at every position, trained with Adam (optimizers.ts). Every method that returns a tensor
 * runs in its own tidy; the caller disposes what it gets.
 */
export class TransformerLm {
  readonly params: ParamStore;
  readonly embedding: Embedding;
  readonly blocks: EncoderBlock[];
  readonly finalNorm: LayerNorm | null;
  readonly head: Dense;
  private readonly sinusoidal: SinusoidalPositions | null = null;
  private readonly learned: LearnedPositions | null = null;
  private readonly rotary: Rotary | null = null;
  private readonly optimizer: Optimizer;

  constructor(
    readonly config: TransformerLmConfig,
    seed: number,
  ) {
    const { vocabSize, context, dModel, heads, layers, dFF, activation, norm, positions } = config;
    if (!(vocabSize >= 2)) throw new ConfigError(`a language model needs at least 2 tokens in its vocabulary (got ${vocabSize})`);
    if (!(layers >= 1 && Number.isInteger(layers))) throw new ConfigError(`the model needs a whole number of layers ≥ 1 (got ${layers})`);
    if (!(context >= 1 && Number.isInteger(context))) throw new ConfigError(`the context must be a whole number of tokens ≥ 1 (got ${context})`);
    this.params = new ParamStore(createRng(seed));
    this.embedding = new Embedding(this.params, vocabSize, dModel);
    if (positions === 'sinusoidal') this.sinusoidal = new SinusoidalPositions(context, dModel);
    else if (positions === 'learned') this.learned = new LearnedPositions(this.params, context, dModel);
    this.blocks = Array.from({ length: layers }, (_, i) => new EncoderBlock(this.params, { dModel, heads, dFF, activation, norm }, `block${i}/`));
    if (positions === 'rotary') this.rotary = new Rotary(dModel / heads, context);
    this.finalNorm = norm === 'pre' ? new LayerNorm(this.params, dModel, { name: 'finalNorm/' }) : null;
    this.head = new Dense(this.params, dModel, vocabSize, { name: 'head/' });
    this.optimizer = new Optimizer(this.params.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  }

  /** ids [B, T] int32 → logits [B, T, |V|] (position t predicts token t + 1). */
  logits(ids: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => this.forward(ids, false).logits);
  }

  /** The logits of the token after each sequence, [B, |V|]. */
  nextTokenLogits(ids: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const z = this.forward(ids, false).logits;
      const [b, t, v] = z.shape;
      return tf.reshape(tf.slice(z, [0, t - 1, 0], [b, 1, v]), [b, v]) as tf.Tensor2D;
    });
  }

  /** Every layer's attention weights [B, h, T, T], in order. */
  attentionWeights(ids: tf.Tensor): tf.Tensor[] {
    return tf.tidy(() => this.forward(ids, true).weights);
  }

  /** Mean next-token cross-entropy: targets [B, T] int32 are the ids shifted by one. No gradient. */
  loss(ids: tf.Tensor, targets: tf.Tensor): tf.Scalar {
    return tf.tidy(() => this.lossOf(ids, targets));
  }

  /** The same loss on held-out windows (an alias that says what it is for). */
  heldOutLoss(ids: tf.Tensor, targets: tf.Tensor): tf.Scalar {
    return this.loss(ids, targets);
  }

  /** Gradients of the loss for every parameter (in variables() order) and the loss. */
  gradients(ids: tf.Tensor, targets: tf.Tensor): { loss: tf.Scalar; grads: tf.Tensor[] } {
    return tf.tidy(() => {
      const vars = this.params.variables();
      const { value, grads } = tf.variableGrads(() => this.lossOf(ids, targets), vars);
      return { loss: value, grads: vars.map((v) => grads[v.name]) };
    });
  }

  /** One Adam step on a batch; returns the batch's loss before the step. */
  trainStep(ids: tf.Tensor, targets: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const { loss, grads } = this.gradients(ids, targets);
      this.optimizer.apply(grads, this.config.learningRate);
      return loss;
    });
  }

  /** Changes η live (the rest of the config is structural). */
  setLearningRate(lr: number): void {
    (this.config as { learningRate: number }).learningRate = lr;
  }

  /** The parameters, then the optimiser's state. */
  variables(): tf.Variable[] {
    return [...this.params.variables(), ...this.optimizer.variables()];
  }

  dispose(): void {
    this.params.dispose();
    this.optimizer.dispose();
    this.sinusoidal?.dispose();
    this.rotary?.dispose();
  }

  private lossOf(ids: tf.Tensor, targets: tf.Tensor): tf.Scalar {
    const z = this.forward(ids, false).logits;
    return softmaxCrossEntropy(tf.reshape(z, [-1, this.config.vocabSize]) as tf.Tensor2D, tf.reshape(targets, [-1]) as tf.Tensor1D);
  }

  private forward(ids: tf.Tensor, returnWeights: boolean): { logits: tf.Tensor3D; weights: tf.Tensor[] } {
    const [b, t] = ids.shape;
    if (t > this.config.context) throw new ConfigError(`a window of ${t} tokens is longer than the context, ${this.config.context}`);
    let x = this.embedding.apply(ids);
    // Vaswani et al. scale the embeddings by √d so that they are not drowned by the unit-size encodings.
    if (this.sinusoidal) x = this.sinusoidal.apply(tf.mul(x, Math.sqrt(this.config.dModel)));
    if (this.learned) x = this.learned.apply(x);
    const weights: tf.Tensor[] = [];
    for (const block of this.blocks) {
      const r = block.apply(x, { causal: true, rotary: this.rotary ?? undefined, returnWeights });
      x = r.output;
      if (r.weights) weights.push(r.weights);
    }
    if (this.finalNorm) x = this.finalNorm.apply(x);
    const z = linear(tf.reshape(x, [b * t, this.config.dModel]) as tf.Tensor2D, this.head.kernel, this.head.bias);
    return { logits: tf.reshape(z, [b, t, this.config.vocabSize]) as tf.Tensor3D, weights };
  }
}
