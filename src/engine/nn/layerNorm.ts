import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './params';
import { expandLast, sumRows } from './rowwise';

/** tf.layers.layerNormalization's default ε. */
export const LAYER_NORM_EPSILON = 1e-3;

/**
 * Layer normalisation over the last axis: y = γ ⊙ (x − μ) / √(σ² + ε) + β, with μ and σ² the mean and
 * (biased) variance of each row. The gradient is written out (one pass of a few ops instead of the
 * dozen that autodiff makes of moments, rsqrt and broadcasts):
 *   x̂ = (x − μ) r,  r = 1/√(σ² + ε),  g = dy ⊙ γ
 *   dx = r (g − mean(g) − x̂ mean(g ⊙ x̂)),  dγ = Σ dy ⊙ x̂,  dβ = Σ dy  (sums over every row)
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon = LAYER_NORM_EPSILON): tf.Tensor {
  const f = tf.customGrad((...args) => {
    const [xi, g, b] = args.slice(0, 3) as tf.Tensor[];
    const save = args[3] as unknown as tf.GradSaveFunc;
    const axis = xi.rank - 1;
    const n = xi.shape[axis];
    const centred = tf.sub(xi, expandLast(tf.mean(xi, axis, true), n));
    const r = expandLast(tf.rsqrt(tf.add(tf.mean(tf.square(centred), axis, true), epsilon)), n);
    const xHat = tf.mul(centred, r);
    const value = tf.add(tf.mul(xHat, g), b);
    // The forward runs inside a tidy: what the gradient needs must be saved (kept until backprop).
    save([xHat, r, g]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xHat, r, g] = saved;
        const gy = tf.mul(dy, g);
        const n = xHat.shape[axis];
        const meanGy = expandLast(tf.mean(gy, axis, true), n);
        const dx = tf.mul(r, tf.sub(tf.sub(gy, meanGy), tf.mul(xHat, expandLast(tf.mean(tf.mul(gy, xHat), axis, true), n))));
        const rows = (t: tf.Tensor) => sumRows(tf.reshape(t, [-1, n]) as tf.Tensor2D);
        return [dx, rows(tf.mul(dy, xHat)), rows(dy)];
      },
    };
  });
  return f(x, gamma, beta);
}

/** A layer-norm layer with a gain γ (ones) and a bias β (zeros) per feature of the last axis. */
export class LayerNorm {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;

  constructor(
    params: ParamStore,
    readonly dim: number,
    readonly options: { epsilon?: number; name?: string } = {},
  ) {
    const p = params.scope(options.name ?? 'layerNorm/');
    this.gamma = p.ones('gamma', [dim]);
    this.beta = p.zeros('beta', [dim]);
  }

  /** x: [..., dim] → [..., dim]. */
  apply(x: tf.Tensor): tf.Tensor {
    return layerNorm(x, this.gamma, this.beta, this.options.epsilon ?? LAYER_NORM_EPSILON);
  }
}
