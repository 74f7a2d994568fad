/** Every number chapter 12's prose quotes, recomputed from the engine and the widgets' defaults. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DARTS } from '../../src/engine/models/nasDarts';
import { DEFAULT_SEARCH } from '../../src/engine/models/nasSearch';
import { countDerivedCells, DARTS_OPS, EDGES } from '../../src/engine/nas/dartsSpace';
import { INPUTS, SPLIT_SIZES } from '../../src/engine/nas/digits14';
import { SoftmaxPolicy } from '../../src/engine/nas/policy';
import { EvolutionSearcher } from '../../src/engine/nas/searchers';
import { BUDGET_LIMITS, FULL_SPACE, spaceSize } from '../../src/engine/nas/space';
import { createRng } from '../../src/engine/rng';
import { DARTS_PARAMS, LATENCY_PARAMS, SEARCH_PARAMS } from '../../src/widgets/nas/nasParams';
import { SPACE_QUESTIONS } from '../../src/widgets/nas/SpaceSizeQuiz';

const prose = readFileSync(new URL('../../chapters/12-nas/index.mdx', import.meta.url), 'utf8');

describe('chapter 12 numbers', () => {
  it('the search space: 24 per layer, 24 + 576 + 13,824 = 14,424; 1,728 for depth 3 with widths 32 and 64', () => {
    expect(4 * 3 * 2).toBe(24);
    expect([24, 24 ** 2, 24 ** 3]).toEqual([24, 576, 13824]);
    expect(spaceSize(FULL_SPACE)).toBe(14424);
    expect(spaceSize({ ...FULL_SPACE, depths: [3], widths: [32, 64] })).toBe(1728);
    expect(prose).toContain('24 + 576 + 13{,}824 = 14{,}424');
    expect(prose).toContain('1,728 networks');
  });

  it("the lecture's CNN: 24^20 ≈ 4.0 × 10^27", () => {
    expect((24 ** 20 / 1e27).toFixed(1)).toBe('4.0');
    expect(prose).toContain('24^{20} \\approx 4.0 \\times 10^{27}');
  });

  it('the digits and the training run: 196 inputs, 3,000/1,000/1,000, 60 steps of 32 = 1,920 digits at η = 0.01', () => {
    expect(INPUTS).toBe(196);
    expect(SPLIT_SIZES).toEqual({ train: 3000, val: 1000, test: 1000 });
    expect(SEARCH_PARAMS.steps.default).toBe(60);
    expect(DEFAULT_SEARCH.batchSize).toBe(32);
    expect(60 * 32).toBe(1920);
    expect(SEARCH_PARAMS.lr.default).toBe(0.01);
    expect(SEARCH_PARAMS.budget.default).toBe(20);
    expect(BUDGET_LIMITS).toEqual([1, 60]);
    expect(SEARCH_PARAMS.ctrl.default).toBe(8);
    expect(prose).toContain('1,920 digits');
  });

  it('evolution: a population of 5, tournaments of 3; the baseline decays with γ = 0.8', () => {
    const ev = new EvolutionSearcher(FULL_SPACE, createRng(1));
    expect([ev.populationSize, ev.sampleSize]).toEqual([5, 3]);
    expect(new SoftmaxPolicy([2], 1).decay).toBe(0.8);
  });

  it('DARTS: 6 edges × 5 operations = 30 α; 3,072 derivable cells; η_w = η_α = 0.05', () => {
    expect(EDGES.length * DARTS_OPS.length).toBe(30);
    expect(countDerivedCells()).toBe(3072);
    expect(DEFAULT_DARTS.weightLr).toBe(0.05);
    expect(DEFAULT_DARTS.alphaLr).toBe(0.05);
    expect(DARTS_PARAMS.wlr.default).toBe(0.05);
    expect(DARTS_PARAMS.alr.default).toBe(0.05);
    expect(DEFAULT_DARTS.width).toBe(32);
    expect(SPACE_QUESTIONS.map((q) => q.answer)).toEqual([14424, 64, 30, 3072]);
  });

  it('the exercise on multiply-adds: 13,184 against 1,776, about seven times', () => {
    expect(196 * 64 + 64 * 10).toBe(13184);
    expect(196 * 8 + 8 * 8 + 8 * 8 + 8 * 10).toBe(1776);
    expect(Math.round(13184 / 1776)).toBe(7);
  });

  it('the latency slider starts at β = 0.3', () => {
    expect(LATENCY_PARAMS.beta.default).toBe(0.3);
    expect(prose).toContain('$\\beta = 0.3$');
  });
});
