import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import { Dense } from './dense';
import { linear } from './linear';
import type { ParamStore } from './params';
import type { Rotary } from './positional';
import { expandLast, softmaxLast } from './rowwise';
import { transpose4 } from './transposeFast';

/**
 * What a mask adds to a blocked score. Finite on purpose: exp(−1e9 − max) is exactly 0 in float32, so a
 * blocked key gets zero weight, while a row whose keys are all blocked still has a finite maximum and
 * gets uniform weights instead of 0/0 = NaN. Masks that hold −∞ are clamped to this value.
 */
export const MASK_VALUE = -1e9;

/** Additive causal mask [T, T]: 0 where key j ≤ query i, MASK_VALUE above the diagonal (the future). */
export function causalMask(t: number): tf.Tensor2D {
  const m = new Float32Array(t * t);
  for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) m[i * t + j] = MASK_VALUE;
  return tf.tensor2d(m, [t, t]);
}

/** Additive key-padding mask [B, 1, 1, Tk] from valid [B, Tk] (1 = a real token, 0 = padding). */
export function paddingMask(valid: tf.Tensor): tf.Tensor4D {
  return tf.tidy(() => {
    const [b, tk] = valid.shape;
    return tf.reshape(tf.mul(tf.sub(tf.cast(valid, 'float32'), 1), -MASK_VALUE), [b, 1, 1, tk]) as tf.Tensor4D;
  });
}

/** An additive mask with −∞ replaced by MASK_VALUE (so no row can turn into NaN). */
function safeMask(mask: tf.Tensor): tf.Tensor {
  return tf.maximum(mask, MASK_VALUE);
}

/**
 * softmax(Q Kᵀ / √d_k + M) V with plain tfjs ops (autodiff gradient), returning the weights too.
 * q: [..., Tq, d_k], k: [..., Tk, d_k], v: [..., Tk, d_v], mask additive, broadcastable to [..., Tq, Tk].
 */
export function scaledDotProductAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  mask?: tf.Tensor,
): { output: tf.Tensor; weights: tf.Tensor } {
  const dk = q.shape[q.rank - 1];
  let scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dk));
  if (mask) scores = tf.add(scores, safeMask(mask));
  const weights = tf.softmax(scores);
  return { output: tf.matMul(weights, v), weights };
}

/**
 * The same attention with its backward written out (dV = Pᵀ dO, dP = dO Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)),
 * dQ = dS K / √d_k, dK = dSᵀ Q / √d_k): a handful of batched kernels instead of autodiff's chain.
 * The mask is a constant, captured rather than differentiated.
 */
export function attentionCore(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
  const scale = 1 / Math.sqrt(q.shape[q.rank - 1]);
  const m = mask ? safeMask(mask) : null;
  const f = tf.customGrad((...args) => {
    const [qi, ki, vi] = args.slice(0, 3) as tf.Tensor[];
    const save = args[3] as unknown as tf.GradSaveFunc;
    let s = tf.matMul(tf.mul(qi, scale), ki, false, true);
    if (m) s = tf.add(s, m);
    const p = softmaxLast(s);
    save([qi, ki, vi, p]);
    return {
      value: tf.matMul(p, vi),
      gradFunc: (dO: tf.Tensor, saved: tf.Tensor[]) => {
        const [qs, ks, vs, ps] = saved;
        const dV = tf.matMul(ps, dO, true, false);
        const dP = tf.matMul(dO, vs, false, true);
        const rowDot = expandLast(tf.sum(tf.mul(dP, ps), -1, true), ps.shape[ps.rank - 1]);
        const dS = tf.mul(tf.mul(ps, tf.sub(dP, rowDot)), scale);
        return [tf.matMul(dS, ks), tf.matMul(dS, qs, true, false), dV];
      },
    };
  });
  const out = f(q, k, v);
  m?.dispose();
  return out;
}

/** Keys and values of every head, [h, B, Tk, d_k] each. */
export interface AttentionKv {
  k: tf.Tensor;
  v: tf.Tensor;
}

/** Options of one attention call. Masks add up; every one is optional. */
export interface AttendOptions {
  /** Block the future: query i sees keys 0..i only (self-attention, Tq = Tk). */
  causal?: boolean;
  /** [B, Tk], 1 for a real key and 0 for padding: padded keys get zero weight. */
  keyValid?: tf.Tensor;
  /** Any further additive mask: [B, h, Tq, Tk], or a shape broadcastable to [Tq, Tk] (rank ≤ 3). */
  mask?: tf.Tensor;
  /** Rotary position embedding applied to the queries and keys of every head. */
  rotary?: Rotary;
  /** Also return the weights of every head, [B, h, Tq, Tk] (for drawing; uses the autodiff path). */
  returnWeights?: boolean;
}

/**
 * Multi-head attention: head i computes softmax(Q_i K_iᵀ/√d_k + M) V_i with Q_i = X W_q[:, i], and the
 * heads' outputs, side by side, go through W_o. All heads run in one batched matMul on [h, B, T, d_k];
 * in self-attention Q, K and V come from one projection on [W_q | W_k | W_v]. The weights are plain
 * Dense layers (W_q is d x d, head i its columns i·d_k .. (i+1)·d_k), so any layout can be read from them.
 */
export class MultiHeadAttention {
  readonly query: Dense;
  readonly key: Dense;
  readonly value: Dense;
  readonly output: Dense;
  readonly headDim: number;

  constructor(
    params: ParamStore,
    readonly dModel: number,
    readonly heads: number,
    options: { name?: string } = {},
  ) {
    if (!Number.isInteger(heads) || heads < 1) throw new ConfigError(`attention needs a whole number of heads ≥ 1 (got ${heads})`);
    if (dModel % heads !== 0)
      throw new ConfigError(`${heads} heads do not divide d_model = ${dModel}: each head needs d_model / heads features (try ${divisors(dModel).join(', ')} heads)`);
    this.headDim = dModel / heads;
    const p = params.scope(options.name ?? 'attention/');
    this.query = new Dense(p, dModel, dModel, { name: 'query/' });
    this.key = new Dense(p, dModel, dModel, { name: 'key/' });
    this.value = new Dense(p, dModel, dModel, { name: 'value/' });
    this.output = new Dense(p, dModel, dModel, { name: 'output/' });
  }

  /**
   * x: [B, Tq, d] (the queries); memory: [B, Tk, d] for cross-attention (keys and values), x itself when
   * omitted. Returns output [B, Tq, d] and, when asked, weights [B, h, Tq, Tk].
   */
  apply(x: tf.Tensor, memory?: tf.Tensor, options: AttendOptions = {}): { output: tf.Tensor; weights?: tf.Tensor } {
    const b = x.shape[0] as number;
    const tq = x.shape[1] as number;
    const tk = memory ? (memory.shape[1] as number) : tq;
    let q: tf.Tensor, k: tf.Tensor, v: tf.Tensor;
    const heads = (input: tf.Tensor, t: number, layers: Dense[]) => this.toHeads(input, b, t, layers);
    if (!memory) [q, k, v] = heads(x, tq, [this.query, this.key, this.value]);
    else {
      [q] = heads(x, tq, [this.query]);
      [k, v] = heads(memory, tk, [this.key, this.value]);
    }
    if (options.rotary) {
      q = options.rotary.apply(q);
      k = options.rotary.apply(k);
    }
    const mask = combineMasks(options, b, tq, tk);
    let attended: tf.Tensor;
    let weights: tf.Tensor | undefined;
    if (options.returnWeights) {
      const r = scaledDotProductAttention(q, k, v, mask ?? undefined);
      attended = r.output;
      weights = tf.transpose(r.weights, [1, 0, 2, 3]);
    } else attended = attentionCore(q, k, v, mask ?? undefined);
    mask?.dispose();
    return { output: this.mergeHeads(attended, b, tq), weights };
  }

  /**
   * The heads' keys and values of `memory` [B, Tk, d], each [h, B, Tk, d_k]: for decoding one token at a time,
   * computed once for cross-attention and extended by one position per token for self-attention (a KV cache).
   */
  keysValues(memory: tf.Tensor): AttentionKv {
    const [k, v] = this.toHeads(memory, memory.shape[0] as number, memory.shape[1] as number, [this.key, this.value]);
    return { k, v };
  }

  /**
   * Queries x [B, Tq, d] attending to given keys and values (from keysValues), every key visible unless
   * keyValid [B, Tk] marks padding: the rows apply() computes for these queries when the keys are the causal
   * past of the last one. Output [B, Tq, d].
   */
  attendTo(x: tf.Tensor, kv: AttentionKv, keyValid?: tf.Tensor): tf.Tensor {
    const b = x.shape[0] as number;
    const tq = x.shape[1] as number;
    const [q] = this.toHeads(x, b, tq, [this.query]);
    const mask = combineMasks({ keyValid }, b, tq, kv.k.shape[2] as number);
    const attended = attentionCore(q, kv.k, kv.v, mask ?? undefined);
    mask?.dispose();
    return this.mergeHeads(attended, b, tq);
  }

  /** [h, B, Tq, d_k] → [B, Tq, h, d_k] → [B·Tq, d]: the heads side by side, then W_o → [B, Tq, d]. */
  private mergeHeads(attended: tf.Tensor, b: number, tq: number): tf.Tensor {
    const merged = tf.reshape(transpose4(attended, [1, 2, 0, 3]), [b * tq, this.dModel]) as tf.Tensor2D;
    return tf.reshape(linear(merged, this.output.kernel, this.output.bias), [b, tq, this.dModel]);
  }

  /**
   * x [B, T, d] through n Dense layers at once → n tensors [h, B, T, d_k]. Heads lead (not [B, h, ...]) so
   * that splitting them is a view on every backend (tfjs cpu copies other slices element by element).
   * One matMul on the kernels side by side and one rank-4 transpose (wasm runs only unbatched matMuls in XNNPACK,
   * and its rank-5 transpose is ~50x slower than rank 4; on cpu the linear layer and transpose4 run in plain JS,
   * which beat tfjs-cpu's batched matMul making the heads directly: the GPT's step 1.84x → 2.15x the naive one).
   */
  private toHeads(x: tf.Tensor, b: number, t: number, layers: Dense[]): tf.Tensor[] {
    const n = layers.length;
    const flat = tf.reshape(x, [b * t, this.dModel]) as tf.Tensor2D;
    const kernel = n === 1 ? layers[0].kernel : tf.concat(layers.map((l) => l.kernel), 1);
    const bias = n === 1 ? layers[0].bias! : tf.concat(layers.map((l) => l.bias!));
    const split = transpose4(tf.reshape(linear(flat, kernel, bias), [b, t, n * this.heads, this.headDim]), [2, 0, 1, 3]);
    return n === 1 ? [split] : tf.split(split, n, 0);
  }
}

/** The sum of the options' masks, broadcastable to the heads' scores [h, B, Tq, Tk], or null when there is none. */
function combineMasks(options: AttendOptions, b: number, tq: number, tk: number): tf.Tensor | null {
  const parts: tf.Tensor[] = [];
  if (options.causal) {
    if (tq !== tk) throw new ConfigError(`a causal mask needs as many queries as keys (got ${tq} and ${tk})`);
    parts.push(causalMask(tq));
  }
  if (options.keyValid) parts.push(tf.tidy(() => tf.reshape(paddingMask(options.keyValid!), [b, 1, tk])));
  // A caller's mask is laid out [B, h, Tq, Tk] (or broadcastable to it); the heads lead here.
  if (options.mask) parts.push(options.mask.rank === 4 ? tf.transpose(options.mask, [1, 0, 2, 3]) : tf.clone(options.mask));
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  const sum = tf.tidy(() => parts.reduce((a, m) => tf.add(a, m)));
  parts.forEach((m) => m.dispose());
  return sum;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= Math.min(n, 16); i++) if (n % i === 0) out.push(i);
  return out;
}
