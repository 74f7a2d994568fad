/**
 * Transformer blocks: GELU and its gradient, the FFN against loops, encoder and decoder blocks (pre- and
 * post-norm) that keep causality and padding, and a decoder-only LM whose earlier logits do not see later
 * tokens, whatever its positions.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ParamStore } from '../../src/engine/nn/params';
import { DecoderBlock, EncoderBlock, FeedForward, gelu, type BlockConfig } from '../../src/engine/nn/transformerBlock';
import { TransformerLm } from '../../src/engine/nn/transformerLm';
import { createRng } from '../../src/engine/rng';
import { addRow, flat, matMul, maxDiff, randMat, type Mat } from './support/attentionRef';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const geluRef = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

describe('GELU', () => {
  it('matches the tanh formula and its gradient matches finite differences', () => {
    const xs = [-4, -1.5, -0.3, 0, 0.2, 1, 2.5, 5];
    expect(maxDiff(gelu(tf.tensor1d(xs)).dataSync(), xs.map(geluRef))).toBeLessThan(1e-6);
    const g = tf.grad((x: tf.Tensor) => tf.sum(gelu(x)))(tf.tensor1d(xs)).dataSync();
    const h = 1e-5;
    expect(maxDiff(g, xs.map((x) => (geluRef(x + h) - geluRef(x - h)) / (2 * h)))).toBeLessThan(1e-4);
  });
});

describe('position-wise FFN', () => {
  it.each(['relu', 'gelu'] as const)('%s: act(x W1 + b1) W2 + b2, as loops', (activation) => {
    const store = new ParamStore(createRng(2));
    const ffn = new FeedForward(store, 4, 6, activation);
    ffn.inner.bias!.assign(tf.tensor1d(randMat(1, 6, 3)[0]));
    ffn.outer.bias!.assign(tf.tensor1d(randMat(1, 4, 4)[0]));
    const x = randMat(5, 4, 5);
    const act = activation === 'relu' ? (v: number) => Math.max(0, v) : geluRef;
    const m = (v: tf.Tensor) => v.arraySync() as Mat;
    const h = addRow(matMul(x, m(ffn.inner.kernel)), ffn.inner.bias!.arraySync() as number[]).map((r) => r.map(act));
    const want = addRow(matMul(h, m(ffn.outer.kernel)), ffn.outer.bias!.arraySync() as number[]);
    expect(maxDiff(ffn.apply(tf.tensor3d([x])).dataSync(), flat(want))).toBeLessThan(1e-5);
    store.dispose();
  });
});

const config = (norm: 'pre' | 'post', activation: 'relu' | 'gelu' = 'relu'): BlockConfig => ({ dModel: 8, heads: 2, dFF: 16, activation, norm });

describe('encoder and decoder blocks', () => {
  it.each(['pre', 'post'] as const)('%s-norm encoder: padded keys change nothing in the real positions', (norm) => {
    const store = new ParamStore(createRng(7));
    const block = new EncoderBlock(store, config(norm, 'gelu'));
    const x = randMat(6, 8, 8);
    const valid = tf.tensor2d([[1, 1, 1, 1, 0, 0]]);
    const a = block.apply(tf.tensor3d([x]), { keyValid: valid }).output.arraySync() as number[][][];
    const junk = x.map((r, i) => (i >= 4 ? r.map((v) => v * 3 - 2) : r));
    const b = block.apply(tf.tensor3d([junk]), { keyValid: valid }).output.arraySync() as number[][][];
    for (let i = 0; i < 4; i++) expect(maxDiff(a[0][i], b[0][i])).toBeLessThan(1e-5);
    store.dispose();
  });

  it.each(['pre', 'post'] as const)('%s-norm decoder: causal self-attention, cross-attention to the memory, finite gradients', (norm) => {
    const store = new ParamStore(createRng(9));
    const block = new DecoderBlock(store, config(norm));
    const x = randMat(5, 8, 10);
    const mem = tf.tensor3d([randMat(7, 8, 11)]);
    const r = block.apply(tf.tensor3d([x]), mem, { returnWeights: true });
    expect(r.output.shape).toEqual([1, 5, 8]);
    expect(r.selfWeights!.shape).toEqual([1, 2, 5, 5]);
    expect(r.crossWeights!.shape).toEqual([1, 2, 5, 7]);
    const later = x.map((row, i) => (i === 4 ? row.map((v) => -v) : row));
    const a = r.output.arraySync() as number[][][];
    const b = block.apply(tf.tensor3d([later]), mem).output.arraySync() as number[][][];
    for (let i = 0; i < 4; i++) expect(maxDiff(a[0][i], b[0][i])).toBeLessThan(1e-5);
    // The memory reaches every position.
    const c = block.apply(tf.tensor3d([x]), tf.mul(mem, 2)).output.arraySync() as number[][][];
    expect(maxDiff(a[0][0], c[0][0])).toBeGreaterThan(1e-4);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(block.apply(tf.tensor3d([x]), mem).output)) as tf.Scalar, store.variables());
    const values = Object.values(grads).flatMap((g) => Array.from(g.dataSync()));
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.some((v) => v !== 0)).toBe(true);
    store.dispose();
  });
});

describe('decoder-only language model', () => {
  it.each(['sinusoidal', 'learned', 'rotary'] as const)('%s positions: logits at t never see tokens after t', (positions) => {
    const lm = new TransformerLm({ vocabSize: 11, context: 8, dModel: 8, heads: 2, layers: 2, dFF: 16, activation: 'relu', norm: 'pre', positions, learningRate: 0.01 }, 3);
    const ids = [[1, 2, 3, 4, 5, 6, 7, 8]];
    const changed = [[1, 2, 3, 4, 5, 0, 0, 10]];
    const a = lm.logits(tf.tensor2d(ids, undefined, 'int32')).arraySync();
    const b = lm.logits(tf.tensor2d(changed, undefined, 'int32')).arraySync();
    for (let t = 0; t < 5; t++) expect(maxDiff(a[0][t], b[0][t])).toBeLessThan(1e-5);
    expect(maxDiff(a[0][5], b[0][5])).toBeGreaterThan(1e-5);
    const next = lm.nextTokenLogits(tf.tensor2d(ids, undefined, 'int32')).arraySync();
    expect(maxDiff(next[0], a[0][7])).toBeLessThan(1e-6);
    const w = lm.attentionWeights(tf.tensor2d(ids, undefined, 'int32'));
    expect(w.map((t) => t.shape)).toEqual([[1, 2, 8, 8], [1, 2, 8, 8]]);
    lm.dispose();
  });
});
