import * as tf from '@tensorflow/tfjs';

import { DEFAULT_OPTIMIZER, type OptimizerKind, type OptimizerSettings } from './optimizerSettings';

export { DEFAULT_OPTIMIZER, OPTIMIZER_KINDS, type OptimizerKind, type OptimizerSettings } from './optimizerSettings';

/**
 * Holds the per-parameter state of one optimiser and applies its update:
 *  sgd:      θ ← θ − η g
 *  momentum: v ← β v + g;                  θ ← θ − η v
 *  adagrad:  s ← s + g²;                   θ ← θ − η g / (√s + ε)
 *  rmsprop:  s ← ρ s + (1 − ρ) g²;         θ ← θ − η g / (√s + ε)
 *  adam:     m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²;
 *            θ ← θ − η m̂ / (√v̂ + ε),  m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t)
 */
export class Optimizer {
  private readonly first: tf.Variable[];
  private readonly second: tf.Variable[];
  private t = 0;

  constructor(
    private readonly params: tf.Variable[],
    private settings: OptimizerSettings,
  ) {
    const zeros = () => params.map((p) => tf.variable(tf.zerosLike(p), false));
    // Inside tidy the zeros tensors are released and only the variables stay (no leaked initial values).
    this.first = tf.tidy(zeros);
    this.second = tf.tidy(zeros);
  }

  /** Changes β, ρ or ε live; a change of kind needs a new Optimizer (the state means something else). */
  configure(settings: OptimizerSettings): void {
    this.settings = settings;
  }

  /** Applies one update with learning rate `lr`; grads[i] belongs to params[i]. Call inside tf.tidy. */
  apply(grads: tf.Tensor[], lr: number): void {
    if (grads.length !== this.params.length) throw new Error(`Optimizer.apply: ${grads.length} gradients for ${this.params.length} parameters`);
    const { kind, beta1, beta2, eps } = this.settings;
    this.t += 1;
    this.params.forEach((p, i) => {
      const g = grads[i];
      switch (kind) {
        case 'sgd':
          p.assign(tf.sub(p, tf.mul(lr, g)));
          break;
        case 'momentum': {
          const v = tf.add(tf.mul(beta1, this.first[i]), g);
          this.first[i].assign(v);
          p.assign(tf.sub(p, tf.mul(lr, v)));
          break;
        }
        case 'adagrad': {
          const s = tf.add(this.second[i], tf.square(g));
          this.second[i].assign(s);
          p.assign(tf.sub(p, tf.div(tf.mul(lr, g), tf.add(tf.sqrt(s), eps))));
          break;
        }
        case 'rmsprop': {
          const s = tf.add(tf.mul(beta2, this.second[i]), tf.mul(1 - beta2, tf.square(g)));
          this.second[i].assign(s);
          p.assign(tf.sub(p, tf.div(tf.mul(lr, g), tf.add(tf.sqrt(s), eps))));
          break;
        }
        case 'adam': {
          const m = tf.add(tf.mul(beta1, this.first[i]), tf.mul(1 - beta1, g));
          const v = tf.add(tf.mul(beta2, this.second[i]), tf.mul(1 - beta2, tf.square(g)));
          this.first[i].assign(m);
          this.second[i].assign(v);
          const mHat = tf.div(m, 1 - Math.pow(beta1, this.t));
          const vHat = tf.div(v, 1 - Math.pow(beta2, this.t));
          p.assign(tf.sub(p, tf.div(tf.mul(lr, mHat), tf.add(tf.sqrt(vHat), eps))));
          break;
        }
      }
    });
  }

  /** The optimiser's state variables, so that a run can move to another backend intact. */
  variables(): tf.Variable[] {
    return [...this.first, ...this.second];
  }

  dispose(): void {
    this.first.forEach((v) => v.dispose());
    this.second.forEach((v) => v.dispose());
  }
}

/**
 * An Optimizer whose kind and learning rate change mid-run (a change of kind
 * restarts its state), taking gradients keyed by variable name as
 * tf.variableGrads returns them; a variable without a gradient is left alone.
 */
export class LiveOptimizer {
  private inner: Optimizer;

  constructor(
    private readonly params: tf.Variable[],
    private kind: OptimizerKind,
    public learningRate: number,
  ) {
    this.inner = new Optimizer(params, { ...DEFAULT_OPTIMIZER, kind });
  }

  setKind(kind: OptimizerKind): void {
    if (kind === this.kind) return;
    this.inner.dispose();
    this.kind = kind;
    this.inner = new Optimizer(this.params, { ...DEFAULT_OPTIMIZER, kind });
  }

  /** One update; call inside tf.tidy. */
  apply(grads: Record<string, tf.Tensor>): void {
    this.inner.apply(this.params.map((p) => grads[p.name] ?? tf.zerosLike(p)), this.learningRate);
  }

  variables(): tf.Variable[] {
    return this.inner.variables();
  }

  dispose(): void {
    this.inner.dispose();
  }
}
