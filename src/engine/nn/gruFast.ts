import * as tf from '@tensorflow/tfjs';
import type { CellState } from './recurrent';
import type { SequenceResult } from './sequence';
import { recurrentProducts, type ProductKind, type RecurrentProducts } from './recurrentProducts';

/**
 * The GRU's training path, as lstmFast.ts is the LSTM's: the same function as
 * runSequenceProjected(gruCell, xp) with a hand-written backward pass through time, gates in
 * plain-JS loops and two plain products per step (W_h = [W_zr | W_hh], q x 2q and q x q).
 * Forward per step (gate order z, r, h~ as in tf.layers.gru, reset before the product):
 *   z = σ(xp_z + h W_hz),  r = σ(xp_r + h W_hr),  g = tanh(xp_h + (r ⊙ h) W_hh),  h' = z h + (1 − z) g
 * Backward (δh' from above plus from step t+1):
 *   δa_z = δh' (h − g) z (1 − z),  δa_h = δh' (1 − z)(1 − g²),  δ(r h) = δa_h W_hhᵀ,
 *   δa_r = δ(r h) h r (1 − r),  δh = δh' z + δ(r h) r + [δa_z, δa_r] W_zrᵀ,
 *   ∂L/∂W_zr = Σ_t hᵀ [δa_z, δa_r],  ∂L/∂W_hh = Σ_t (r h)ᵀ δa_h.
 * Reads tensors back with dataSync: cpu and wasm only (on a GPU backend use runSequenceProjected).
 * Checked against autodiff in tests/unit/gruFast.test.ts.
 */
export function gruScan(xp: tf.Tensor3D, recurrentKernel: tf.Tensor2D, initial?: CellState, options: { products?: ProductKind } = {}): SequenceResult {
  const [batch, steps, width] = xp.shape;
  const q = width / 3;
  const h0 = initial?.h ?? (tf.zeros([batch, q]) as tf.Tensor2D);
  const scan = tf.customGrad((...args) => {
    const [xpT, wh, h0T] = args as tf.Tensor[];
    (args[3] as unknown as (ts: tf.Tensor[]) => void)([wh]);
    const withProducts = <R>(w: tf.Tensor2D, run: (zr: RecurrentProducts, hh: RecurrentProducts) => R): R => {
      const [wzr, whh] = tf.split(w, [2 * q, q], 1) as tf.Tensor2D[];
      const zr = recurrentProducts(wzr, options.products);
      const hh = recurrentProducts(whh, options.products);
      try {
        return run(zr, hh);
      } finally {
        zr.dispose();
        hh.dispose();
        tf.dispose([wzr, whh]);
      }
    };
    const fwd = withProducts(wh as tf.Tensor2D, (zr, hh) => forward(xpT.dataSync() as Float32Array, zr, hh, h0T.dataSync() as Float32Array, batch, steps, q));
    return {
      value: tf.tensor3d(fwd.hs, [batch, steps, q]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => withProducts(saved[0] as tf.Tensor2D, (zr, hh) => backward(dy.dataSync() as Float32Array, fwd, zr, hh, batch, steps, q)),
    };
  });
  const outputs = scan(xp, recurrentKernel, h0) as tf.Tensor3D;
  const h = tf.reshape(tf.slice(outputs, [0, steps - 1, 0], [batch, 1, q]), [batch, q]) as tf.Tensor2D;
  if (!initial?.h) h0.dispose();
  return { outputs, final: { h } };
}

/** Plain arrays the backward pass needs (no tensors held). */
interface Saved {
  /** acts[t]: |B| x 3q post-activation z, r, g of step t. */
  acts: Float32Array[];
  /** h_{t−1} at row (b, t): |B|T x q. */
  hPrev: Float32Array;
  /** r_t ⊙ h_{t−1} at row (b, t): |B|T x q. */
  rhPrev: Float32Array;
  /** h_t at (b, t): |B| x T x q. */
  hs: Float32Array;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function forward(xp: Float32Array, zr: RecurrentProducts, hh: RecurrentProducts, h0: Float32Array, batch: number, steps: number, q: number): Saved {
  const w = 3 * q;
  const acts: Float32Array[] = [];
  const hPrev = new Float32Array(batch * steps * q);
  const rhPrev = new Float32Array(batch * steps * q);
  const hs = new Float32Array(batch * steps * q);
  let h: Float32Array = Float32Array.from(h0);
  for (let t = 0; t < steps; t++) {
    const rec = zr.forward(h, batch);
    const a = new Float32Array(batch * w);
    const rh = new Float32Array(batch * q);
    for (let b = 0; b < batch; b++) {
      const xo = (b * steps + t) * w;
      for (let k = 0; k < q; k++) {
        const z = sigmoid(xp[xo + k] + rec[b * 2 * q + k]);
        const r = sigmoid(xp[xo + q + k] + rec[b * 2 * q + q + k]);
        a[b * w + k] = z;
        a[b * w + q + k] = r;
        rh[b * q + k] = r * h[b * q + k];
      }
    }
    const cand = hh.forward(rh, batch);
    const hNext = new Float32Array(batch * q);
    for (let b = 0; b < batch; b++) {
      const xo = (b * steps + t) * w;
      for (let k = 0; k < q; k++) {
        const j = b * q + k;
        const g = Math.tanh(xp[xo + 2 * q + k] + cand[j]);
        const z = a[b * w + k];
        a[b * w + 2 * q + k] = g;
        const hk = z * h[j] + (1 - z) * g;
        hNext[j] = hk;
        const row = (b * steps + t) * q + k;
        hPrev[row] = h[j];
        rhPrev[row] = rh[j];
        hs[row] = hk;
      }
    }
    acts.push(a);
    h = hNext;
  }
  return { acts, hPrev, rhPrev, hs };
}

function backward(dy: Float32Array, s: Saved, zr: RecurrentProducts, hh: RecurrentProducts, batch: number, steps: number, q: number): tf.Tensor[] {
  const w = 3 * q;
  const dZ = new Float32Array(batch * steps * w);
  const dZR = new Float32Array(batch * steps * 2 * q);
  const dH = new Float32Array(batch * steps * q);
  let dhNext: Float32Array = new Float32Array(batch * q);
  for (let t = steps - 1; t >= 0; t--) {
    const a = s.acts[t];
    const dah = new Float32Array(batch * q);
    const dhTotal = new Float32Array(batch * q);
    for (let b = 0; b < batch; b++)
      for (let k = 0; k < q; k++) {
        const j = b * q + k;
        const z = a[b * w + k];
        const g = a[b * w + 2 * q + k];
        const dh = dy[(b * steps + t) * q + k] + dhNext[j];
        dhTotal[j] = dh;
        dah[j] = dh * (1 - z) * (1 - g * g);
      }
    const dRh = hh.backward(dah, batch);
    const dazr = new Float32Array(batch * 2 * q);
    for (let b = 0; b < batch; b++)
      for (let k = 0; k < q; k++) {
        const j = b * q + k;
        const row = (b * steps + t) * q + k;
        const z = a[b * w + k];
        const r = a[b * w + q + k];
        const g = a[b * w + 2 * q + k];
        const hp = s.hPrev[row];
        const daz = dhTotal[j] * (hp - g) * z * (1 - z);
        const dar = dRh[j] * hp * r * (1 - r);
        dazr[b * 2 * q + k] = daz;
        dazr[b * 2 * q + q + k] = dar;
        const zo = (b * steps + t) * w;
        dZ[zo + k] = daz;
        dZ[zo + q + k] = dar;
        dZ[zo + 2 * q + k] = dah[j];
        const ro = (b * steps + t) * 2 * q;
        dZR[ro + k] = daz;
        dZR[ro + q + k] = dar;
        dH[row] = dah[j];
      }
    const fromGates = zr.backward(dazr, batch);
    const next = new Float32Array(batch * q);
    for (let b = 0; b < batch; b++)
      for (let k = 0; k < q; k++) {
        const j = b * q + k;
        next[j] = dhTotal[j] * a[b * w + k] + dRh[j] * a[b * w + q + k] + fromGates[j];
      }
    dhNext = next;
  }
  const rows = batch * steps;
  const dWzr = zr.weightGrad(s.hPrev, dZR, rows);
  const dWhh = hh.weightGrad(s.rhPrev, dH, rows);
  const dWh = tf.concat([dWzr, dWhh], 1);
  tf.dispose([dWzr, dWhh]);
  return [tf.tensor3d(dZ, [batch, steps, w]), dWh, tf.tensor2d(dhNext, [batch, q])];
}
