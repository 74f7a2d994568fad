import * as tf from '@tensorflow/tfjs';
import { Dense } from '../nn/dense';
import { activate } from '../nn/mlp';
import { Optimizer } from '../nn/optimizers';
import { DEFAULT_OPTIMIZER } from '../nn/optimizerSettings';
import { ParamStore } from '../nn/params';
import type { Rng } from '../rng';
import { CLASSES, gatherRows, INPUTS, type DigitSplit } from './digits14';
import type { Architecture } from './space';

/** Mean softmax cross-entropy of logits o [n, 10] against one-hot rows. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
}

/** One-hot rows as plain numbers (tf.oneHot of an intermediate is a known leak outside tidy). */
export function oneHotRows(ys: Int32Array, classes = CLASSES): Float32Array {
  const out = new Float32Array(ys.length * classes);
  ys.forEach((y, i) => (out[i * classes + y] = 1));
  return out;
}

/** A split as two tensors the caller owns: x [n, 196] and one-hot y [n, 10]. */
export class SplitTensors {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor2D;
  readonly n: number;
  constructor(split: DigitSplit) {
    this.n = split.n;
    this.x = tf.tensor2d(split.xs, [split.n, INPUTS]);
    this.y = tf.tensor2d(oneHotRows(split.ys), [split.n, CLASSES]);
  }
  dispose(): void {
    this.x.dispose();
    this.y.dispose();
  }
}

/**
 * One candidate network: hidden layers h_l = φ_l(h_{l−1} W_l + b_l), plus h_{l−1} (or its projection
 * h_{l−1} P_l when the widths differ) where the layer has a skip connection, then logits o = h_N W + b.
 */
export class CandidateNet {
  private readonly store: ParamStore;
  private readonly layers: { dense: Dense; proj: tf.Variable | null; same: boolean }[] = [];
  private readonly head: Dense;

  constructor(readonly arch: Architecture, rng: Rng) {
    this.store = new ParamStore(rng);
    let prev = INPUTS;
    arch.layers.forEach((l, i) => {
      const dense = new Dense(this.store, prev, l.width, { name: `l${i}/` });
      const same = prev === l.width;
      const proj = l.skip && !same ? this.store.glorot(`l${i}/proj`, [prev, l.width]) : null;
      this.layers.push({ dense, proj, same });
      prev = l.width;
    });
    this.head = new Dense(this.store, prev, CLASSES, { name: 'head/' });
  }

  /** Logits o [n, 10] for x [n, 196]. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    this.arch.layers.forEach((l, i) => {
      const { dense, proj, same } = this.layers[i];
      let out = activate(l.activation, dense.apply(h)) as tf.Tensor2D;
      if (l.skip) out = tf.add(out, same ? h : tf.matMul(h, proj as tf.Tensor2D));
      h = out;
    });
    return this.head.apply(h) as tf.Tensor2D;
  }

  variables(): tf.Variable[] {
    return this.store.variables();
  }

  dispose(): void {
    this.store.dispose();
  }
}

/** A candidate being trained: its network, Adam's state, and its own seeded batch order. */
export class CandidateRun {
  readonly net: CandidateNet;
  private readonly opt: Optimizer;
  steps = 0;
  /** Wall time of its training steps, ms. */
  trainMs = 0;

  constructor(arch: Architecture, private readonly rng: Rng, private readonly learningRate: number, private readonly batchSize: number) {
    this.net = new CandidateNet(arch, rng);
    this.opt = new Optimizer(this.net.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  }

  /** One Adam step on a batch drawn (with replacement) from `train`; returns the batch loss. Call inside tf.tidy. */
  step(train: DigitSplit): tf.Scalar {
    const t0 = performance.now();
    const idx = new Int32Array(this.batchSize);
    for (let i = 0; i < idx.length; i++) idx[i] = this.rng.int(train.n);
    const b = gatherRows(train, idx);
    const x = tf.tensor2d(b.xs, [idx.length, INPUTS]);
    const y = tf.tensor2d(oneHotRows(b.ys), [idx.length, CLASSES]);
    const vars = this.net.variables();
    const { value, grads } = tf.variableGrads(() => crossEntropy(this.net.forward(x), y), vars);
    this.opt.apply(vars.map((v) => grads[v.name]), this.learningRate);
    this.steps += 1;
    this.trainMs += performance.now() - t0;
    return value;
  }

  dispose(): void {
    this.net.dispose();
    this.opt.dispose();
  }
}

/** Accuracy and mean cross-entropy of a network on a split, as two kept scalars (read them, then dispose). */
export function evaluateTensors(net: { forward(x: tf.Tensor2D): tf.Tensor2D }, split: SplitTensors): { acc: tf.Scalar; loss: tf.Scalar } {
  return tf.tidy(() => {
    const o = net.forward(split.x);
    const right = tf.equal(tf.argMax(o, 1), tf.argMax(split.y, 1));
    return { acc: tf.mean(tf.cast(right, 'float32')) as tf.Scalar, loss: crossEntropy(o, split.y) };
  });
}

/** Digits per timed forward pass: a small inference batch. */
export const LATENCY_BATCH = 64;

/** Forward passes per timed run: browsers round performance.now() to 0.1 ms, so one tiny pass reads as 0 or 0.1. */
export const PASSES_PER_RUN = 10;

/**
 * The forward pass's latency on the active backend: `warmup` untimed runs (shader compilation, first
 * allocations), then the median of `runs` timed runs, each PASSES_PER_RUN passes of a batch of 64 awaited to
 * the last result, divided by PASSES_PER_RUN. Latency does not depend on the weights, so a fresh network of
 * the architecture is timed.
 */
export async function measureLatency(arch: Architecture, rng: Rng, x: tf.Tensor2D, runs = 7, warmup = 2): Promise<number> {
  const net = new CandidateNet(arch, rng);
  const times: number[] = [];
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      let o: tf.Tensor | null = null;
      for (let k = 0; k < PASSES_PER_RUN; k++) {
        o?.dispose();
        o = tf.tidy(() => net.forward(x));
      }
      await o!.data();
      o!.dispose();
      if (i >= warmup) times.push((performance.now() - t0) / PASSES_PER_RUN);
    }
  } finally {
    net.dispose();
  }
  return median(times);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
