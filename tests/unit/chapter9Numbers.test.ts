/**
 * Chapter 9 quotes numbers about attention pooling on the noisy function and the births, the score-scaling
 * experiment, the calculator's default sentence, parameter counts and pattern costs: each is computed here and
 * must appear on the page as written.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { birthsStore, parseBirths } from '../../src/engine/data/births';
import { leaveOneOutGradient, leaveOneOutLoss } from '../../src/engine/math/kernelRegression';
import { scoreScaling } from '../../src/engine/math/scoreScaling';
import { attentionParamCount, selfAttentionSteps } from '../../src/engine/math/selfAttention';
import { attentionPoolingSpec } from '../../src/engine/models/attentionPooling';
import { birthsYear, functionData } from '../../src/engine/models/attentionPoolingData';
import { ATTENTION_QUESTIONS } from '../../src/widgets/attention/AttentionParamQuiz';
import { projections, tokenMatrix } from '../../src/widgets/attention/calcInputs';
import { countTrue, localPattern } from '../../src/widgets/attention/patterns';
import { bufferOf, packed } from './support/textDataFixture';

const page = readFileSync(new URL('../../chapters/09-attention/index.mdx', import.meta.url), 'utf8');
const n = (x: number) => x.toLocaleString('en-GB');
function expectOnPage(...phrases: string[]) {
  for (const p of phrases) expect(page, `chapter 9 should say "${p}"`).toContain(p);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  birthsStore.provide(parseBirths(bufferOf(packed('births'))));
});

describe('chapter 9 numbers', () => {
  it('the learned kernel on the noisy function: 0.536 to 0.220 in 200 steps, w ≈ 4.0; σ = 0.5 gives 0.299; the best σ ≈ 0.22 gives 0.219', async () => {
    const m = attentionPoolingSpec.create({ source: 'function', dataUrl: '', learningRate: 0.5, initialW: 1 }, 1);
    const start = await m.view();
    for (let i = 0; i < 200; i++) tf.dispose(m.step());
    const end = await m.view();
    m.dispose();
    expect(start.loss.toFixed(3)).toBe('0.536');
    expect(end.loss.toFixed(3)).toBe('0.220');
    expect(end.w.toFixed(1)).toBe('4.0');
    expect((1 / end.w).toFixed(2)).toBe('0.25');
    const d = functionData(1);
    expect(leaveOneOutLoss(d.keys, d.values, 2).toFixed(3)).toBe('0.299');
    let best = { s: 0, l: Infinity };
    for (let s = 0.05; s < 2; s += 0.005) {
      const l = leaveOneOutLoss(d.keys, d.values, 1 / s);
      if (l < best.l) best = { s, l };
    }
    expect(best.l.toFixed(3)).toBe('0.219');
    expect(best.s.toFixed(2)).toBe('0.22');
    const fast = attentionPoolingSpec.create({ source: 'function', dataUrl: '', learningRate: 50, initialW: 1 }, 1);
    for (let i = 0; i < 5; i++) tf.dispose(fast.step());
    const thrown = (await fast.view()).w;
    fast.dispose();
    expect(Math.round(thrown)).toBe(24);
    expect((1 / thrown).toFixed(2)).toBe('0.04');
    expectOnPage('throw $w$ to about 24, a bandwidth of 0.04');
    expectOnPage('the loss at the start, 0.536', 'after 200 steps $w \\approx 4.0$, a bandwidth of about 0.25', 'the leave-one-out loss is 0.220', '(0.219, at $\\sigma \\approx 0.22$)', 'The fixed kernel at $\\sigma = 0.5$ scores 0.299', 'loss 0.536 to 0.220');
  });

  it('the births of 1988: weekday and weekend means, σ = 7 days against the learned narrow kernel', () => {
    const b = birthsStore.get();
    const wk: number[] = [];
    const we: number[] = [];
    for (let i = 0; i < b.count; i++) if (b.year[i] === 1988) (b.weekday[i] >= 6 ? we : wk).push(b.births[i]);
    const mean = (a: number[]) => Math.round(a.reduce((x, y) => x + y, 0) / a.length);
    expectOnPage(`averaged ${n(mean(wk))} a day on weekdays and ${n(mean(we))} at weekends`, 'each of the 366 days of 1988');
    const d = birthsYear(b);
    expect(d.keys.length).toBe(366);
    expect(leaveOneOutLoss(d.keys, d.values, 1 / 7).toFixed(2)).toBe('1.53');
    expect(leaveOneOutLoss(d.keys, d.values, 20).toFixed(2)).toBe('0.82');
    // Gradient descent from w = 1 heads to the narrow kernel: the gradient is negative (w grows) all the way.
    for (const w of [1, 1.5, 2, 3]) expect(leaveOneOutGradient(d.keys, d.values, w)).toBeLessThan(0);
    let w = 1;
    for (let i = 0; i < 60; i++) w -= 0.5 * leaveOneOutGradient(d.keys, d.values, w);
    expect(1 / w).toBeLessThan(1);
    expect(leaveOneOutLoss(d.keys, d.values, w).toFixed(2)).toBe('0.82');
    expectOnPage('with a leave-one-out loss of 1.53', 'the average of the day before and the day after: loss 0.82');
  });

  it('the scaling experiment at d_k = 64, 16 and 1,024', () => {
    const s = scoreScaling(64);
    expect([s.stdRaw.toFixed(2), s.maxRaw.toFixed(2), s.entropyRaw.toFixed(2), Math.log(16).toFixed(2)]).toEqual(['8.45', '0.83', '0.43', '2.77']);
    expect([s.stdScaled.toFixed(2), s.maxScaled.toFixed(2), s.entropyScaled.toFixed(2)]).toEqual(['1.06', '0.26', '2.31']);
    expectOnPage('standard deviation 8.45, the largest weight in a row averages 0.83', 'entropy of a row is 0.43 nats', '$\\log 16 = 2.77$', 'the standard deviation is 1.06, the largest weight averages 0.26 and the entropy is 2.31', 'largest weight 0.83 at $d_k = 64$, against 0.26 scaled');
    expect(Math.round(Math.exp(8))).toBe(2981);
    const s16 = scoreScaling(16);
    expect([Math.round(s16.stdRaw), s16.maxRaw.toFixed(2), s16.maxScaled.toFixed(2)]).toEqual([4, '0.61', '0.21']);
    expectOnPage('the largest weight averages 0.61 unscaled against 0.21 scaled');
    const s1024 = scoreScaling(1024);
    expect(s1024.maxRaw).toBeGreaterThan(0.9);
    expect(s1024.maxScaled.toFixed(1)).toBe('0.2');
  });

  it("the calculator's default sentence: equal rows for the two copies of \"the\", and the weights it shows", () => {
    const toks = 'the cat sat on the mat'.split(' ');
    const st = selfAttentionSteps(tokenMatrix(toks, 8, 1), projections(8, 1), { heads: 2 });
    const w0 = st.heads[0].weights.data;
    expect(Array.from(w0.slice(0, 6))).toEqual(Array.from(w0.slice(24, 30)));
    expect(Array.from(st.output.data.slice(0, 8))).toEqual(Array.from(st.output.data.slice(32, 40)));
    expect(Math.max(...w0).toFixed(2)).toBe('0.47');
    expectOnPage('in head 1 no weight is larger than 0.47');
    // the score matrix is not symmetric
    const sc = st.heads[0].scores.data;
    expect(Math.abs(sc[1] - sc[6])).toBeGreaterThan(1e-3);
    // no scaling at d_model = 16, one head
    const raw = selfAttentionSteps(tokenMatrix(toks, 16, 1), projections(16, 1), { heads: 1, scale: false }).heads[0];
    const scaled = selfAttentionSteps(tokenMatrix(toks, 16, 1), projections(16, 1), { heads: 1 }).heads[0];
    const rowMax = (m: Float64Array, i: number) => Math.max(...m.slice(i * 6, i * 6 + 6));
    for (let i = 0; i < 6; i++) expect(rowMax(raw.weights.data, i)).toBeGreaterThan(0.8);
    expect(rowMax(raw.weights.data, 0).toFixed(3)).toBe('1.000');
    expect(rowMax(raw.weights.data, 4).toFixed(3)).toBe('1.000');
    for (const i of [1, 2, 3]) expect(rowMax(scaled.weights.data, i)).toBeLessThan(0.5);
    expectOnPage("every row's largest weight is above 0.8", 'one key takes it all (1.000)', 'rows 2 to 4 drops below 0.5');
  });

  it('parameter counts, the quiz, and the costs of full and local attention', () => {
    expect(attentionParamCount(512)).toBe(1050624);
    expectOnPage('1,050,624 parameters at $d_{\\text{model}} = 512$');
    expect(ATTENTION_QUESTIONS.map((q) => q.answer)).toEqual([1050624, 1050624, 64, 8, 1000000, 21000]);
    expect(countTrue(localPattern(32, 3))).toBe(212);
    expectOnPage('212 scores instead of 1,024');
    expect(10000 * 10000).toBe(1e8);
    expectOnPage('a hundred million per head and per layer');
  });

  it("the hand exercise's numbers", () => {
    const sm = (a: number, b: number) => [Math.exp(a) / (Math.exp(a) + Math.exp(b)), Math.exp(b) / (Math.exp(a) + Math.exp(b))].map((x) => x.toFixed(3));
    expect(sm(1 / Math.SQRT2, 2 / Math.SQRT2)).toEqual(['0.330', '0.670']);
    expect(sm(2 / Math.SQRT2, 0)).toEqual(['0.804', '0.196']);
    expectOnPage('$(0.330, 0.670)$', '$(0.804, 0.196)$');
  });
});
