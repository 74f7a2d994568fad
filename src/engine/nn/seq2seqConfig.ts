import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import type { FfnActivation, NormPlacement } from './transformerBlock';

/**
 * Encoder-decoder: the encoder reads the source with full self-attention, the decoder reads the target
 * so far with causal self-attention and looks at the encoder's output by cross-attention. Decoder-only:
 * one causal stack reads source and target as one sequence and predicts only the target's tokens.
 */
export type Seq2seqArch = 'encoder-decoder' | 'decoder-only';

export interface Seq2seqConfig {
  arch: Seq2seqArch;
  sourceVocab: number;
  targetVocab: number;
  /** Longest source, T_s (the encoder's context). */
  sourceLength: number;
  /** Longest decoder input, T_t (start token + target; the target ends with the end token). */
  targetLength: number;
  dModel: number;
  heads: number;
  /** Blocks in the encoder and in the decoder (decoder-only: in its one stack, counted twice, so both archs have as many blocks). */
  layers: number;
  dFF: number;
  activation: FfnActivation;
  norm: NormPlacement;
  positions: 'sinusoidal' | 'learned';
  /** Adam's η after warm-up. */
  learningRate: number;
  /** Steps of linear warm-up from η/warmup to η (0: none). */
  warmup: number;
  /** Clip the gradients' global norm (0: no clipping). */
  clip: number;
}

/** One batch as tensors: source [B, T_s] ids (0 padding), decoder input [B, T_t], targets [B, T_t] (0 after the end). */
export interface Seq2seqBatch {
  source: tf.Tensor2D;
  decoderInput: tf.Tensor2D;
  target: tf.Tensor2D;
}

/** Attention weights of one forward pass, per layer [B, h, T_q, T_k]. */
export interface Seq2seqMaps {
  encoderSelf: tf.Tensor[];
  decoderSelf: tf.Tensor[];
  cross: tf.Tensor[];
}

export function validateSeq2seq(c: Seq2seqConfig): void {
  const whole = (x: number, lo: number, hi: number) => Number.isInteger(x) && x >= lo && x <= hi;
  if (c.arch !== 'encoder-decoder' && c.arch !== 'decoder-only') throw new ConfigError(`unknown architecture "${c.arch}"`);
  if (!whole(c.dModel, 2, 512)) throw new ConfigError(`d_model must be a whole number from 2 to 512 (got ${c.dModel})`);
  if (!whole(c.heads, 1, 64)) throw new ConfigError(`the number of heads must be a whole number from 1 to 64 (got ${c.heads})`);
  if (c.dModel % c.heads !== 0) throw new ConfigError(`${c.heads} heads do not divide d_model = ${c.dModel}: each head gets d_model / h features, so h must divide ${c.dModel}`);
  if (!whole(c.layers, 1, 8)) throw new ConfigError(`the model needs 1 to 8 layers (got ${c.layers})`);
  if (!whole(c.dFF, 1, 4096)) throw new ConfigError(`the FFN width must be a whole number from 1 to 4096 (got ${c.dFF})`);
  if (!(c.learningRate > 0 && c.learningRate <= 1)) throw new ConfigError(`the learning rate must lie in (0, 1] (got ${c.learningRate})`);
  if (!(c.warmup >= 0)) throw new ConfigError(`warm-up must be 0 or more steps (got ${c.warmup})`);
}

