import * as tf from '@tensorflow/tfjs';
import { rowsTimes, transposeJs } from './plainProducts';

/**
 * The three matrix products of an LSTM's pass through time, for W_h (q x 4q):
 *   forward  r = h W_h          (|B| x q → |B| x 4q, once per step)
 *   backward δh = δz W_hᵀ       (|B| x 4q → |B| x q, once per step)
 *   weights  ∂L/∂W_h = Hᵀ δZ    (H: |B|T x q of h_{t−1}, δZ: |B|T x 4q, once per sequence)
 * Who multiplies depends on the backend (measured 2026-12-02, Node 20, tfjs 4.22): tfjs-cpu's
 * matMul walks the right factor down its columns, so plain-JS loops over contiguous rows are about
 * 3x faster there. On wasm only a plain matMul(a, b) reaches XNNPACK: with transposeA or transposeB
 * tfjs-wasm falls back to a naive loop 10-20x slower (2.1M multiply-adds: ~1 ms plain, ~15 ms with
 * transposeB), and autodiff's matMul gradient uses exactly those flags. So every product here is
 * plain: W_hᵀ is made once per pass and Hᵀ is laid out in JS.
 */
export interface RecurrentProducts {
  forward(h: Float32Array, batch: number): Float32Array;
  backward(dz: Float32Array, batch: number): Float32Array;
  weightGrad(hPrev: Float32Array, dZ: Float32Array, rows: number): tf.Tensor2D;
  dispose(): void;
}

/** Who multiplies: 'auto' picks plain JS on the cpu backend and tfjs elsewhere. */
export type ProductKind = 'auto' | 'js' | 'tfjs';

/** The fastest products for the current backend (or the kind asked for). */
export function recurrentProducts(wh: tf.Tensor2D, kind: ProductKind = 'auto'): RecurrentProducts {
  const useJs = kind === 'js' || (kind === 'auto' && tf.getBackend() === 'cpu');
  return useJs ? jsProducts(wh) : tfjsProducts(wh);
}

function jsProducts(wh: tf.Tensor2D): RecurrentProducts {
  const [q, w] = wh.shape;
  const W = wh.dataSync() as Float32Array;
  return {
    forward: (h, batch) => rowsTimes(h, batch, q, W, w),
    backward(dz, batch) {
      // δh[b, k] = row b of δz · row k of W_h (two contiguous rows), four rows of δz per pass over W_h's row.
      const out = new Float32Array(batch * q);
      let b = 0;
      for (; b + 4 <= batch; b += 4) {
        const [z0, z1, z2, z3] = [b * w, (b + 1) * w, (b + 2) * w, (b + 3) * w];
        for (let k = 0; k < q; k++) {
          const r = k * w;
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let j = 0; j < w; j++) {
            const x = W[r + j];
            s0 += dz[z0 + j] * x;
            s1 += dz[z1 + j] * x;
            s2 += dz[z2 + j] * x;
            s3 += dz[z3 + j] * x;
          }
          out[b * q + k] = s0;
          out[(b + 1) * q + k] = s1;
          out[(b + 2) * q + k] = s2;
          out[(b + 3) * q + k] = s3;
        }
      }
      for (; b < batch; b++)
        for (let k = 0; k < q; k++) {
          let s0 = 0;
          for (let j = 0; j < w; j++) s0 += dz[b * w + j] * W[k * w + j];
          out[b * q + k] = s0;
        }
      return out;
    },
    weightGrad(hPrev, dZ, rows) {
      // Hᵀ δZ: transpose H in JS, then the same row-times-matrix loop (q rows of Hᵀ times δZ).
      return tf.tensor2d(rowsTimes(transposeJs(hPrev, rows, q), q, rows, dZ, w), [q, w]);
    },
    dispose() {},
  };
}

function tfjsProducts(wh: tf.Tensor2D): RecurrentProducts {
  const [q, w] = wh.shape;
  // W_hᵀ once per pass, so that δz W_hᵀ is a plain product too (see the header).
  const whT = tf.transpose(wh) as tf.Tensor2D;
  const product = (a: Float32Array, shape: [number, number], right: tf.Tensor2D) => {
    const at = tf.tensor2d(a, shape);
    const r = tf.matMul(at, right);
    const out = r.dataSync() as Float32Array;
    tf.dispose([at, r]);
    return out;
  };
  return {
    forward: (h, batch) => product(h, [batch, q], wh),
    backward: (dz, batch) => product(dz, [batch, w], whT),
    weightGrad(hPrev, dZ, rows) {
      // Hᵀ δZ with Hᵀ laid out in JS: a plain product again.
      const hT = transposeJs(hPrev, rows, q);
      return tf.tidy(() => tf.matMul(tf.tensor2d(hT, [q, rows]), tf.tensor2d(dZ, [rows, w])) as tf.Tensor2D);
    },
    dispose: () => whT.dispose(),
  };
}
