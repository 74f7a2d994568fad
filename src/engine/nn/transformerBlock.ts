import * as tf from '@tensorflow/tfjs';
import { MultiHeadAttention, type AttendOptions, type AttentionKv } from './attention';
import { Dense } from './dense';
import { LayerNorm } from './layerNorm';
import { linear } from './linear';
import type { ParamStore } from './params';

export type FfnActivation = 'relu' | 'gelu';
/** Pre-norm: x + f(LN(x)) (GPT-2; trains without warm-up). Post-norm: LN(x + f(x)) (Vaswani et al.). */
export type NormPlacement = 'pre' | 'post';

/** The shape of one Transformer block. */
export interface BlockConfig {
  dModel: number;
  heads: number;
  /** The FFN's hidden width (4 d_model in the paper). */
  dFF: number;
  activation: FfnActivation;
  norm: NormPlacement;
}

const GELU_C = Math.sqrt(2 / Math.PI);

/**
 * GELU, tanh form: 0.5 x (1 + tanh(c (x + 0.044715 x³))), c = √(2/π), with its derivative written out:
 * 0.5 (1 + t) + 0.5 x (1 − t²) c (1 + 3·0.044715 x²).
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  const f = tf.customGrad((...args) => {
    const xi = args[0] as tf.Tensor;
    const save = args[1] as unknown as tf.GradSaveFunc;
    const x2 = tf.square(xi);
    const t = tf.tanh(tf.mul(tf.mul(xi, tf.add(1, tf.mul(0.044715, x2))), GELU_C));
    save([xi, x2, t]);
    return {
      value: tf.mul(tf.mul(0.5, xi), tf.add(1, t)),
      gradFunc: (dy: tf.Tensor, [xs, x2s, ts]: tf.Tensor[]) => {
        const inner = tf.mul(tf.mul(tf.sub(1, tf.square(ts)), GELU_C), tf.add(1, tf.mul(3 * 0.044715, x2s)));
        return tf.mul(dy, tf.mul(0.5, tf.add(tf.add(1, ts), tf.mul(xs, inner))));
      },
    };
  });
  return f(x);
}

/** The position-wise FFN: act(x W₁ + b₁) W₂ + b₂ on the last axis (ReLU fused into the matMul). */
export class FeedForward {
  readonly inner: Dense;
  readonly outer: Dense;

  constructor(
    params: ParamStore,
    readonly dModel: number,
    readonly dFF: number,
    readonly activation: FfnActivation = 'relu',
  ) {
    const p = params.scope('ffn/');
    this.inner = new Dense(p, dModel, dFF, { name: 'inner/' });
    this.outer = new Dense(p, dFF, dModel, { name: 'outer/' });
  }

  /** x: [..., d] → [..., d]. */
  apply(x: tf.Tensor): tf.Tensor {
    const flat = tf.reshape(x, [-1, this.dModel]) as tf.Tensor2D;
    const { kernel: k1, bias: b1 } = this.inner;
    const h = this.activation === 'relu' ? linear(flat, k1, b1, 'relu') : (gelu(linear(flat, k1, b1)) as tf.Tensor2D);
    const o = linear(h, this.outer.kernel, this.outer.bias);
    return tf.reshape(o, x.shape);
  }
}

/** What fills a block's feed-forward slot: [..., d] → [..., d] (the dense FFN, or chapter 13's mixture of experts). */
export interface FfnLike {
  apply(x: tf.Tensor): tf.Tensor;
}

/** x + f(LN(x)) or LN(x + f(x)). */
function residual(x: tf.Tensor, norm: LayerNorm, placement: NormPlacement, f: (h: tf.Tensor) => tf.Tensor): tf.Tensor {
  return placement === 'pre' ? tf.add(x, f(norm.apply(x))) : norm.apply(tf.add(x, f(x)));
}

/**
 * Encoder block: self-attention (padding mask, no causal mask unless asked), then the FFN, each residual.
 * `makeFfn` puts another layer in the FFN slot (chapter 13's MoE); by default it is the dense FeedForward.
 */
export class EncoderBlock<F extends FfnLike = FeedForward> {
  readonly attention: MultiHeadAttention;
  readonly ffn: F;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;

  constructor(
    params: ParamStore,
    readonly config: BlockConfig,
    name = 'encoder/',
    makeFfn?: (p: ParamStore) => F,
  ) {
    const p = params.scope(name);
    this.attention = new MultiHeadAttention(p, config.dModel, config.heads, { name: 'selfAttention/' });
    this.norm1 = new LayerNorm(p, config.dModel, { name: 'norm1/' });
    this.ffn = makeFfn ? makeFfn(p) : (new FeedForward(p, config.dModel, config.dFF, config.activation) as unknown as F);
    this.norm2 = new LayerNorm(p, config.dModel, { name: 'norm2/' });
  }

  /** x: [B, T, d] → [B, T, d]; weights [B, h, T, T] when options.returnWeights. */
  apply(x: tf.Tensor, options: AttendOptions = {}): { output: tf.Tensor; weights?: tf.Tensor } {
    let weights: tf.Tensor | undefined;
    const a = residual(x, this.norm1, this.config.norm, (h) => {
      const r = this.attention.apply(h, undefined, options);
      weights = r.weights;
      return r.output;
    });
    return { output: residual(a, this.norm2, this.config.norm, (h) => this.ffn.apply(h)), weights };
  }
}

/** Options of a decoder block: its own tokens' padding and rotary, and the memory's padding. */
export interface DecoderOptions {
  /** [B, T] valid flags of the decoder's own tokens. */
  keyValid?: tf.Tensor;
  /** [B, Tm] valid flags of the encoder's output (the memory). */
  memoryValid?: tf.Tensor;
  rotary?: AttendOptions['rotary'];
  returnWeights?: boolean;
}

/** Decoder block: causal self-attention, cross-attention to the encoder's output, then the FFN. */
export class DecoderBlock {
  readonly selfAttention: MultiHeadAttention;
  readonly crossAttention: MultiHeadAttention;
  readonly ffn: FeedForward;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly norm3: LayerNorm;

  constructor(
    params: ParamStore,
    readonly config: BlockConfig,
    name = 'decoder/',
  ) {
    const p = params.scope(name);
    this.selfAttention = new MultiHeadAttention(p, config.dModel, config.heads, { name: 'selfAttention/' });
    this.norm1 = new LayerNorm(p, config.dModel, { name: 'norm1/' });
    this.crossAttention = new MultiHeadAttention(p, config.dModel, config.heads, { name: 'crossAttention/' });
    this.norm2 = new LayerNorm(p, config.dModel, { name: 'norm2/' });
    this.ffn = new FeedForward(p, config.dModel, config.dFF, config.activation);
    this.norm3 = new LayerNorm(p, config.dModel, { name: 'norm3/' });
  }

  /** x: [B, T, d], memory: [B, Tm, d] → [B, T, d]; weights [B, h, T, T] and [B, h, T, Tm] on request. */
  apply(x: tf.Tensor, memory: tf.Tensor, options: DecoderOptions = {}): { output: tf.Tensor; selfWeights?: tf.Tensor; crossWeights?: tf.Tensor } {
    const { norm } = this.config;
    let selfWeights: tf.Tensor | undefined;
    let crossWeights: tf.Tensor | undefined;
    const a = residual(x, this.norm1, norm, (h) => {
      const r = this.selfAttention.apply(h, undefined, { causal: true, keyValid: options.keyValid, rotary: options.rotary, returnWeights: options.returnWeights });
      selfWeights = r.weights;
      return r.output;
    });
    const c = residual(a, this.norm2, norm, (h) => {
      const r = this.crossAttention.apply(h, memory, { keyValid: options.memoryValid, returnWeights: options.returnWeights });
      crossWeights = r.weights;
      return r.output;
    });
    return { output: residual(c, this.norm3, norm, (h) => this.ffn.apply(h)), selfWeights, crossWeights };
  }

  /**
   * One new position x [B, 1, d] of a causal decode (no gradient needed): its self-attention reads the cache of
   * the earlier positions' keys and values plus its own, its cross-attention the memory's keys and values
   * (computed once). Returns the position's output and the cache extended by it; equals row t of apply()'s
   * output on the whole prefix (tests/unit/seq2seq.test.ts).
   */
  step(x: tf.Tensor, cache: AttentionKv | null, memory: AttentionKv, memoryValid?: tf.Tensor): { output: tf.Tensor; cache: AttentionKv } {
    const { norm } = this.config;
    let next: AttentionKv = cache as AttentionKv;
    const a = residual(x, this.norm1, norm, (h) => {
      const own = this.selfAttention.keysValues(h);
      next = cache ? { k: tf.concat([cache.k, own.k], 2), v: tf.concat([cache.v, own.v], 2) } : own;
      return this.selfAttention.attendTo(h, next);
    });
    const c = residual(a, this.norm2, norm, (h) => this.crossAttention.attendTo(h, memory, memoryValid));
    return { output: residual(c, this.norm3, norm, (h) => this.ffn.apply(h)), cache: next };
  }
}
