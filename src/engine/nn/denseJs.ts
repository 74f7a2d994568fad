import { createRng } from '../rng';
import type { LossKind } from './backprop';
import type { Activation } from './mlp';
import { activateInPlace, affine, derivativeFromOutput } from './denseKernels';
import type { OptimizerSettings } from './optimizers';

/** Settings of one plain-JS step: the same knobs as nn/backprop.ts plus the update. */
export interface DenseStepOptions {
  loss: LossKind;
  dropout: number;
  dropoutSeed: number;
  l1: number;
  l2: number;
  /** Decoupled weight decay λ_d (AdamW): W ← (1 − ηλ_d)W before the update, on the weights only, outside the gradient. */
  decoupledDecay?: number;
  learningRate: number;
}

/**
 * An MLP without batch norm trained in plain JavaScript on Float32Arrays: the
 * same forward pass, backprop and update rules as nn/backprop.ts and
 * nn/optimizers.ts, written as loops. For the playground's networks (at most
 * 6 x 16 units, batches of tens of points) a step is a few thousand
 * multiply-adds: tfjs spends far longer launching its ~55 kernels than doing
 * that arithmetic, so these loops run one to two orders of magnitude faster,
 * the way TensorFlow Playground's own engine does. Weights are [fanIn x fanOut]
 * row-major, as in the tf.Variables they are copied to for views.
 * Checked against nn/backprop.ts and nn/optimizers.ts in tests/unit/denseJs.test.ts.
 */
export class DenseNetJs {
  readonly weights: Float32Array[];
  readonly biases: Float32Array[];
  private readonly gradW: Float32Array[];
  private readonly gradB: Float32Array[];
  /** Every parameter array and its gradient, in [W..., b...] order. */
  private readonly params: Float32Array[];
  private readonly paramGrads: Float32Array[];
  /** Optimiser state per parameter array, in [W..., b...] order: velocity / first moment, second moment. */
  private first: Float32Array[] = [];
  private second: Float32Array[] = [];
  private t = 0;
  /** Per-batch-size scratch: activations (post-dropout), masks and deltas. */
  private scratch: { n: number; h: Float32Array[]; mask: Float32Array[]; delta: Float32Array[] } | null = null;

  constructor(
    readonly sizes: number[],
    readonly activation: Activation,
    weights: Float32Array[],
    biases: Float32Array[],
    private settings: OptimizerSettings,
  ) {
    this.weights = weights.map((w) => Float32Array.from(w));
    this.biases = biases.map((b) => Float32Array.from(b));
    this.gradW = this.weights.map((w) => new Float32Array(w.length));
    this.gradB = this.biases.map((b) => new Float32Array(b.length));
    this.params = [...this.weights, ...this.biases];
    this.paramGrads = [...this.gradW, ...this.gradB];
    this.resetOptimizer(settings);
  }

  get layers(): number {
    return this.weights.length;
  }

  /** A new kind of optimiser starts from zero state; β, ρ, ε changes keep it. */
  resetOptimizer(settings: OptimizerSettings): void {
    this.settings = settings;
    const zeros = () => this.params.map((p) => new Float32Array(p.length));
    this.first = zeros();
    this.second = zeros();
    this.t = 0;
  }

  configureOptimizer(settings: OptimizerSettings): void {
    if (settings.kind !== this.settings.kind) this.resetOptimizer(settings);
    else this.settings = settings;
  }

  /** Copies weights in (after a run moved backends), in [W..., b...] order. */
  load(params: Float32Array[]): void {
    this.params.forEach((p, i) => p.set(params[i]));
  }

  private buffers(n: number) {
    if (this.scratch?.n !== n) {
      const L = this.layers;
      this.scratch = {
        n,
        h: this.sizes.map((s) => new Float32Array(n * s)),
        mask: this.sizes.slice(1, L).map((s) => new Float32Array(n * s)),
        delta: this.sizes.map((s) => new Float32Array(n * s)),
      };
    }
    return this.scratch;
  }

  /**
   * One step on n rows: x is [n x sizes[0]], y is [n x outputs] (one-hot or targets).
   * Forward h_l = act(h_{l−1} W_l + b_l) (inverted dropout on hidden layers),
   * loss, backward δ_{l−1} = (δ_l W_lᵀ) ⊙ mask ⊙ act′, gradients plus 2λ₂W + λ₁ sign W,
   * then the optimiser's update. Returns the data loss of the batch (no penalty).
   */
  step(x: Float32Array, y: Float32Array, n: number, o: DenseStepOptions): number {
    const L = this.layers;
    const s = this.sizes;
    const buf = this.buffers(n);
    buf.h[0].set(x.subarray(0, n * s[0]));
    const rng = o.dropout > 0 ? createRng(o.dropoutSeed) : null;
    const keepScale = 1 / (1 - o.dropout);
    for (let l = 0; l < L; l++) {
      const last = l === L - 1;
      const out = last ? buf.delta[L] : buf.h[l + 1];
      affine(buf.h[l], this.weights[l], this.biases[l], out, n, s[l], s[l + 1]);
      if (last) break;
      activateInPlace(this.activation, out);
      if (rng) {
        const m = buf.mask[l];
        for (let i = 0; i < m.length; i++) {
          m[i] = rng.next() >= o.dropout ? keepScale : 0;
          out[i] *= m[i];
        }
      }
    }
    // buf.delta[L] holds the logits z; turn it into δ_L = ∂L/∂z in place.
    const z = buf.delta[L];
    const k = s[L];
    let loss = 0;
    if (o.loss === 'cross-entropy') {
      // L = −(1/n) Σ y·log softmax(z);  ∂L/∂z = (softmax(z) − y)/n
      for (let r = 0; r < n; r++) {
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, z[r * k + j]);
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(z[r * k + j] - max);
        const logSum = max + Math.log(sum);
        for (let j = 0; j < k; j++) {
          const i = r * k + j;
          const logP = z[i] - logSum;
          loss -= y[i] * logP;
          z[i] = (Math.exp(logP) - y[i]) / n;
        }
      }
      loss /= n;
    } else {
      // L = (1/n) Σ ½(z − y)²;  ∂L/∂z = (z − y)/n
      for (let i = 0; i < n * k; i++) {
        const r = z[i] - y[i];
        loss += r * r;
        z[i] = r / n;
      }
      loss /= 2 * n;
    }
    for (let l = L - 1; l >= 0; l--) {
      const delta = buf.delta[l + 1];
      const hPrev = buf.h[l];
      const gW = this.gradW[l];
      const gb = this.gradB[l];
      const inDim = s[l];
      const outDim = s[l + 1];
      gW.fill(0);
      gb.fill(0);
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < inDim; i++) {
          const hv = hPrev[r * inDim + i];
          if (hv === 0) continue;
          const row = i * outDim;
          for (let j = 0; j < outDim; j++) gW[row + j] += hv * delta[r * outDim + j];
        }
        for (let j = 0; j < outDim; j++) gb[j] += delta[r * outDim + j];
      }
      if (l === 0) break;
      // δ_{l} = (δ_{l+1} W_lᵀ) ⊙ mask ⊙ act′(h), with act′ written from the stored (pre-mask) output.
      const W = this.weights[l];
      const next = buf.delta[l];
      const mask = rng ? buf.mask[l - 1] : null;
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < inDim; i++) {
          let acc = 0;
          const row = i * outDim;
          for (let j = 0; j < outDim; j++) acc += delta[r * outDim + j] * W[row + j];
          const idx = r * inDim + i;
          const m = mask ? mask[idx] : 1;
          // h = act(z)·m, so act(z) = h / m where m ≠ 0 (and the gradient is 0 where m = 0).
          next[idx] = m === 0 ? 0 : acc * m * derivativeFromOutput(this.activation, hPrev[idx] / m);
        }
      }
    }
    for (let l = 0; l < L; l++) {
      if (o.l2 === 0 && o.l1 === 0) break;
      const W = this.weights[l];
      const gW = this.gradW[l];
      for (let i = 0; i < W.length; i++) gW[i] += 2 * o.l2 * W[i] + o.l1 * Math.sign(W[i]);
    }
    // Decoupled decay: shrink the weights outside the optimiser, so Adam's normalisation never sees it.
    // Before the update, with gradients taken at the old weights: θ − η(u + λ_d θ) exactly.
    const shrink = 1 - o.learningRate * (o.decoupledDecay ?? 0);
    if (shrink !== 1) for (const W of this.weights) for (let i = 0; i < W.length; i++) W[i] *= shrink;
    this.update(o.learningRate);
    return loss;
  }

  /** θ ← update(θ, g) for every parameter array, with the formulas of nn/optimizers.ts. */
  private update(lr: number): void {
    const { kind, beta1, beta2, eps } = this.settings;
    this.t += 1;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    for (let a = 0; a < this.params.length; a++) {
      const p = this.params[a];
      const g = this.paramGrads[a];
      const m = this.first[a];
      const v = this.second[a];
      // One loop per rule (the switch outside): this runs for every parameter at every step.
      switch (kind) {
        case 'sgd':
          for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
          break;
        case 'momentum':
          for (let i = 0; i < p.length; i++) {
            m[i] = beta1 * m[i] + g[i];
            p[i] -= lr * m[i];
          }
          break;
        case 'adagrad':
          for (let i = 0; i < p.length; i++) {
            v[i] += g[i] * g[i];
            p[i] -= (lr * g[i]) / (Math.sqrt(v[i]) + eps);
          }
          break;
        case 'rmsprop':
          for (let i = 0; i < p.length; i++) {
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            p[i] -= (lr * g[i]) / (Math.sqrt(v[i]) + eps);
          }
          break;
        case 'adam':
          for (let i = 0; i < p.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
          }
          break;
      }
    }
  }

  /** Inference over n rows (no dropout): the logits [n x outputs] and each hidden layer's activations [n x units]. */
  forward(x: Float32Array, n: number): { logits: Float32Array; hidden: Float32Array[] } {
    const s = this.sizes;
    const hidden: Float32Array[] = [];
    let h = x;
    for (let l = 0; ; l++) {
      const out = new Float32Array(n * s[l + 1]);
      affine(h, this.weights[l], this.biases[l], out, n, s[l], s[l + 1]);
      if (l === this.layers - 1) return { logits: out, hidden };
      activateInPlace(this.activation, out);
      hidden.push(out);
      h = out;
    }
  }

  /** ‖∂L/∂W_l‖ of the last step, per weight matrix (what the gradient-norm plots show). */
  gradNorms(): number[] {
    return this.t === 0 ? [] : this.gradW.map((g) => Math.sqrt(g.reduce((s, v) => s + v * v, 0)));
  }

  /** The last step's dropout masks per hidden layer, entries 0 or 1/(1 − p) (for tests). */
  masks(): Float32Array[] {
    return (this.scratch?.mask ?? []).map((m) => Float32Array.from(m));
  }

  /** The last step's gradients in [W..., b...] order (for tests). */
  grads(): Float32Array[] {
    return this.paramGrads;
  }
}
