import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import { linear } from './linear';
import type { ParamStore } from './params';
import { sinusoidalEncoding } from '../math/positions';

export { sinusoidalEncoding };

/** How a model tells its tokens' positions apart. */
export type PositionKind = 'sinusoidal' | 'learned' | 'rotary';

function checkLength(t: number, offset: number, maxLength: number): void {
  if (offset + t > maxLength) throw new ConfigError(`positions ${offset}..${offset + t - 1} go past the longest context, ${maxLength}`);
}

/** x + PE[offset .. offset + T) for x: [B, T, d]; the table is a constant, made once. */
export class SinusoidalPositions {
  private readonly table: tf.Tensor2D;

  constructor(
    readonly maxLength: number,
    readonly dim: number,
  ) {
    this.table = tf.tensor2d(sinusoidalEncoding(maxLength, dim), [maxLength, dim]);
  }

  apply(x: tf.Tensor, offset = 0): tf.Tensor {
    const t = x.shape[1] as number;
    checkLength(t, offset, this.maxLength);
    return tf.add(x, t === this.maxLength && offset === 0 ? this.table : tf.slice(this.table, [offset, 0], [t, this.dim]));
  }

  dispose(): void {
    this.table.dispose();
  }
}

/** x + P[offset .. offset + T) with P a trained table [maxLength, d] (GPT's learned positions, N(0, 0.02²)). */
export class LearnedPositions {
  readonly table: tf.Variable;

  constructor(
    params: ParamStore,
    readonly maxLength: number,
    readonly dim: number,
    options: { name?: string } = {},
  ) {
    this.table = params.scope(options.name ?? 'positions/').normal('table', [maxLength, dim], 0.02);
  }

  apply(x: tf.Tensor, offset = 0): tf.Tensor {
    const t = x.shape[1] as number;
    checkLength(t, offset, this.maxLength);
    return tf.add(x, t === this.maxLength && offset === 0 ? this.table : tf.slice(this.table, [offset, 0], [t, this.dim]));
  }

  dispose(): void {
    // The table belongs to the ParamStore, which frees it.
  }
}

/**
 * Rotary position embedding (RoPE, Su et al. 2021) for queries and keys: each pair (x_2i, x_2i+1) at
 * position p turns by the angle p θ_i, θ_i = base^(−2i/d). As x ⊙ cos + (x R) ⊙ sin with R the
 * constant [d, d] matrix taking (a, b) to (−b, a) in each pair; then q_m · k_n depends on m − n only.
 */
export class Rotary {
  private readonly cos: tf.Tensor2D;
  private readonly sin: tf.Tensor2D;
  private readonly turn: tf.Tensor2D;

  constructor(
    readonly dim: number,
    readonly maxLength: number,
    readonly base = 10000,
  ) {
    if (dim % 2 !== 0) throw new ConfigError(`rotary embeddings turn pairs of features: the head size must be even (got ${dim})`);
    const c = new Float32Array(maxLength * dim);
    const s = new Float32Array(maxLength * dim);
    for (let p = 0; p < maxLength; p++)
      for (let j = 0; j < dim; j++) {
        const angle = p * Math.pow(base, -(2 * Math.floor(j / 2)) / dim);
        c[p * dim + j] = Math.cos(angle);
        s[p * dim + j] = Math.sin(angle);
      }
    const r = new Float32Array(dim * dim);
    for (let i = 0; i < dim; i += 2) {
      r[(i + 1) * dim + i] = -1; // (xR)_2i = −x_2i+1
      r[i * dim + i + 1] = 1; // (xR)_2i+1 = x_2i
    }
    this.cos = tf.tensor2d(c, [maxLength, dim]);
    this.sin = tf.tensor2d(s, [maxLength, dim]);
    this.turn = tf.tensor2d(r, [dim, dim]);
  }

  /** x: [..., T, d] (heads on the leading axes) → the same shape, position p = offset + row. */
  apply(x: tf.Tensor, offset = 0): tf.Tensor {
    const t = x.shape[x.rank - 2];
    checkLength(t, offset, this.maxLength);
    const whole = t === this.maxLength && offset === 0;
    const cos = whole ? this.cos : tf.slice(this.cos, [offset, 0], [t, this.dim]);
    const sin = whole ? this.sin : tf.slice(this.sin, [offset, 0], [t, this.dim]);
    const turned = tf.reshape(linear(tf.reshape(x, [-1, this.dim]) as tf.Tensor2D, this.turn, null), x.shape);
    return tf.add(tf.mul(x, cos), tf.mul(turned, sin));
  }

  dispose(): void {
    this.cos.dispose();
    this.sin.dispose();
    this.turn.dispose();
  }
}
