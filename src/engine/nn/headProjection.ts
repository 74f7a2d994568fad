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
 * x [N, d] through L Dense layers (kernel W [d, h·d_k], bias b [h·d_k], columns grouped by head) →
 * [L·h, N, d_k], head i = x W_i + b_i. The bias rides in the matMul as an extra input column of ones (no
 * [H, 1, d_k] broadcast), and each layer's kernel is regrouped per head on its own, so that splitting the
 * gradient back into layers is along the first axis (a view on cpu).
 */
export function projectToHeads(x: tf.Tensor2D, layers: { kernel: tf.Tensor; bias: tf.Tensor }[], headsPerLayer: number): tf.Tensor3D {
  const [n, d] = x.shape;
  const h = headsPerLayer;
  const width = layers[0].kernel.shape[1] as number;
  const dk = width / h;
  const f = tf.customGrad((...args) => {
    const save = args[args.length - 1] as unknown as tf.GradSaveFunc;
    const xi = args[0] as tf.Tensor2D;
    const perHead = (w: tf.Tensor, rows: number) => tf.transpose(tf.reshape(w, [rows, h, dk]), [1, 0, 2]); // [h, rows, d_k]
    const wa = tf.concat(layers.map((_, l) => perHead(tf.concat([args[1 + 2 * l] as tf.Tensor, tf.reshape(args[2 + 2 * l] as tf.Tensor, [1, width])], 0), d + 1)), 0);
    const ws = tf.concat(layers.map((_, l) => perHead(args[1 + 2 * l] as tf.Tensor, d)), 0); // without the bias rows
    const xa = tf.concat([xi, tf.ones([n, 1])], 1); // [N, d + 1]
    save([xa, ws]);
    return {
      value: tf.matMul(tf.reshape(xa, [1, n, d + 1]), wa),
      gradFunc: (dy: tf.Tensor, [xas, wss]: tf.Tensor[]) => {
        const dx = sumLeading(tf.matMul(dy, wss, false, true)); // Σ_i dy_i W_iᵀ
        const dwa = tf.split(tf.matMul(tf.reshape(xas, [1, n, d + 1]), dy, true, false), layers.length, 0); // xaᵀ dy_i
        const grads: tf.Tensor[] = [dx];
        for (const g of dwa) {
          const full = tf.reshape(tf.transpose(g, [1, 0, 2]), [d + 1, width]); // back to [d + 1, h·d_k]; the last row is db
          grads.push(tf.slice(full, [0, 0], [d, width]), tf.reshape(tf.slice(full, [d, 0], [1, width]), [width]));
        }
        return grads;
      },
    };
  });
  return f(x, ...layers.flatMap((l) => [l.kernel, l.bias])) as tf.Tensor3D;
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
