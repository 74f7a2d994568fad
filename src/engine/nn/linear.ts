import * as tf from '@tensorflow/tfjs';
import { sumRows } from './rowwise';

/**
 * Whether a matMul's gradient should transpose its operands explicitly. On wasm only an unbatched,
 * untransposed matMul runs in XNNPACK; a transposeA/transposeB flag falls to a generic loop that was
 * 10-25x slower per multiply-add (bench/RESULTS-seq-attention.md), while a transpose costs one cheap pass.
 * Elsewhere (cpu strides, GPU shaders) the flags are free, so they stay.
 */
function explicitTransposes(): boolean {
  return tf.getBackend() === 'wasm';
}

/** tf.matMul(a, b, transposeA, transposeB) by the route that is fast on this backend (the transposed copies are freed). */
export function matMulFast(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  if (!explicitTransposes() || (!transposeA && !transposeB)) return tf.matMul(a, b, transposeA, transposeB);
  return tf.tidy(() => tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b));
}

/**
 * The one wasm-fast linear layer of the engine (Dense, the recurrent cells, attention's projections, the FFNs):
 * y = act(x W + b) for x [N, k], W [k, n], one fused kernel forward, and a backward written out so that
 * every matMul in it takes matMulFast's route: g = dy ⊙ act′, dx = g Wᵀ, dW = xᵀ g, db = Σ_rows g.
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor, bias: tf.Tensor | null, activation: 'linear' | 'relu' = 'linear'): tf.Tensor2D {
  const relu = activation === 'relu';
  const f = tf.customGrad((...args) => {
    const [xi, wi] = args as tf.Tensor2D[];
    const bi = bias ? (args[2] as tf.Tensor1D) : undefined;
    const save = args[bias ? 3 : 2] as unknown as tf.GradSaveFunc;
    const y = tf.fused.matMul({ a: xi, b: wi, bias: bi, activation });
    save(relu ? [xi, wi, y] : [xi, wi]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as tf.Tensor2D[];
        const g = (relu ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor2D;
        const grads: tf.Tensor[] = [matMulFast(g, ws, false, true), matMulFast(xs, g, true, false)];
        if (bias) grads.push(sumRows(g));
        return grads;
      },
    };
  });
  return (bias ? f(x, w, bias) : f(x, w)) as tf.Tensor2D;
}
