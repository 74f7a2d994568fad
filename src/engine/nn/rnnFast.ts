import * as tf from '@tensorflow/tfjs';
import type { CellState, SimpleRnnCell } from './recurrent';
import type { SequenceResult } from './sequence';
import { recurrentProducts, type ProductKind, type RecurrentProducts } from './recurrentProducts';

/**
 * The SimpleRNN's training path, lstmFast.ts's approach for the one-gate cell: the same function as
 * runSequence(rnnCell, x) with a hand-written backward pass through time inside one tf.customGrad,
 * so that T steps cost two products each and a loop over |B| x q numbers instead of ~5 small ops
 * forward and ~12 backward per step.
 *   forward  h_t = tanh(xp_t + h_{t−1} W_h)
 *   backward δz_t = (∂L/∂h_t + δz_{t+1} W_hᵀ) (1 − h_t²),  ∂L/∂W_h = Σ_t h_{t−1}ᵀ δz_t (one product)
 * Reads tensors back with dataSync: for the cpu and wasm backends. Checked against runSequence in
 * tests/unit/rnnFast.test.ts.
 */
export function runRnnFast(cell: SimpleRnnCell, x: tf.Tensor3D, initial?: CellState, options: { products?: ProductKind } = {}): SequenceResult {
  const [batch, steps, d] = x.shape;
  if (d !== cell.inputs) throw new Error(`the sequence has ${d} features per step; the cell expects ${cell.inputs}`);
  const q = cell.units;
  const xp = tf.reshape(cell.project(tf.reshape(x, [batch * steps, d]) as tf.Tensor2D), [batch, steps, q]) as tf.Tensor3D;
  return rnnScan(xp, cell.recurrentKernel as tf.Tensor2D, initial, options);
}

/** The recurrence alone, from xp = x W_x + b (|B| x T x q): h_1 … h_T, differentiable in xp, W_h and h_0. */
export function rnnScan(xp: tf.Tensor3D, recurrentKernel: tf.Tensor2D, initial?: CellState, options: { products?: ProductKind } = {}): SequenceResult {
  const [batch, steps, q] = xp.shape;
  const h0 = initial?.h ?? (tf.zeros([batch, q]) as tf.Tensor2D);
  const scan = tf.customGrad((...args) => {
    const [xpT, wh, h0T] = args as tf.Tensor[];
    (args[3] as unknown as (ts: tf.Tensor[]) => void)([wh]);
    const withProducts = <R>(w: tf.Tensor2D, run: (p: RecurrentProducts) => R): R => {
      const products = recurrentProducts(w, options.products);
      try {
        return run(products);
      } finally {
        products.dispose();
      }
    };
    const fwd = withProducts(wh as tf.Tensor2D, (p) => forward(xpT.dataSync() as Float32Array, p, h0T.dataSync() as Float32Array, batch, steps, q));
    return {
      value: tf.tensor3d(fwd.hs, [batch, steps, q]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => withProducts(saved[0] as tf.Tensor2D, (p) => backward(dy.dataSync() as Float32Array, fwd, p, batch, steps, q)),
    };
  });
  const outputs = scan(xp, recurrentKernel, h0) as tf.Tensor3D;
  const h = tf.reshape(tf.slice(outputs, [0, steps - 1, 0], [batch, 1, q]), [batch, q]) as tf.Tensor2D;
  if (!initial?.h) h0.dispose();
  return { outputs, final: { h } };
}

interface Saved {
  /** h_{t−1} at row (b, t): |B|T x q, the left factor of ∂L/∂W_h. */
  hPrev: Float32Array;
  /** h_t at (b, t): |B| x T x q. */
  hs: Float32Array;
}

function forward(xp: Float32Array, products: RecurrentProducts, h0: Float32Array, batch: number, steps: number, q: number): Saved {
  const hPrev = new Float32Array(batch * steps * q);
  const hs = new Float32Array(batch * steps * q);
  let h: Float32Array = Float32Array.from(h0);
  for (let t = 0; t < steps; t++) {
    const rec = products.forward(h, batch);
    const next = new Float32Array(batch * q);
    for (let b = 0; b < batch; b++) {
      const o = (b * steps + t) * q;
      for (let k = 0; k < q; k++) {
        const hk = Math.tanh(xp[o + k] + rec[b * q + k]);
        next[b * q + k] = hk;
        hPrev[o + k] = h[b * q + k];
        hs[o + k] = hk;
      }
    }
    h = next;
  }
  return { hPrev, hs };
}

function backward(dy: Float32Array, s: Saved, products: RecurrentProducts, batch: number, steps: number, q: number): tf.Tensor[] {
  const dZ = new Float32Array(batch * steps * q);
  let dhNext: Float32Array = new Float32Array(batch * q);
  for (let t = steps - 1; t >= 0; t--) {
    const dz = new Float32Array(batch * q);
    for (let b = 0; b < batch; b++) {
      const o = (b * steps + t) * q;
      for (let k = 0; k < q; k++) {
        const hk = s.hs[o + k];
        const g = (dy[o + k] + dhNext[b * q + k]) * (1 - hk * hk);
        dz[b * q + k] = g;
        dZ[o + k] = g;
      }
    }
    dhNext = products.backward(dz, batch);
  }
  const dWh = products.weightGrad(s.hPrev, dZ, batch * steps);
  return [tf.tensor3d(dZ, [batch, steps, q]), dWh, tf.tensor2d(dhNext, [batch, q])];
}
