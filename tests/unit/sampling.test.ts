/** Next-token sampling (src/engine/math/sampling.ts): greedy, temperature, top-k, top-p. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng';
import { greedy, MAX_TEMPERATURE, nextTokenDistribution, sampleFrom, sampleToken, softmaxWithTemperature } from '../../src/engine/math/sampling';

const logits = [2.0, -1.0, 0.5, 3.0, 0.0, 3.0 - 1e-3];
const sum = (p: ArrayLike<number>) => Array.from(p).reduce((a, b) => a + b, 0);
const support = (p: ArrayLike<number>) => Array.from(p).filter((x) => x > 0).length;

describe('temperature', () => {
  it('τ = 1 is the softmax; every distribution sums to 1', () => {
    const p = softmaxWithTemperature(logits, 1);
    const z = logits.reduce((a, o) => a + Math.exp(o), 0);
    logits.forEach((o, i) => expect(p[i]).toBeCloseTo(Math.exp(o) / z, 12));
    for (const tau of [0, 1e-4, 0.1, 0.5, 1, 2, 50, 1e9]) expect(sum(softmaxWithTemperature(logits, tau))).toBeCloseTo(1, 12);
  });

  it('τ → 0 equals greedy (τ = 0 is clamped, never NaN), sampled tokens too', () => {
    const rng = createRng(1);
    expect(greedy(logits)).toBe(3);
    for (const tau of [0, 1e-6, 1e-4]) {
      expect(Array.from(softmaxWithTemperature(logits, tau))).toEqual([0, 0, 0, 1, 0, 0]);
      for (let k = 0; k < 20; k++) expect(sampleToken(logits, rng, { temperature: tau })).toBe(3);
    }
    // Just above the clamp the mass is still almost all on the argmax.
    expect(softmaxWithTemperature([5, 0, 1], 0.01)[0]).toBeGreaterThan(0.999999);
  });

  it('τ huge is capped and tends to uniform; ties under greedy go to the first index', () => {
    const p = softmaxWithTemperature(logits, 1e12);
    expect(p.every((x) => Number.isFinite(x))).toBe(true);
    expect(Math.max(...p) - Math.min(...p)).toBeLessThan(5 / MAX_TEMPERATURE);
    expect(greedy([1, 4, 4])).toBe(1);
  });

  it('bad input gets a clear message', () => {
    expect(() => softmaxWithTemperature(logits, -1)).toThrow(/≥ 0/);
    expect(() => greedy([1, NaN])).toThrow(/diverged/);
    expect(() => greedy([])).toThrow(/at least one/);
  });
});

describe('top-k and top-p', () => {
  it('top-k keeps exactly k tokens (the k largest), k clamped to [1, |V|]', () => {
    for (const k of [1, 2, 3, 6]) {
      const p = nextTokenDistribution(logits, { topK: k });
      expect(support(p)).toBe(k);
      expect(sum(p)).toBeCloseTo(1, 12);
    }
    expect(Array.from(nextTokenDistribution(logits, { topK: 2 })).map((x) => x > 0)).toEqual([false, false, false, true, false, true]);
    expect(support(nextTokenDistribution(logits, { topK: 0 }))).toBe(1);
    expect(support(nextTokenDistribution(logits, { topK: -5 }))).toBe(1);
    expect(support(nextTokenDistribution(logits, { topK: 100 }))).toBe(6);
    expect(support(nextTokenDistribution(logits, { topK: 2.9 }))).toBe(2);
  });

  it('top-p keeps the shortest prefix reaching p; p → 0 keeps the top token, p = 1 keeps all', () => {
    const full = softmaxWithTemperature(logits, 1);
    const sorted = Array.from(full).sort((a, b) => b - a);
    const p = nextTokenDistribution(logits, { topP: 0.8 });
    const m = support(p);
    expect(sorted.slice(0, m).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(0.8);
    expect(sorted.slice(0, m - 1).reduce((a, b) => a + b, 0)).toBeLessThan(0.8);
    expect(sum(p)).toBeCloseTo(1, 12);
    expect(support(nextTokenDistribution(logits, { topP: 1e-9 }))).toBe(1);
    expect(support(nextTokenDistribution(logits, { topP: 0 }))).toBe(1);
    expect(support(nextTokenDistribution(logits, { topP: 1 }))).toBe(6);
  });

  it('top-k then top-p renormalises over what top-k kept', () => {
    const p = nextTokenDistribution(logits, { topK: 3, topP: 0.999 });
    expect(support(p)).toBe(3);
    expect(sum(p)).toBeCloseTo(1, 12);
  });
});

describe('drawing', () => {
  it('sampleFrom follows the distribution (5,000 draws within 3%)', () => {
    const rng = createRng(5);
    const p = nextTokenDistribution(logits, { temperature: 1.5, topK: 4 });
    const counts = new Array(p.length).fill(0);
    for (let k = 0; k < 5000; k++) counts[sampleFrom(p, rng)]++;
    counts.forEach((c, i) => expect(Math.abs(c / 5000 - p[i])).toBeLessThan(0.03));
    expect(counts[1]).toBe(0);
  });

  it('the same seed gives the same tokens', () => {
    const draw = () => {
      const rng = createRng(9);
      return Array.from({ length: 30 }, () => sampleToken(logits, rng, { temperature: 1.2, topP: 0.9 }));
    };
    expect(draw()).toEqual(draw());
  });
});
