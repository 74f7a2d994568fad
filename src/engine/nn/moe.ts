import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../model';
import type { Rng } from '../rng';
import { Dense } from './dense';
import { linear } from './linear';
import { expertCapacity, route, softmaxRows, type Routing } from './moeRouting';
import type { ParamStore } from './params';
import { expandLast, softmaxLast, sumRows } from './rowwise';
import { FeedForward, type FfnActivation } from './transformerBlock';

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
 * x[idx] by rows, with the gradient written as a scatter-add (tf.gather's own gradient needs
 * UnsortedSegmentSum, which the wasm backend lacks). idx is [M] and idx2 the same as [M, 1].
 */
function gatherRows(x: tf.Tensor2D, idx: tf.Tensor1D, idx2: tf.Tensor2D): tf.Tensor2D {
  const shape = x.shape;
  const f = tf.customGrad((...args) => {
    const xi = args[0] as tf.Tensor2D;
    // Saved, so kept by the engine until backprop: a tidy around the caller's forward may free idx2 before.
    (args[1] as unknown as tf.GradSaveFunc)([idx2]);
    return { value: tf.gather(xi, idx), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.scatterND(saved[0], dy, shape) };
  });
  return f(x) as tf.Tensor2D;
}

/** Rows y scattered into an [n, d] zero matrix at idx2 (repeated rows add up); the gradient gathers. */
function scatterRows(y: tf.Tensor2D, idx: tf.Tensor1D, idx2: tf.Tensor2D, n: number): tf.Tensor2D {
  const shape: [number, number] = [n, y.shape[1]];
  const f = tf.customGrad((...args) => {
    const yi = args[0] as tf.Tensor2D;
    (args[1] as unknown as tf.GradSaveFunc)([idx]);
    return { value: tf.scatterND(idx2, yi, shape) as tf.Tensor2D, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.gather(dy, saved[0]) };
  });
  return f(y) as tf.Tensor2D;
}

/**
 * A sparse mixture-of-experts layer: E feed-forward experts (FeedForward from transformerBlock.ts) and a
 * router, a linear map to E logits h(x) = x W_r (plus, when noisy and training, ε ⊙ softplus(x W_noise),
 * ε ~ N(0, 1)). Each token goes to its top-k experts with gates softmax over those k logits (k = 1: the
 * full softmax's probability, as in Switch); an expert
 * takes at most C tokens, the rest of its assignments are dropped, and a token with none kept leaves
 * the layer as zeros (its residual connection carries it on unchanged).
 *
 * The routing is decided in plain JS from the logits (moeRouting.ts), so each expert runs one plain matMul
 * pair on exactly its own tokens: one gather of the routed rows, E slices, one gather of the gates, one
 * scatter-add back. That is what keeps a step cheap on wasm (XNNPACK takes plain matMuls); it reads the
 * logits back with dataSync, which cpu, wasm and webgl allow and webgpu does not.
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

    // The kept assignments, grouped by expert: token rows to gather and flat gate positions n·E + e.
    const rows: number[] = [];
    const gatePos: number[] = [];
    const counts = Array.from({ length: E }, () => 0);
    const chosenMask = new Float32Array(n * E).fill(-1e9);
    for (let i = 0; i < n * k; i++) chosenMask[Math.floor(i / k) * E + routing.choice[i]] = 0;
    for (let e = 0; e < E; e++)
      for (let i = 0; i < n * k; i++)
        if (routing.kept[i] && routing.choice[i] === e) {
          const t = Math.floor(i / k);
          rows.push(t);
          gatePos.push(t * E + e);
          counts[e] += 1;
        }
    const m = rows.length;
    if (m === 0) return { output: tf.zerosLike(x), balance, routing, probs };
    // Gates: the softmax over each token's top-k logits (a masked softmax, so that it stays differentiable);
    // for k = 1 the full softmax, as Switch does, or the router would get no gradient from the task.
    const gates = k === 1 ? softmaxLast(h) : softmaxLast(tf.add(h, tf.tensor2d(chosenMask, [n, E])));
    const rowIdx = tf.tensor1d(rows, 'int32');
    const rowIdx2 = tf.reshape(rowIdx, [m, 1]) as tf.Tensor2D;
    const gateIdx = tf.tensor1d(gatePos, 'int32');
    const routed = gatherRows(flat, rowIdx, rowIdx2);
    const outs: tf.Tensor2D[] = [];
    let offset = 0;
    for (let e = 0; e < E; e++) {
      if (!counts[e]) continue;
      const xe = counts[e] === m ? routed : (tf.slice(routed, [offset, 0], [counts[e], d]) as tf.Tensor2D);
      outs.push(this.experts[e].apply(xe) as tf.Tensor2D);
      offset += counts[e];
    }
    const y = outs.length === 1 ? outs[0] : (tf.concat(outs, 0) as tf.Tensor2D);
    const g = gatherRows(tf.reshape(gates, [n * E, 1]) as tf.Tensor2D, gateIdx, tf.reshape(gateIdx, [m, 1]) as tf.Tensor2D);
    const weighted = tf.mul(y, expandLast(g, d)) as tf.Tensor2D;
    const out = scatterRows(weighted, rowIdx, rowIdx2, n);
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
