import * as tf from '@tensorflow/tfjs';
import type { CellState, LstmCell } from './recurrent';
import type { SequenceResult } from './sequence';
import { recurrentProducts, type ProductKind, type RecurrentProducts } from './recurrentProducts';

/**
 * The LSTM's training path: the same function as runSequence(lstmCell, x) with a hand-written
 * backward pass through time. Autodiff over T steps records ~15 small ops per step and replays
 * ~35 more backwards; on the cpu and wasm backends each op costs more to launch than its
 * arithmetic (|B| x 4q numbers), so the gates here are plain-JS loops over Float32Arrays and the
 * products per step are h_{t−1} W_h forward and δz_t W_hᵀ backward, then ∂L/∂W_h = Σ_t h_{t−1}ᵀ δz_t
 * as one product over all |B|T rows at the end (see recurrentProducts.ts for who multiplies).
 * Forward per step (gate order i, f, c~, o as in tf.layers.lstm):
 *   z_t = xp_t + h_{t−1} W_h,  i, f, o = σ(z),  c~ = tanh(z),  c_t = f c_{t−1} + i c~,  h_t = o tanh(c_t)
 * Backward (δ = ∂L/∂·, with δh_t = ∂L/∂h_t from above plus δz_{t+1} W_hᵀ):
 *   δc_t = δc_{t+1} f_{t+1} + δh_t o (1 − tanh² c_t),   δo = δh_t tanh c_t,  δi = δc_t c~,
 *   δf = δc_t c_{t−1},  δc~ = δc_t i,  then δz = δgate × the gate's derivative.
 * Reads tensors back with dataSync, so it is for the cpu and wasm backends (where that is a copy);
 * on a GPU backend use runSequence. Checked against runSequence in tests/unit/lstmFast.test.ts.
 */
export function runLstmFast(cell: LstmCell, x: tf.Tensor3D, initial?: CellState, options: { products?: ProductKind } = {}): SequenceResult {
  const [batch, steps, d] = x.shape;
  if (d !== cell.inputs) throw new Error(`the sequence has ${d} features per step; the cell expects ${cell.inputs}`);
  const q = cell.units;
  const xp = tf.reshape(cell.project(tf.reshape(x, [batch * steps, d]) as tf.Tensor2D), [batch, steps, 4 * q]) as tf.Tensor3D;
  return lstmScan(xp, cell.recurrentKernel as tf.Tensor2D, initial, options);
}

/**
 * The recurrence alone, from projected inputs xp = x W_x + b (|B| x T x 4q): outputs h_1 … h_T,
 * differentiable in xp, W_h and the initial state. The final c_T comes back as a plain tensor
 * (carried into the next window, not differentiated).
 */
export function lstmScan(xp: tf.Tensor3D, recurrentKernel: tf.Tensor2D, initial?: CellState, options: { products?: ProductKind } = {}): SequenceResult {
  const [batch, steps, width] = xp.shape;
  const q = width / 4;
  const h0 = initial?.h ?? (tf.zeros([batch, q]) as tf.Tensor2D);
  const c0 = initial?.c ?? (tf.zeros([batch, q]) as tf.Tensor2D);
  let cFinal: Float32Array | null = null;
  const scan = tf.customGrad((...args) => {
    const [xpT, wh, h0T, c0T] = args as tf.Tensor[];
    // W_h is saved (kept by the engine), in case it is an intermediate freed before backprop runs.
    (args[4] as unknown as (ts: tf.Tensor[]) => void)([wh]);
    // Each pass makes its own multiplier and frees it at once: a forward pass without a backward
    // one (a held-out loss) holds nothing afterwards.
    const withProducts = <R>(w: tf.Tensor2D, run: (p: RecurrentProducts) => R): R => {
      const products = recurrentProducts(w, options.products);
      try {
        return run(products);
      } finally {
        products.dispose();
      }
    };
    const fwd = withProducts(wh as tf.Tensor2D, (p) => forward(xpT.dataSync() as Float32Array, p, h0T.dataSync() as Float32Array, c0T.dataSync() as Float32Array, batch, steps, q));
    cFinal = fwd.cs[steps];
    return {
      value: tf.tensor3d(fwd.hs, [batch, steps, q]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => withProducts(saved[0] as tf.Tensor2D, (p) => backward(dy.dataSync() as Float32Array, fwd, p, batch, steps, q)),
    };
  });
  const outputs = scan(xp, recurrentKernel, h0, c0) as tf.Tensor3D;
  const h = tf.reshape(tf.slice(outputs, [0, steps - 1, 0], [batch, 1, q]), [batch, q]) as tf.Tensor2D;
  const c = tf.tensor2d(cFinal!, [batch, q]);
  if (!initial?.h) h0.dispose();
  if (!initial?.c) c0.dispose();
  return { outputs, final: { h, c } };
}

/** What the backward pass needs from the forward one (all plain arrays, no tensors held). */
interface Saved {
  /** acts[t]: |B| x 4q post-activation gates i, f, c~, o of step t. */
  acts: Float32Array[];
  /** cs[t]: c_t for t = 0 … T (cs[0] = c_0). */
  cs: Float32Array[];
  /** tanh(c_t) for t = 1 … T (index t − 1). */
  tanhC: Float32Array[];
  /** h_{t−1} at row (b, t): |B|T x q, the left factor of ∂L/∂W_h. */
  hPrev: Float32Array;
  /** h_t at (b, t): |B| x T x q. */
  hs: Float32Array;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

function forward(xp: Float32Array, products: RecurrentProducts, h0: Float32Array, c0: Float32Array, batch: number, steps: number, q: number): Saved {
  const w = 4 * q;
  const acts: Float32Array[] = [];
  const cs: Float32Array[] = [Float32Array.from(c0)];
  const tanhC: Float32Array[] = [];
  const hPrev = new Float32Array(batch * steps * q);
  const hs = new Float32Array(batch * steps * q);
  let h: Float32Array = Float32Array.from(h0);
  for (let t = 0; t < steps; t++) {
    const rec = products.forward(h, batch);
    const a = new Float32Array(batch * w);
    const cPrev = cs[t];
    const c = new Float32Array(batch * q);
    const tc = new Float32Array(batch * q);
    const hNext = new Float32Array(batch * q);
    for (let b = 0; b < batch; b++) {
      const xo = (b * steps + t) * w;
      const ro = b * w;
      for (let k = 0; k < q; k++) {
        const i = sigmoid(xp[xo + k] + rec[ro + k]);
        const f = sigmoid(xp[xo + q + k] + rec[ro + q + k]);
        const g = Math.tanh(xp[xo + 2 * q + k] + rec[ro + 2 * q + k]);
        const o = sigmoid(xp[xo + 3 * q + k] + rec[ro + 3 * q + k]);
        a[ro + k] = i;
        a[ro + q + k] = f;
        a[ro + 2 * q + k] = g;
        a[ro + 3 * q + k] = o;
        const ck = f * cPrev[b * q + k] + i * g;
        const tk = Math.tanh(ck);
        c[b * q + k] = ck;
        tc[b * q + k] = tk;
        const hk = o * tk;
        hNext[b * q + k] = hk;
        hPrev[(b * steps + t) * q + k] = h[b * q + k];
        hs[(b * steps + t) * q + k] = hk;
      }
    }
    acts.push(a);
    cs.push(c);
    tanhC.push(tc);
    h = hNext;
  }
  return { acts, cs, tanhC, hPrev, hs };
}

function backward(dy: Float32Array, s: Saved, products: RecurrentProducts, batch: number, steps: number, q: number): tf.Tensor[] {
  const w = 4 * q;
  const dZ = new Float32Array(batch * steps * w);
  let dhNext: Float32Array = new Float32Array(batch * q);
  const dc = new Float32Array(batch * q);
  for (let t = steps - 1; t >= 0; t--) {
    const a = s.acts[t];
    const cPrev = s.cs[t];
    const tc = s.tanhC[t];
    const dz = new Float32Array(batch * w);
    for (let b = 0; b < batch; b++) {
      const ro = b * w;
      const zo = (b * steps + t) * w;
      for (let k = 0; k < q; k++) {
        const j = b * q + k;
        const i = a[ro + k];
        const f = a[ro + q + k];
        const g = a[ro + 2 * q + k];
        const o = a[ro + 3 * q + k];
        const dh = dy[(b * steps + t) * q + k] + dhNext[j];
        const tk = tc[j];
        const dck = dc[j] + dh * o * (1 - tk * tk);
        const di = dck * g * i * (1 - i);
        const df = dck * cPrev[j] * f * (1 - f);
        const dg = dck * i * (1 - g * g);
        const dO = dh * tk * o * (1 - o);
        dz[ro + k] = di;
        dz[ro + q + k] = df;
        dz[ro + 2 * q + k] = dg;
        dz[ro + 3 * q + k] = dO;
        dZ[zo + k] = di;
        dZ[zo + q + k] = df;
        dZ[zo + 2 * q + k] = dg;
        dZ[zo + 3 * q + k] = dO;
        dc[j] = dck * f;
      }
    }
    dhNext = products.backward(dz, batch);
  }
  const dWh = products.weightGrad(s.hPrev, dZ, batch * steps);
  return [tf.tensor3d(dZ, [batch, steps, w]), dWh, tf.tensor2d(dhNext, [batch, q]), tf.tensor2d(dc, [batch, q])];
}
