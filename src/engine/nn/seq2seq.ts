import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import { validateSeq2seq, type Seq2seqBatch, type Seq2seqConfig, type Seq2seqMaps } from './seq2seqConfig';
import { createRng } from '../rng';
import { Dense } from './dense';
import { Embedding } from './embedding';
import { clipByGlobalNorm } from './gradients';
import { LayerNorm } from './layerNorm';
import { linear } from './linear';
import { DEFAULT_OPTIMIZER, Optimizer } from './optimizers';
import { ParamStore } from './params';
import { LearnedPositions, SinusoidalPositions } from './positional';
import { maskedCrossEntropy } from './seq2seqLoss';
import type { AttentionKv } from './attention';
import { DecoderBlock, EncoderBlock } from './transformerBlock';

export { validateSeq2seq, type Seq2seqArch, type Seq2seqBatch, type Seq2seqConfig, type Seq2seqMaps } from './seq2seqConfig';

/** Free-running decoding of the encoder-decoder: per decoder layer the memory's keys and values and its own cache. */
export interface DecodingState {
  memory: AttentionKv[];
  valid: tf.Tensor;
  caches: (AttentionKv | null)[];
  /** Decoder positions read so far. */
  position: number;
}

/**
 * A small Transformer for sequence-to-sequence tasks, built from the engine's blocks
 * (transformerBlock.ts, attention.ts, positional.ts, embedding.ts). Every method that returns tensors
 * runs in its own tidy; the caller disposes what it gets.
 */
export class Seq2seqTransformer {
  readonly params: ParamStore;
  readonly sourceEmbedding: Embedding;
  /** The decoder's own table (decoder-only: null, one table holds both vocabularies). */
  readonly targetEmbedding: Embedding | null;
  readonly encoder: EncoderBlock[];
  readonly encoderNorm: LayerNorm | null;
  /** Decoder blocks (decoder-only: the causal EncoderBlocks of its one stack are in `stack`). */
  readonly decoder: DecoderBlock[];
  readonly stack: EncoderBlock[];
  readonly finalNorm: LayerNorm | null;
  readonly head: Dense;
  private readonly sinusoidal: SinusoidalPositions | null = null;
  private readonly sourcePositions: LearnedPositions | null = null;
  private readonly targetPositions: LearnedPositions | null = null;
  private readonly optimizer: Optimizer;
  private steps = 0;

  constructor(
    readonly config: Seq2seqConfig,
    seed: number,
  ) {
    validateSeq2seq(config);
    const { arch, sourceVocab, targetVocab, sourceLength, targetLength, dModel, heads, layers, dFF, activation, norm } = config;
    const block = { dModel, heads, dFF, activation, norm };
    const pre = norm === 'pre';
    this.params = new ParamStore(createRng(seed));
    const both = arch === 'decoder-only';
    this.sourceEmbedding = new Embedding(this.params, both ? sourceVocab + targetVocab : sourceVocab, dModel, { name: 'sourceEmbedding/' });
    this.targetEmbedding = both ? null : new Embedding(this.params, targetVocab, dModel, { name: 'targetEmbedding/' });
    const span = both ? sourceLength + targetLength : Math.max(sourceLength, targetLength);
    if (config.positions === 'sinusoidal') this.sinusoidal = new SinusoidalPositions(span, dModel);
    else {
      this.sourcePositions = new LearnedPositions(this.params, both ? span : sourceLength, dModel, { name: 'sourcePositions/' });
      if (!both) this.targetPositions = new LearnedPositions(this.params, targetLength, dModel, { name: 'targetPositions/' });
    }
    this.encoder = both ? [] : Array.from({ length: layers }, (_, i) => new EncoderBlock(this.params, block, `encoder${i}/`));
    this.encoderNorm = !both && pre ? new LayerNorm(this.params, dModel, { name: 'encoderNorm/' }) : null;
    this.decoder = both ? [] : Array.from({ length: layers }, (_, i) => new DecoderBlock(this.params, block, `decoder${i}/`));
    this.stack = both ? Array.from({ length: 2 * layers }, (_, i) => new EncoderBlock(this.params, block, `block${i}/`)) : [];
    this.finalNorm = pre ? new LayerNorm(this.params, dModel, { name: 'finalNorm/' }) : null;
    this.head = new Dense(this.params, dModel, targetVocab, { name: 'head/' });
    this.optimizer = new Optimizer(this.params.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam', beta2: 0.98 });
  }

  /** Logits [B, T, |V_t|] of the token after each decoder input position (teacher forcing). */
  logits(source: tf.Tensor, decoderInput: tf.Tensor): tf.Tensor3D {
    return tf.tidy(() => this.forward(source, decoderInput, false).logits);
  }

  /** Logits [B, |V_t|] after the last decoder input position. */
  lastLogits(source: tf.Tensor, decoderInput: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const z = this.forward(source, decoderInput, false).logits;
      const [b, t, v] = z.shape;
      return tf.reshape(tf.slice(z, [0, t - 1, 0], [b, 1, v]), [b, v]) as tf.Tensor2D;
    });
  }

  /** The logits and every layer's and head's attention weights. */
  attentionMaps(source: tf.Tensor, decoderInput: tf.Tensor): { logits: tf.Tensor3D; maps: Seq2seqMaps } {
    const kept = tf.tidy(() => {
      const r = this.forward(source, decoderInput, true);
      const m = r.maps!;
      return { logits: r.logits, encoderSelf: m.encoderSelf, decoderSelf: m.decoderSelf, cross: m.cross } as unknown as tf.TensorContainerObject;
    }) as unknown as { logits: tf.Tensor3D } & Seq2seqMaps;
    return { logits: kept.logits, maps: { encoderSelf: kept.encoderSelf, decoderSelf: kept.decoderSelf, cross: kept.cross } };
  }

  /** Mean cross-entropy over the real target tokens (no gradient). */
  loss(batch: Seq2seqBatch): tf.Scalar {
    return tf.tidy(() => this.lossOf(batch));
  }

  /** Gradients for every parameter (variables() order) and the loss. */
  gradients(batch: Seq2seqBatch): { loss: tf.Scalar; grads: tf.Tensor[] } {
    return tf.tidy(() => {
      const vars = this.params.variables();
      const { value, grads } = tf.variableGrads(() => this.lossOf(batch), vars);
      return { loss: value, grads: vars.map((v) => grads[v.name]) };
    });
  }

  /**
   * The step size of the next step: a linear warm-up to η over `warmup` steps, then η √(warmup / t)
   * (Vaswani et al.'s schedule with η as its peak): large steps while the attention patterns form,
   * smaller ones once they have, so that a nearly perfect model is not knocked off its answer.
   */
  currentLearningRate(): number {
    const { learningRate, warmup } = this.config;
    const t = this.steps + 1;
    if (warmup <= 0) return learningRate;
    return t <= warmup ? (learningRate * t) / warmup : learningRate * Math.sqrt(warmup / t);
  }

  /** One Adam step; returns the batch's loss before it. */
  trainStep(batch: Seq2seqBatch): tf.Scalar {
    const lr = this.currentLearningRate();
    this.steps += 1;
    return tf.tidy(() => {
      const { loss, grads } = this.gradients(batch);
      const g = this.config.clip > 0 ? clipByGlobalNorm(grads, this.config.clip).grads : grads;
      this.optimizer.apply(g, lr);
      return loss;
    });
  }

  /** Live changes: η, warm-up and clipping (the rest is structural). */
  setTraining(t: Pick<Seq2seqConfig, 'learningRate' | 'warmup' | 'clip'>): void {
    Object.assign(this.config as Seq2seqConfig, t);
  }

  /** Parameters, then the optimiser's state. */
  variables(): tf.Variable[] {
    return [...this.params.variables(), ...this.optimizer.variables()];
  }

  parameterCount(): number {
    return this.params.variables().reduce((n, v) => n + v.size, 0);
  }

  dispose(): void {
    this.params.dispose();
    this.optimizer.dispose();
    this.sinusoidal?.dispose();
  }

  private lossOf(batch: Seq2seqBatch): tf.Scalar {
    const z = this.forward(batch.source, batch.decoderInput, false).logits;
    return maskedCrossEntropy(tf.reshape(z, [-1, this.config.targetVocab]) as tf.Tensor2D, tf.reshape(batch.target, [-1]) as tf.Tensor1D);
  }

  /** Embedding (× √d with sinusoidal positions, as Vaswani et al.) plus positions. */
  private embed(table: Embedding, ids: tf.Tensor, learned: LearnedPositions | null, offset = 0): tf.Tensor {
    const x = table.apply(ids);
    if (this.sinusoidal) return this.sinusoidal.apply(tf.mul(x, Math.sqrt(this.config.dModel)), offset);
    return learned!.apply(x, offset);
  }

  /**
   * Encoder-decoder only (null for decoder-only): free-running decoding one token at a time. The encoder runs once,
   * each decoder layer keeps the memory's keys and values and a cache of its own past positions' (a KV cache), so
   * step t costs one position instead of t. The state's tensors belong to the caller's tidy.
   */
  startDecoding(source: tf.Tensor): DecodingState | null {
    if (this.config.arch === 'decoder-only') return null;
    const { memory, valid } = this.runEncoder(source, false);
    return { memory: this.decoder.map((block) => block.crossAttention.keysValues(memory)), valid, caches: this.decoder.map(() => null), position: 0 };
  }

  /** Logits [B, |V_t|] of the token after `tokens` [B] (the decoder's next input), advancing the state by one position. */
  nextLogits(state: DecodingState, tokens: tf.Tensor): tf.Tensor2D {
    const b = tokens.shape[0] as number;
    if (state.position >= this.config.targetLength) throw new ConfigError(`an output of ${state.position + 1} tokens is longer than the decoder's context of ${this.config.targetLength}`);
    let y = this.embed(this.targetEmbedding!, tf.reshape(tf.cast(tokens, 'int32'), [b, 1]), this.targetPositions, state.position);
    this.decoder.forEach((block, i) => {
      const r = block.step(y, state.caches[i], state.memory[i], state.valid);
      y = r.output;
      state.caches[i] = r.cache;
    });
    state.position += 1;
    return tf.reshape(this.project(y, b, 1), [b, this.config.targetVocab]) as tf.Tensor2D;
  }

  private checkLengths(source: tf.Tensor, decoderInput: tf.Tensor | null): void {
    const ts = source.shape[1] as number;
    if (ts > this.config.sourceLength) throw new ConfigError(`a source of ${ts} tokens is longer than the model's context of ${this.config.sourceLength}`);
    const tt = decoderInput ? (decoderInput.shape[1] as number) : 0;
    if (tt > this.config.targetLength) throw new ConfigError(`an output of ${tt} tokens is longer than the decoder's context of ${this.config.targetLength}`);
  }

  private runEncoder(source: tf.Tensor, returnWeights: boolean, maps?: Seq2seqMaps): { memory: tf.Tensor; valid: tf.Tensor } {
    this.checkLengths(source, null);
    const srcIds = tf.cast(source, 'int32');
    const valid = tf.cast(tf.notEqual(srcIds, 0), 'float32');
    let x = this.embed(this.sourceEmbedding, srcIds, this.sourcePositions);
    for (const block of this.encoder) {
      const r = block.apply(x, { keyValid: valid, returnWeights });
      x = r.output;
      if (r.weights) maps?.encoderSelf.push(r.weights);
    }
    return { memory: this.encoderNorm ? this.encoderNorm.apply(x) : x, valid };
  }

  /** Decoder blocks, final norm and head: logits [B, T_t, |V_t|]. */
  private runDecoder(memory: tf.Tensor, valid: tf.Tensor, decoderInput: tf.Tensor, returnWeights: boolean, maps: Seq2seqMaps): tf.Tensor3D {
    const b = decoderInput.shape[0] as number;
    const tt = decoderInput.shape[1] as number;
    let y = this.embed(this.targetEmbedding!, tf.cast(decoderInput, 'int32'), this.targetPositions);
    for (const block of this.decoder) {
      const r = block.apply(y, memory, { memoryValid: valid, returnWeights });
      y = r.output;
      if (r.selfWeights) maps.decoderSelf.push(r.selfWeights);
      if (r.crossWeights) maps.cross.push(r.crossWeights);
    }
    return this.project(y, b, tt);
  }

  private project(y: tf.Tensor, b: number, tt: number): tf.Tensor3D {
    const { dModel, targetVocab } = this.config;
    if (this.finalNorm) y = this.finalNorm.apply(y);
    const z = linear(tf.reshape(y, [b * tt, dModel]) as tf.Tensor2D, this.head.kernel, this.head.bias);
    return tf.reshape(z, [b, tt, targetVocab]) as tf.Tensor3D;
  }

  private forward(source: tf.Tensor, decoderInput: tf.Tensor, returnWeights: boolean): { logits: tf.Tensor3D; maps?: Seq2seqMaps } {
    this.checkLengths(source, decoderInput);
    const maps: Seq2seqMaps = { encoderSelf: [], decoderSelf: [], cross: [] };
    const out = (logits: tf.Tensor3D) => ({ logits, maps: returnWeights ? maps : undefined });
    if (this.config.arch === 'encoder-decoder') {
      const { memory, valid } = this.runEncoder(source, returnWeights, maps);
      return out(this.runDecoder(memory, valid, decoderInput, returnWeights, maps));
    }
    const [b, ts] = source.shape as [number, number];
    const tt = decoderInput.shape[1] as number;
    const srcIds = tf.cast(source, 'int32');
    const valid = tf.cast(tf.notEqual(srcIds, 0), 'float32');
    // One sequence: source ids, then the decoder input shifted into the second half of the table.
    const ids = tf.concat([srcIds, tf.add(tf.cast(decoderInput, 'int32'), this.config.sourceVocab)], 1);
    let x = this.embed(this.sourceEmbedding, ids, this.sourcePositions);
    const keyValid = tf.concat([valid, tf.ones([b, tt])], 1);
    for (const block of this.stack) {
      const r = block.apply(x, { causal: true, keyValid, returnWeights });
      x = r.output;
      if (r.weights) maps.decoderSelf.push(r.weights);
    }
    return out(this.project(tf.slice(x, [0, ts, 0], [b, tt, this.config.dModel]), b, tt));
  }
}
