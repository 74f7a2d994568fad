/**
 * The chapter 9 calculator's numbers (src/engine/math/selfAttention.ts, plain JS on the main thread) against a
 * direct triple loop, against nn/attention.ts's scaledDotProductAttention head by head, and against its
 * MultiHeadAttention with the same weights: same masks (−∞ counts as MASK_VALUE), same heads, same W_o.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MASK_VALUE, MultiHeadAttention, scaledDotProductAttention } from '../../src/engine/nn/attention';
import { ParamStore } from '../../src/engine/nn/params';
import { createRng } from '../../src/engine/rng';
import { attentionMask, CALC_MASK_VALUE, selfAttentionSteps, type Mat } from '../../src/engine/math/selfAttention';
import { scoreScaling } from '../../src/engine/math/scoreScaling';
import { parseTokens, projections, tokenMatrix, MAX_TOKENS } from '../../src/widgets/attention/calcInputs';
import { attentionLoop, maxDiff } from './support/attentionRef';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const toRows = (m: Mat): number[][] => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.slice(i * m.cols, (i + 1) * m.cols)));
const tokens = ['the', 'cat', 'sat', 'on', 'the', 'mat', '<pad>'];
const D = 8;
const x = tokenMatrix(tokens, D, 3);
const w = projections(D, 3);
const valid = tokens.map((t) => t !== '<pad>');

describe('the self-attention calculator', () => {
  it('uses the same mask value as nn/attention.ts', () => {
    expect(CALC_MASK_VALUE).toBe(MASK_VALUE);
  });

  it('matches a direct loop and scaledDotProductAttention for every head, with and without masks', () => {
    for (const heads of [1, 2, 4])
      for (const mask of [undefined, attentionMask(tokens.length, { causal: true, valid }), attentionMask(tokens.length, { causal: false, valid })]) {
        const s = selfAttentionSteps(x, w, { heads, mask });
        const refMask = mask ? toRows(mask) : undefined;
        s.heads.forEach((hd) => {
          const loop = attentionLoop(toRows(hd.q), toRows(hd.k), toRows(hd.v), refMask);
          expect(maxDiff(hd.weights.data, loop.weights.flat())).toBeLessThan(1e-12);
          expect(maxDiff(hd.output.data, loop.out.flat())).toBeLessThan(1e-12);
          const tfOut = tf.tidy(() => {
            const r = scaledDotProductAttention(tf.tensor2d(toRows(hd.q)), tf.tensor2d(toRows(hd.k)), tf.tensor2d(toRows(hd.v)), mask ? tf.tensor2d(refMask!) : undefined);
            return [r.output.dataSync(), r.weights.dataSync()];
          });
          expect(maxDiff(hd.output.data, tfOut[0])).toBeLessThan(1e-5);
          expect(maxDiff(hd.weights.data, tfOut[1])).toBeLessThan(1e-5);
        });
      }
  });

  it("gives MultiHeadAttention's output when its kernels are W_q, W_k, W_v, W_o and its biases zero", () => {
    const mha = new MultiHeadAttention(new ParamStore(createRng(1)), D, 2);
    for (const [layer, m] of [[mha.query, w.wq], [mha.key, w.wk], [mha.value, w.wv], [mha.output, w.wo]] as const) layer.kernel.assign(tf.tensor2d(toRows(m)));
    const mask = attentionMask(tokens.length, { causal: true, valid });
    const s = selfAttentionSteps(x, w, { heads: 2, mask });
    const out = tf.tidy(() => mha.apply(tf.tensor3d([toRows(x)]), undefined, { causal: true, keyValid: tf.tensor2d([valid.map(Number)]) }).output.dataSync());
    expect(maxDiff(s.output.data, out)).toBeLessThan(1e-5);
  });

  it('blocks the future and the padding: zero weight there, −∞ in the masked scores', () => {
    const s = selfAttentionSteps(x, w, { heads: 2, mask: attentionMask(tokens.length, { causal: true, valid }) });
    const T = tokens.length;
    for (const hd of s.heads)
      for (let i = 0; i < T; i++)
        for (let j = 0; j < T; j++) {
          if (j > i || !valid[j]) {
            expect(hd.weights.data[i * T + j]).toBe(0);
            expect(hd.masked.data[i * T + j]).toBe(-Infinity);
          }
        }
  });

  it('gives a row whose keys are all blocked uniform weights, not NaN', () => {
    const one = tokenMatrix(['<pad>', 'a'], 4, 1);
    const s = selfAttentionSteps(one, projections(4, 1), { heads: 1, mask: attentionMask(2, { causal: true, valid: [false, true] }) });
    expect(Array.from(s.heads[0].weights.data.slice(0, 2))).toEqual([0.5, 0.5]);
  });

  it('skips the scaling when asked: scaled scores equal the raw ones', () => {
    const s = selfAttentionSteps(x, w, { heads: 2, scale: false });
    expect(maxDiff(s.heads[0].scaled.data, s.heads[0].scores.data)).toBe(0);
    const t = selfAttentionSteps(x, w, { heads: 2 });
    expect(maxDiff(t.heads[0].scaled.data, Array.from(t.heads[0].scores.data, (v) => v / 2))).toBeLessThan(1e-15);
  });

  it('refuses empty and overlong sequences and heads that do not divide d_model', () => {
    expect(parseTokens('   ').ok).toBe(false);
    expect(parseTokens(Array(100).fill('a').join(' ')).ok).toBe(false);
    expect(parseTokens(Array(MAX_TOKENS).fill('a').join(' ')).ok).toBe(true);
    expect(() => selfAttentionSteps(x, w, { heads: 3 })).toThrow(/do not divide/);
  });

  it('gives equal tokens equal vectors', () => {
    expect(Array.from(x.data.slice(0, D))).toEqual(Array.from(x.data.slice(4 * D, 5 * D)));
  });
});

describe('the score-scaling experiment', () => {
  it('has scores whose spread grows like √d_k, and an unscaled softmax that saturates', () => {
    for (const dk of [1, 16, 256]) {
      const s = scoreScaling(dk);
      expect(s.stdRaw / Math.sqrt(dk)).toBeGreaterThan(0.8);
      expect(s.stdRaw / Math.sqrt(dk)).toBeLessThan(1.2);
    }
    expect(scoreScaling(256).maxRaw).toBeGreaterThan(0.85);
    expect(scoreScaling(256).maxScaled).toBeLessThan(0.35);
    expect(() => scoreScaling(0)).toThrow(/at least 1/);
  });
});
