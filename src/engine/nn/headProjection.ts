import * as tf from '@tensorflow/tfjs';
import { sumRows } from './rowwise';

/**
 * Projections into and out of attention heads with the heads on the leading axis, by batched matMuls
 * that broadcast the shared operand, so that no activation is ever transposed. For tfjs's cpu backend,
 * whose transpose and strided slices visit one element at a time (wasm, whose batched matMul is its slow
 * one, transposes instead: see attention.ts). Both have their backward written out.
 */

/** Σ over the leading axis of y [H, ...rest] → rest, as ones[1, H] · y (a matMul, no transpose). */
function sumLeading(y: tf.Tensor): tf.Tensor {
  const [h, ...rest] = y.shape;
  const flat = tf.matMul(tf.ones([1, h]) as tf.Tensor2D, tf.reshape(y, [h, -1]) as tf.Tensor2D);
  return tf.reshape(flat, rest);
}

/**
 * x [N, d] and W [d, H·d_k], b [H·d_k] (columns grouped by head) → [H, N, d_k], head i = x W_i + b_i.
 * The bias rides in the matMul as an extra input column of ones, so no [H, 1, d_k] broadcast is needed.
 */
export function projectToHeads(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor, heads: number): tf.Tensor3D {
  const [n, d] = x.shape;
  const dk = (w.shape[1] as number) / heads;
  const f = tf.customGrad((...args) => {
    const [xi, wi, bi] = args as tf.Tensor[];
    const save = args[3] as unknown as tf.GradSaveFunc;
    const xa = tf.concat([xi, tf.ones([n, 1])], 1); // [N, d + 1]
    const wa = tf.transpose(tf.reshape(tf.concat([wi, tf.reshape(bi, [1, -1])], 0), [d + 1, heads, dk]), [1, 0, 2]); // [H, d + 1, d_k]
    save([xa, tf.slice(wa, [0, 0, 0], [heads, d, dk])]); // the kernels without their bias row, [H, d, d_k]
    return {
      value: tf.matMul(tf.reshape(xa, [1, n, d + 1]), wa),
      gradFunc: (dy: tf.Tensor, [xas, ws]: tf.Tensor[]) => {
        // dWa_i = xaᵀ dy_i, back to [d + 1, H·d_k]; its last row is db.
        const dwa = tf.reshape(tf.transpose(tf.matMul(tf.reshape(xas, [1, n, d + 1]), dy, true, false), [1, 0, 2]), [d + 1, heads * dk]);
        // dx = Σ_i dy_i W_iᵀ.
        const dx = sumLeading(tf.matMul(dy, ws, false, true));
        return [dx, tf.slice(dwa, [0, 0], [d, heads * dk]), tf.reshape(tf.slice(dwa, [d, 0], [1, heads * dk]), [heads * dk])];
      },
    };
  });
  return f(x, w, b) as tf.Tensor3D;
}

/** heads [H, N, d_k] side by side through W_o [H·d_k, d] plus b: Σ_i head_i W_o[i] + b → [N, d]. */
export function mergeHeads(heads: tf.Tensor3D, w: tf.Tensor, b: tf.Tensor | null): tf.Tensor2D {
  const [h, n, dk] = heads.shape;
  const d = w.shape[1] as number;
  const f = tf.customGrad((...args) => {
    const [hi, wi] = args as tf.Tensor[];
    const save = args[b ? 3 : 2] as unknown as tf.GradSaveFunc;
    const wh = tf.reshape(wi, [h, dk, d]); // rows of W_o grouped by head: a view
    save([hi, wh]);
    let y = sumLeading(tf.matMul(hi, wh)) as tf.Tensor2D;
    if (b) y = tf.add(y, args[2] as tf.Tensor);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, [hs, whs]: tf.Tensor[]) => {
        const dy3 = tf.reshape(dy, [1, n, d]);
        const grads = [tf.matMul(dy3, whs, false, true), tf.reshape(tf.matMul(hs, dy3, true, false), [h * dk, d])];
        if (b) grads.push(sumRows(dy as tf.Tensor2D));
        return grads;
      },
    };
  });
  return (b ? f(heads, w, b) : f(heads, w)) as tf.Tensor2D;
}
