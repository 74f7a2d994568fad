import * as tf from '@tensorflow/tfjs';

/**
 * The three matrix products of an LSTM's pass through time, for W_h (q x 4q):
 *   forward  r = h W_h          (|B| x q → |B| x 4q, once per step)
 *   backward δh = δz W_hᵀ       (|B| x 4q → |B| x q, once per step)
 *   weights  ∂L/∂W_h = Hᵀ δZ    (H: |B|T x q of h_{t−1}, δZ: |B|T x 4q, once per sequence)
 * Who multiplies depends on the backend, measured in bench/seqLstm.ts: tfjs-cpu's matMul walks
 * the right factor down its columns, so plain-JS loops over contiguous rows are faster there; on
 * wasm, XNNPACK is fastest when the right factor comes transposed (matMul(a, b, false, true)), so
 * both per-step products are written that way, with W_hᵀ made once per pass.
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
    forward(h, batch) {
      // i-k-j order: the inner loop runs along a row of W_h and a row of the result.
      const out = new Float32Array(batch * w);
      for (let b = 0; b < batch; b++) {
        const o = b * w;
        for (let k = 0; k < q; k++) {
          const a = h[b * q + k];
          if (a === 0) continue;
          const r = k * w;
          for (let j = 0; j < w; j++) out[o + j] += a * W[r + j];
        }
      }
      return out;
    },
    backward(dz, batch) {
      // δh[b, k] = row b of δz · row k of W_h: two contiguous rows.
      const out = new Float32Array(batch * q);
      for (let b = 0; b < batch; b++) {
        const zb = b * w;
        for (let k = 0; k < q; k++) {
          const r = k * w;
          let s = 0;
          for (let j = 0; j < w; j++) s += dz[zb + j] * W[r + j];
          out[b * q + k] = s;
        }
      }
      return out;
    },
    weightGrad(hPrev, dZ, rows) {
      const g = new Float32Array(q * w);
      for (let n = 0; n < rows; n++) {
        const z = n * w;
        for (let k = 0; k < q; k++) {
          const a = hPrev[n * q + k];
          if (a === 0) continue;
          const r = k * w;
          for (let j = 0; j < w; j++) g[r + j] += a * dZ[z + j];
        }
      }
      return tf.tensor2d(g, [q, w]);
    },
    dispose() {},
  };
}

function tfjsProducts(wh: tf.Tensor2D): RecurrentProducts {
  const [q, w] = wh.shape;
  const whT = tf.transpose(wh) as tf.Tensor2D;
  const product = (a: Float32Array, shape: [number, number], right: tf.Tensor2D) => {
    const at = tf.tensor2d(a, shape);
    const r = tf.matMul(at, right, false, true);
    const out = r.dataSync() as Float32Array;
    tf.dispose([at, r]);
    return out;
  };
  return {
    forward: (h, batch) => product(h, [batch, q], whT),
    backward: (dz, batch) => product(dz, [batch, w], wh),
    weightGrad(hPrev, dZ, rows) {
      // Hᵀ δZ = (Hᵀ)(δZᵀ)ᵀ: both transposed in JS, so the product takes the fast path.
      const hT = transposeJs(hPrev, rows, q);
      const zT = transposeJs(dZ, rows, w);
      return tf.tidy(() => tf.matMul(tf.tensor2d(hT, [q, rows]), tf.tensor2d(zT, [w, rows]), false, true) as tf.Tensor2D);
    },
    dispose: () => whT.dispose(),
  };
}

function transposeJs(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}
