import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import type { Rng } from '../rng';
import { Dense } from './dense';
import { linear } from './linear';
import { expertCapacity, route, softmaxRows, type Routing } from './moeRouting';
import type { ParamStore } from './params';
import { softmaxLast, sumRows } from './rowwise';
import { FeedForward, gelu, type FfnActivation } from './transformerBlock';

/** The shape of a mixture-of-experts layer. */
export interface MoeLayerConfig {
  dModel: number;
  /** Each expert's hidden width. */
  dHidden: number;
  /** E, the number of experts. */
  experts: number;
  /** k, experts per token. */
  topK: number;
  /** Noisy top-k gating (Shazeer et al. 2017) while training. */
  noisy: boolean;
  /** Capacity factor: each expert takes at most ⌈factor · N k / E⌉ tokens of a batch; Infinity for no limit. */
  capacityFactor: number;
  activation?: FfnActivation;
}

/** One forward pass: the output, the balancing loss (a tensor, for the gradient), the routing (plain JS). */
export interface MoeForward {
  /** Same shape as the input: Σ over the token's kept experts of gate · expert(x); zero for a dropped token. */
  output: tf.Tensor;
  /** E · Σ_i f_i P_i. */
  balance: tf.Scalar;
  routing: Routing;
  /** The router's probabilities softmax(h) [N·E], row-major (h: the logits, noisy while training). */
  probs: Float32Array;
}

/** The largest mixture the book builds. */
export const MAX_EXPERTS = 64;

/** Checks a layer's shape: a clear message for zero experts, k outside 1..E, a capacity factor of 0. */
export function validateMoe(c: Pick<MoeLayerConfig, 'experts' | 'topK' | 'capacityFactor'>): void {
  if (!(Number.isInteger(c.experts) && c.experts >= 1 && c.experts <= MAX_EXPERTS)) throw new ConfigError(`A mixture needs 1 to ${MAX_EXPERTS} experts (got ${c.experts}).`);
  if (!(Number.isInteger(c.topK) && c.topK >= 1)) throw new ConfigError(`Each token needs at least one expert: k must be a whole number ≥ 1 (got ${c.topK}).`);
  if (c.topK > c.experts) throw new ConfigError(`k = ${c.topK} is more than the ${c.experts} experts: a token cannot pick more experts than there are.`);
  if (!(c.capacityFactor === Infinity || c.capacityFactor > 0)) throw new ConfigError(`The capacity factor must be positive (got ${c.capacityFactor}): at 0 no expert would take any token.`);
}

/**
 * Rows `rows` of x [n, d] as a new [m, d] tensor, copied in plain JS from `xs` (x's values, read once);
 * the gradient scatter-adds dy's rows back into an [n, d] zero matrix, in plain JS too. On wasm a
 * GatherV2 of a few thousand rows took longer than the experts' matMuls (bench/RESULTS-moe.md), and
 * tf.gather's own gradient needs UnsortedSegmentSum, which wasm lacks.
 */
function dispatchRows(x: tf.Tensor2D, xs: Float32Array, rows: Int32Array): tf.Tensor2D {
  const [n, d] = x.shape;
  const f = tf.customGrad(() => {
    const out = new Float32Array(rows.length * d);
    for (let i = 0; i < rows.length; i++) out.set(xs.subarray(rows[i] * d, rows[i] * d + d), i * d);
    return {
      value: tf.tensor2d(out, [rows.length, d]),
      gradFunc: (dy: tf.Tensor) => {
        const g = dy.dataSync();
        const dx = new Float32Array(n * d);
        for (let i = 0; i < rows.length; i++) {
          const o = rows[i] * d;
          for (let j = 0; j < d; j++) dx[o + j] += g[i * d + j];
        }
        return tf.tensor2d(dx, [n, d]);
      },
    };
  });
  return f(x) as tf.Tensor2D;
}

/**
 * out[r] = Σ over the experts e that kept token r of G[r, e] · y_e[row of r in e]: the experts' outputs
 * weighted by their gates and added back into token order, in plain JS, with its gradient written out:
 * dy_e[i] = G[r, e] dout[r] and dG[r, e] = dout[r] · y_e[i] (zero where the token did not go to e).
 */
function combineRows(ys: tf.Tensor2D[], experts: number[], rows: Int32Array[], gates: tf.Tensor2D, n: number, d: number): tf.Tensor2D {
  const E = gates.shape[1];
  const f = tf.customGrad(() => {
    const yv = ys.map((y) => y.dataSync());
    const gv = gates.dataSync();
    const out = new Float32Array(n * d);
    experts.forEach((e, k) => {
      const r = rows[k];
      const y = yv[k];
      for (let i = 0; i < r.length; i++) {
        const g = gv[r[i] * E + e];
        const o = r[i] * d;
        for (let j = 0; j < d; j++) out[o + j] += g * y[i * d + j];
      }
    });
    return {
      value: tf.tensor2d(out, [n, d]),
      gradFunc: (dy: tf.Tensor) => {
        const dv = dy.dataSync();
        const dG = new Float32Array(n * E);
        const dys = experts.map((e, k) => {
          const r = rows[k];
          const y = yv[k];
          const dyk = new Float32Array(r.length * d);
          for (let i = 0; i < r.length; i++) {
            const g = gv[r[i] * E + e];
            const o = r[i] * d;
            let dot = 0;
            for (let j = 0; j < d; j++) {
              dyk[i * d + j] = g * dv[o + j];
              dot += dv[o + j] * y[i * d + j];
            }
            dG[r[i] * E + e] = dot;
          }
          return tf.tensor2d(dyk, [r.length, d]);
        });
        return [...dys, tf.tensor2d(dG, [n, E])];
      },
    };
  });
  return f(...ys, gates) as tf.Tensor2D;
}

/**
 * A sparse mixture-of-experts layer: E feed-forward experts (FeedForward from transformerBlock.ts) and a
 * router, a linear map to E logits h(x) = x W_r (plus, when noisy and training, ε ⊙ softplus(x W_noise),
 * ε ~ N(0, 1)). Each token goes to its top-k experts with gates softmax over those k logits (k = 1: the
 * full softmax's probability, as in Switch); an expert
 * takes at most C tokens, the rest of its assignments are dropped, and a token with none kept leaves
 * the layer as zeros (its residual connection carries it on unchanged).
 *
 * The routing is decided in plain JS from the logits (moeRouting.ts), and so are the dispatch (each expert's
 * rows copied out) and the combine (gated outputs added back), with their gradients written out: the backend
 * runs only the router and each expert's two plain matMuls on exactly its own tokens. That keeps a step
 * cheap on wasm (XNNPACK takes plain matMuls; its GatherV2 was slower than the experts). It reads tensors
 * back with dataSync, which cpu and wasm do as a copy and webgl allows; webgpu does not.
 */
export class MoeLayer {
  readonly router: Dense;
  readonly noise: Dense | null;
  readonly experts: FeedForward[];
  readonly capacityFactor: number;

  constructor(
    params: ParamStore,
    readonly config: MoeLayerConfig,
    name = 'moe/',
  ) {
    validateMoe(config);
    const p = params.scope(name);
    this.router = new Dense(p, config.dModel, config.experts, { bias: false, name: 'router/' });
    this.noise = config.noisy ? new Dense(p, config.dModel, config.experts, { bias: false, name: 'noise/' }) : null;
    this.experts = Array.from({ length: config.experts }, (_, i) => new FeedForward(p.scope(`expert${i}/`), config.dModel, config.dHidden, config.activation ?? 'relu'));
    this.capacityFactor = config.capacityFactor;
  }

  /** Parameters of the whole layer, and those one token uses (the router and k experts). */
  parameterCounts(): { total: number; active: number } {
    const { dModel: d, dHidden: h, experts, topK, noisy } = this.config;
    const expert = d * h + h + h * d + d;
    const router = d * experts * (noisy ? 2 : 1);
    return { total: router + experts * expert, active: router + topK * expert };
  }

  /**
   * x [..., d] → the same shape. `rng` draws the gating noise (training with noisy gating only);
   * `capacityFactor` overrides the config's for this call (Infinity for none, e.g. at evaluation).
   */
  apply(x: tf.Tensor, options: { training: boolean; rng?: Rng; capacityFactor?: number }): MoeForward {
    if (tf.getBackend() === 'webgpu') throw new Error('the mixture-of-experts layer reads its routing back synchronously, which the webgpu backend does not allow');
    const { dModel: d, experts: E, topK: k } = this.config;
    const flat = tf.reshape(x, [-1, d]) as tf.Tensor2D;
    const n = flat.shape[0];
    let h: tf.Tensor2D = linear(flat, this.router.kernel as tf.Tensor2D, null);
    if (this.noise && options.training) {
      if (!options.rng) throw new Error('noisy gating needs an rng while training');
      const eps = new Float32Array(n * E);
      for (let i = 0; i < eps.length; i++) eps[i] = options.rng.normal();
      h = tf.add(h, tf.mul(tf.tensor2d(eps, [n, E]), tf.softplus(linear(flat, this.noise.kernel as tf.Tensor2D, null)))) as tf.Tensor2D;
    }
    const logits = h.dataSync();
    const capacity = expertCapacity(options.capacityFactor ?? this.capacityFactor, n, k, E);
    const routing = route(logits, n, E, k, capacity);
    const probs = softmaxRows(logits, n, E);

    // Balancing loss E Σ f_i P_i: f (counts) is a constant, P = mean_n softmax(h) carries the gradient.
    const f = tf.tensor1d(routing.demand.map((c) => c / (n * k)));
    const pMean = tf.div(sumRows(softmaxLast(h) as tf.Tensor2D), n);
    const balance = tf.mul(E, tf.sum(tf.mul(pMean, f))) as tf.Scalar;

    // The kept assignments, grouped by expert: the token rows each expert processes, in token order.
    const groups: number[][] = Array.from({ length: E }, () => []);
    const chosenMask = new Float32Array(n * E).fill(-1e9);
    for (let i = 0; i < n * k; i++) {
      const t = Math.floor(i / k);
      chosenMask[t * E + routing.choice[i]] = 0;
      if (routing.kept[i]) groups[routing.choice[i]].push(t);
    }
    const used = groups.map((g, e) => (g.length ? e : -1)).filter((e) => e >= 0);
    if (used.length === 0) return { output: tf.zerosLike(x), balance, routing, probs };
    // Gates: the softmax over each token's top-k logits (a masked softmax, so that it stays differentiable);
    // for k = 1 the full softmax, as Switch does, or the router would get no gradient from the task.
    const gates = (k === 1 ? softmaxLast(h) : softmaxLast(tf.add(h, tf.tensor2d(chosenMask, [n, E])))) as tf.Tensor2D;
    const xs = flat.dataSync() as Float32Array;
    const rows = used.map((e) => Int32Array.from(groups[e]));
    const outs = used.map((e, i) => {
      const xe = dispatchRows(flat, xs, rows[i]);
      // The expert's two linear maps directly (FeedForward.apply would reshape twice per expert: xe is 2-D already).
      const { inner, outer } = this.experts[e];
      const hid = this.config.activation === 'gelu' ? (gelu(linear(xe, inner.kernel, inner.bias)) as tf.Tensor2D) : linear(xe, inner.kernel, inner.bias, 'relu');
      return linear(hid, outer.kernel, outer.bias);
    });
    const out = combineRows(outs, used, rows, gates, n, d);
    return { output: tf.reshape(out, x.shape), balance, routing, probs };
  }

  /** Every variable of the layer: router, noise, experts in order. */
  variables(): tf.Variable[] {
    const vars: tf.Variable[] = [this.router.kernel];
    if (this.noise) vars.push(this.noise.kernel);
    for (const ex of this.experts) vars.push(ex.inner.kernel, ex.inner.bias!, ex.outer.kernel, ex.outer.bias!);
    return vars;
  }
}
