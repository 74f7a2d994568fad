import * as tf from '@tensorflow/tfjs';

/** The update rules the book writes out by hand (chapter 3 derives them). */
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';

/**
 * Hand-written SGD, momentum and Adam over a list of variables, with their
 * state as variables too (so dispose frees everything, unlike tf.train's
 * optimizers, which outlive model.dispose()). Call `apply` inside tf.tidy.
 */
export class HandOptimizer {
  private m: tf.Variable[] = [];
  private v: tf.Variable[] = [];
  private t = 0;

  constructor(
    private readonly params: tf.Variable[],
    public kind: OptimizerKind,
    public learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.resetState();
  }

  /** Clears momentum and Adam moments (switching optimizer mid-run starts them fresh). */
  resetState(): void {
    this.disposeState();
    this.t = 0;
    if (this.kind === 'sgd') return;
    this.m = this.params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    if (this.kind === 'adam') this.v = this.params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  }

  setKind(kind: OptimizerKind): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.resetState();
  }

  /** One update from gradients keyed by variable name. */
  apply(grads: Record<string, tf.Tensor>): void {
    this.t += 1;
    const lr = this.learningRate;
    this.params.forEach((p, i) => {
      const g = grads[p.name];
      if (!g) return;
      if (this.kind === 'sgd') {
        p.assign(tf.sub(p, tf.mul(g, lr)));
      } else if (this.kind === 'momentum') {
        // v <- beta v + g; w <- w - lr v
        const m = tf.add(tf.mul(this.m[i], this.beta1), g);
        this.m[i].assign(m);
        p.assign(tf.sub(p, tf.mul(m, lr)));
      } else {
        const m = tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        // Bias correction folded into the step size: lr * sqrt(1 - b2^t) / (1 - b1^t).
        const alpha = (lr * Math.sqrt(1 - this.beta2 ** this.t)) / (1 - this.beta1 ** this.t);
        p.assign(tf.sub(p, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.eps)), alpha)));
      }
    });
  }

  private disposeState(): void {
    this.m.forEach((x) => x.dispose());
    this.v.forEach((x) => x.dispose());
    this.m = [];
    this.v = [];
  }

  dispose(): void {
    this.disposeState();
  }
}
