/** Every number chapter 5's prose quotes, computed here. */
import { describe, expect, it } from 'vitest';
import { bestDegree, cvByDegree, kfoldSplits } from '../../src/engine/math/kfold';
import { errorByDegree, polyData } from '../../src/engine/math/polynomial';
import { Mlp } from '../../src/engine/nn/mlp';
import { createRng } from '../../src/engine/rng';
import { VAL_POINTS } from '../../src/widgets/generalisation/PolyFit';

const round = (v: number, digits: number) => Number(v.toPrecision(digits));

describe('chapter 5 numbers', () => {
  it('exploding and vanishing products, the sigmoid bound, float16', () => {
    expect(round(1.5 ** 100, 1)).toBe(4e17);
    expect(round(0.8 ** 100, 1)).toBe(2e-10);
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    const maxDeriv = Math.max(...Array.from({ length: 2001 }, (_, i) => { const z = -10 + i / 100; return sig(z) * (1 - sig(z)); }));
    expect(maxDeriv).toBeCloseTo(0.25, 10);
    expect(round(0.25 ** 6, 2)).toBe(0.00024);
    expect((2 - 2 ** -10) * 2 ** 15).toBe(65504);
    expect(round(Math.log(2), 3)).toBe(0.693);
    expect(4 * sig(0) - 2).toBe(0);
    expect(4 * sig(0) * (1 - sig(0))).toBe(1);
  });

  it('weight decay factors, dropout scaling, Xavier and He', () => {
    expect(1 - 2 * 0.1 * 0.005).toBeCloseTo(0.999, 12);
    expect(1 - 2 * 0.05 * 0.01).toBeCloseTo(0.999, 12);
    expect(Math.round(Math.log(0.5) / Math.log(0.999))).toBe(693);
    expect(1 / (1 - 0.5)).toBe(2);
    expect(1 / (1 - 0.2)).toBe(1.25);
    expect(3 / 0.8).toBeCloseTo(3.75, 12);
    expect(0.8 * 3.75).toBeCloseTo(3, 12);
    expect(Math.sqrt(2 / 32)).toBe(0.25);
    expect(round(Math.sqrt(2 / 16), 3)).toBe(0.354);
  });

  it('parameter counts of the figures\' networks', () => {
    const deep = new Mlp({ sizes: [2, 16, 16, 16, 16, 16, 16, 2], activation: 'sigmoid', batchNorm: false, init: 'xavier' }, createRng(1));
    expect(deep.parameterCount()).toBe(1442);
    deep.dispose();
    // "batch normalisation adds a learned scale and shift for each of the 96 hidden units, 192 more, for 1,634"
    const bn = new Mlp({ sizes: [2, 16, 16, 16, 16, 16, 16, 2], activation: 'relu', batchNorm: true, init: 'he' }, createRng(1));
    expect(bn.parameterCount()).toBe(1634);
    expect(bn.parameterCount() - 1442).toBe(2 * 16 * 6);
    bn.dispose();
    const reg = new Mlp({ sizes: [2, 16, 16, 2], activation: 'relu', batchNorm: false, init: 'he' }, createRng(1));
    expect(reg.parameterCount()).toBe(354); // "over 300 parameters"
    reg.dispose();
    expect((5 - 1) / 5).toBe(0.8);
    expect((10 - 1) / 10).toBe(0.9);
    expect(round(27 / 30, 2)).toBe(0.9);
  });

  it('the polynomial figure at its defaults (20 points, σ = 0.3, seed 1)', () => {
    const train = polyData(20, 0.3, 1);
    const val = polyData(VAL_POINTS, 0.3, 1 + 7919);
    const e = errorByDegree(train, val, 15);
    // Training error never rises with the degree.
    for (let d = 1; d <= 15; d++) expect(e.train[d]).toBeLessThanOrEqual(e.train[d - 1] + 1e-9);
    // Degree 1: both high and close.
    expect(e.train[1]).toBeGreaterThan(0.2);
    expect(e.val[1]).toBeGreaterThan(0.2);
    expect(Math.abs(e.val[1] - e.train[1])).toBeLessThan(0.15);
    // Degree 3: both near σ² = 0.09.
    expect(e.train[3]).toBeGreaterThan(0.05);
    expect(e.train[3]).toBeLessThan(0.13);
    expect(e.val[3]).toBeGreaterThan(0.05);
    expect(e.val[3]).toBeLessThan(0.13);
    // Degree 15 overfits: far higher validation error.
    expect(e.val[15]).toBeGreaterThan(10 * e.val[3]);
    // Degree 15 with 100 points: the swings are gone.
    const big = errorByDegree(polyData(100, 0.3, 1), val, 15);
    expect(big.val[15]).toBeLessThan(2 * 0.09);
    // Weight decay 0.005 at degree 15 lowers the validation error.
    const decayed = errorByDegree(train, val, 15, 0.005);
    expect(decayed.val[15]).toBeLessThan(e.val[15]);
    // λ = 0.1: every degree underfits (worse than the best unregularised degree).
    const heavy = errorByDegree(train, val, 15, 0.1);
    expect(Math.min(...heavy.val)).toBeGreaterThan(Math.min(...e.val));
  });

  it('the K-fold figure at its defaults (30 points, K = 5, seed 1) and the exercise', () => {
    const data = polyData(30, 0.3, 1);
    const cv = cvByDegree(data, kfoldSplits(30, 5, 1), 12);
    expect(cv[10].mean).toBeGreaterThan(100 * cv[3].mean); // "jumps by two orders of magnitude"
    expect(cv[10].std).toBeGreaterThan(cv[3].mean);
    // The exercise's answer is an interior degree, so that the question has teeth.
    const quiz = cvByDegree(polyData(40, 0.5, 4), kfoldSplits(40, 10, 4), 12);
    const best = bestDegree(quiz);
    expect(best).toBeGreaterThan(1);
    expect(best).toBeLessThan(10);
  });
});
