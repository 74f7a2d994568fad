import * as tf from '@tensorflow/tfjs';

/**
 * tf.transpose(x, perm) for rank 4, differentiable. On the cpu backend tfjs computes every element's coordinates
 * one by one, so the attention heads' split and merge ([B, T, h, d_k] ↔ [h, B, T, d_k], twice per attention layer
 * forward and backward) took 54 ms of the toy Transformer's 430 ms cpu step; here the innermost axis, when it stays
 * innermost, is copied as a run of d_k contiguous numbers. Other backends use their own kernel.
 */
export function transpose4(x: tf.Tensor, perm: [number, number, number, number]): tf.Tensor {
  if (tf.getBackend() !== 'cpu' || x.rank !== 4 || perm[3] !== 3) return tf.transpose(x, perm);
  const inverse = [0, 0, 0, 0] as [number, number, number, number];
  perm.forEach((p, i) => (inverse[p] = i));
  const f = tf.customGrad((xi, save) => {
    void save;
    return { value: permuteJs(xi as tf.Tensor, perm), gradFunc: (dy: tf.Tensor) => permuteJs(dy, inverse) };
  });
  return f(x);
}

/** The permutation in plain JS: out[i0, i1, i2, :] = x[the source index], one contiguous run of the last axis each. */
function permuteJs(x: tf.Tensor, perm: [number, number, number, number]): tf.Tensor {
  const shape = x.shape as number[];
  const src = x.dataSync() as Float32Array;
  const outShape = perm.map((p) => shape[p]);
  const inner = shape[3];
  const strides = [shape[1] * shape[2] * inner, shape[2] * inner, inner, 1];
  const [s0, s1, s2] = [strides[perm[0]], strides[perm[1]], strides[perm[2]]];
  const out = new Float32Array(src.length);
  let o = 0;
  for (let a = 0; a < outShape[0]; a++)
    for (let b = 0; b < outShape[1]; b++)
      for (let c = 0; c < outShape[2]; c++) {
        const from = a * s0 + b * s1 + c * s2;
        for (let d = 0; d < inner; d++) out[o++] = src[from + d];
      }
  return tf.tensor(out, outShape);
}
