import * as tf from '@tensorflow/tfjs';

/**
 * tf.matMul(a, b, transposeA, transposeB), but on the wasm backend the transposes are done as
 * separate tf.transpose ops: tfjs-wasm sends only a plain matMul to XNNPACK and multiplies a
 * transposed one in a naive loop 10-20x slower (measured 2026-12-02, tfjs 4.22; see
 * recurrentProducts.ts). Other backends take the flags as they are.
 */
export function matMulFast(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  if (tf.getBackend() !== 'wasm' || (!transposeA && !transposeB)) return tf.matMul(a, b, transposeA, transposeB);
  return tf.tidy(() => tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b));
}

/**
 * x W + b with its gradient written out, δx = δo Wᵀ, δW = xᵀ δo, δb = Σ_rows δo, each through
 * matMulFast, so that training a Dense layer on wasm stays on the fast path (autodiff's matMul
 * gradient uses the transpose flags).
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | null): tf.Tensor2D {
  // x and W are saved (cloned and kept by the engine): an intermediate x is freed before backprop runs.
  const f = tf.customGrad((...args) => {
    const xi = args[0] as tf.Tensor2D;
    const wi = args[1] as tf.Tensor2D;
    const save = args[args.length - 1] as unknown as (ts: tf.Tensor[]) => void;
    save([xi, wi]);
    const xw = tf.matMul(xi, wi);
    return {
      value: (b ? tf.add(xw, args[2] as tf.Tensor1D) : xw) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as tf.Tensor2D[];
        const d = dy as tf.Tensor2D;
        const grads = [matMulFast(d, ws, false, true), matMulFast(xs, d, true, false)];
        return b ? [...grads, tf.sum(d, 0)] : grads;
      },
    };
  });
  return (b ? f(x, w, b) : f(x, w)) as tf.Tensor2D;
}
