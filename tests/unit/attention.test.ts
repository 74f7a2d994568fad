/**
 * Attention against direct loops: scaled dot-product attention (both the autodiff and the written-out
 * backward), multi-head attention against per-head loops concatenated, masks that block the future and
 * the padding, a fully masked row without NaN, gradients against finite differences.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { attentionCore, causalMask, MASK_VALUE, MultiHeadAttention, paddingMask, scaledDotProductAttention } from '../../src/engine/nn/attention';
import { ParamStore } from '../../src/engine/nn/params';
import { ConfigError } from '../../src/engine/model';
import { createRng } from '../../src/engine/rng';
import { addRow, attentionLoop, cols, flat, matMul, maxDiff, randMat, type Mat } from './support/attentionRef';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const T = 5;
const D = 4;

function causalRef(t: number): Mat {
  return Array.from({ length: t }, (_, i) => Array.from({ length: t }, (_, j) => (j > i ? MASK_VALUE : 0)));
}

describe('scaled dot-product attention', () => {
  const q = randMat(T, D, 1);
  const k = randMat(T + 1, D, 2);
  const v = randMat(T + 1, 3, 3);
  const mask = randMat(T, T + 1, 4).map((r) => r.map((x) => (x > 1 ? -Infinity : 0)));

  it('matches the triple loop to 1e-5, with and without a mask, by both routes', () => {
    for (const m of [undefined, mask]) {
      const ref = attentionLoop(q, k, v, m);
      const mt = m ? tf.tensor2d(m) : undefined;
      const a = scaledDotProductAttention(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v), mt);
      expect(maxDiff(a.output.dataSync(), flat(ref.out))).toBeLessThan(1e-5);
      expect(maxDiff(a.weights.dataSync(), flat(ref.weights))).toBeLessThan(1e-5);
      const c = attentionCore(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v), mt);
      expect(maxDiff(c.dataSync(), flat(ref.out))).toBeLessThan(1e-5);
    }
  });

  it('a fully masked row gives finite (uniform) weights, never NaN, even with −∞', () => {
    const m = Array.from({ length: T }, (_, i) => Array.from({ length: T + 1 }, () => (i === 2 ? -Infinity : 0)));
    const a = scaledDotProductAttention(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v), tf.tensor2d(m));
    const w = a.weights.arraySync() as number[][];
    expect(w.flat().every(Number.isFinite)).toBe(true);
    for (const x of w[2]) expect(x).toBeCloseTo(1 / (T + 1), 6);
    const c = attentionCore(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v), tf.tensor2d(m));
    expect(Array.from(c.dataSync()).every(Number.isFinite)).toBe(true);
  });

  it('the written-out backward matches autodiff and finite differences of the loop', () => {
    const [tq, tk, tv] = [q, k, v].map((m) => tf.tensor2d(m));
    const w = tf.tensor2d(randMat(T, 3, 9)); // a fixed projection of the output, so the loss is not symmetric
    const mt = tf.tensor2d(causalRef(T + 1).slice(0, T));
    const lossOf = (route: typeof attentionCore) => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(route(a, b, c, mt), w));
    const fast = tf.grads(lossOf(attentionCore))([tq, tk, tv]);
    const auto = tf.grads(lossOf((a, b, c, m) => scaledDotProductAttention(a, b, c, m).output))([tq, tk, tv]);
    fast.forEach((g, i) => expect(maxDiff(g.dataSync(), auto[i].dataSync())).toBeLessThan(1e-5));
    // Central differences on the float64 loop, one input entry at a time.
    const wm = w.arraySync() as Mat;
    const mm = mt.arraySync() as Mat;
    const loopLoss = (qq: Mat, kk: Mat, vv: Mat) => flat(attentionLoop(qq, kk, vv, mm).out).reduce((s, x, i) => s + x * flat(wm)[i], 0);
    const inputs = [q, k, v];
    inputs.forEach((m, which) => {
      const g = fast[which].arraySync() as Mat;
      for (let r = 0; r < m.length; r++)
        for (let c = 0; c < m[0].length; c++) {
          const h = 1e-5;
          const plus = inputs.map((x) => x.map((row) => [...row]));
          const minus = inputs.map((x) => x.map((row) => [...row]));
          plus[which][r][c] += h;
          minus[which][r][c] -= h;
          const fd = (loopLoss(plus[0], plus[1], plus[2]) - loopLoss(minus[0], minus[1], minus[2])) / (2 * h);
          expect(Math.abs(fd - g[r][c])).toBeLessThan(1e-4);
        }
    });
  });
});

/** The MHA's weights as plain matrices. */
function weightsOf(mha: MultiHeadAttention) {
  const m = (v: tf.Tensor) => v.arraySync() as Mat;
  const b = (v: tf.Tensor | null) => (v ? (v.arraySync() as number[]) : []);
  return {
    wq: m(mha.query.kernel), bq: b(mha.query.bias), wk: m(mha.key.kernel), bk: b(mha.key.bias),
    wv: m(mha.value.kernel), bv: b(mha.value.bias), wo: m(mha.output.kernel), bo: b(mha.output.bias),
  };
}

/** Multi-head attention by loops: each head on its own slice of the projections, outputs side by side, W_o. */
function mhaLoop(mha: MultiHeadAttention, x: Mat, mem: Mat, mask?: Mat): { out: Mat; weights: Mat[] } {
  const w = weightsOf(mha);
  const dk = mha.headDim;
  const q = addRow(matMul(x, w.wq), w.bq);
  const k = addRow(matMul(mem, w.wk), w.bk);
  const v = addRow(matMul(mem, w.wv), w.bv);
  const heads = Array.from({ length: mha.heads }, (_, h) => attentionLoop(cols(q, h * dk, dk), cols(k, h * dk, dk), cols(v, h * dk, dk), mask));
  const concat = x.map((_, i) => heads.flatMap((hd) => hd.out[i]));
  return { out: addRow(matMul(concat, w.wo), w.bo), weights: heads.map((hd) => hd.weights) };
}

/** Gives the biases non-zero values, so that the test sees them. */
function randomiseBiases(mha: MultiHeadAttention, seed: number): void {
  [mha.query, mha.key, mha.value, mha.output].forEach((l, i) => l.bias!.assign(tf.tensor1d(randMat(1, l.units, seed + i)[0])));
}

describe('multi-head attention', () => {
  const d = 8;
  const heads = 2;

  it('self-attention equals per-head loops concatenated, for every sequence of the batch, with the causal mask', () => {
    const store = new ParamStore(createRng(3));
    const mha = new MultiHeadAttention(store, d, heads);
    randomiseBiases(mha, 10);
    const xs = [randMat(T, d, 21), randMat(T, d, 22)];
    const r = mha.apply(tf.tensor3d(xs), undefined, { causal: true, returnWeights: true });
    const fast = mha.apply(tf.tensor3d(xs), undefined, { causal: true });
    const refs = xs.map((x) => mhaLoop(mha, x, x, causalRef(T)));
    expect(maxDiff(r.output.dataSync(), flat(refs.map((x) => x.out)))).toBeLessThan(1e-5);
    expect(maxDiff(fast.output.dataSync(), flat(refs.map((x) => x.out)))).toBeLessThan(1e-5);
    expect(r.weights!.shape).toEqual([2, heads, T, T]);
    expect(maxDiff(r.weights!.dataSync(), refs.flatMap((x) => x.weights.flatMap((w) => w.flat())))).toBeLessThan(1e-5);
    store.dispose();
  });

  it('cross-attention equals the loops with keys and values from the memory, and padded keys get zero weight', () => {
    const store = new ParamStore(createRng(4));
    const mha = new MultiHeadAttention(store, d, heads);
    randomiseBiases(mha, 30);
    const x = randMat(T, d, 41);
    const mem = randMat(7, d, 42);
    const valid = [[1, 1, 1, 1, 0, 0, 0]];
    const r = mha.apply(tf.tensor3d([x]), tf.tensor3d([mem]), { keyValid: tf.tensor2d(valid), returnWeights: true });
    const ref = mhaLoop(mha, x, mem, x.map(() => valid[0].map((ok) => (ok ? 0 : MASK_VALUE))));
    expect(maxDiff(r.output.dataSync(), flat(ref.out))).toBeLessThan(1e-5);
    const w = r.weights!.arraySync() as number[][][][];
    for (const head of w[0]) for (const row of head) {
      expect(row.slice(4).every((x) => x === 0)).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    store.dispose();
  });

  it('the causal mask blocks the future: changing a later token leaves earlier outputs unchanged', () => {
    const store = new ParamStore(createRng(5));
    const mha = new MultiHeadAttention(store, d, heads);
    const x = randMat(T, d, 51);
    const changed = x.map((r, i) => (i === 3 ? r.map((v) => v + 5) : r));
    const a = mha.apply(tf.tensor3d([x]), undefined, { causal: true }).output.arraySync() as number[][][];
    const b = mha.apply(tf.tensor3d([changed]), undefined, { causal: true }).output.arraySync() as number[][][];
    for (let i = 0; i < 3; i++) expect(maxDiff(a[0][i], b[0][i])).toBe(0);
    expect(maxDiff(a[0][3], b[0][3])).toBeGreaterThan(1e-3);
    store.dispose();
  });

  it('the masks are what they say', () => {
    expect(causalMask(3).arraySync()).toEqual([[0, MASK_VALUE, MASK_VALUE], [0, 0, MASK_VALUE], [0, 0, 0]]);
    expect(paddingMask(tf.tensor2d([[1, 0]])).arraySync()).toEqual([[[[0, MASK_VALUE]]]]);
  });

  it('a head count that does not divide d_model is a ConfigError that says why', () => {
    const store = new ParamStore(createRng(1));
    expect(() => new MultiHeadAttention(store, 64, 5)).toThrow(ConfigError);
    expect(() => new MultiHeadAttention(store, 64, 5)).toThrow(/5 heads do not divide d_model = 64/);
    expect(() => new MultiHeadAttention(store, 64, 0)).toThrow(ConfigError);
    store.dispose();
  });

  it('leaves no tensor behind', () => {
    const store = new ParamStore(createRng(6));
    const mha = new MultiHeadAttention(store, d, heads);
    const x = tf.tensor3d([randMat(T, d, 61)]);
    const start = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => {
        mha.apply(x, undefined, { causal: true, returnWeights: i === 1 });
      });
      tf.tidy(() => {
        tf.variableGrads(() => tf.sum(mha.apply(x, undefined, { causal: true }).output) as tf.Scalar, store.variables());
      });
    }
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
    store.dispose();
  });
});
