import { describe, expect, it } from 'vitest';
import { countDerivedCells, DARTS_OPS, deriveCell, EDGES, randomCell } from '../../src/engine/nas/dartsSpace';
import { latencyAwareLoss, paretoFront, preferred } from '../../src/engine/nas/pareto';
import { SoftmaxPolicy, softmax } from '../../src/engine/nas/policy';
import { EvolutionSearcher } from '../../src/engine/nas/searchers';
import { activeGenes, archKey, clampBudget, decode, emptySpaceReason, FULL_SPACE, geneSizes, mutate, parameterCount, randomGenome, spaceSize, type SpaceChoices } from '../../src/engine/nas/space';
import { createRng } from '../../src/engine/rng';

/** Every genome of a space, by counting through the gene sizes. */
function allGenomes(s: SpaceChoices): number[][] {
  const sizes = geneSizes(s);
  const out: number[][] = [[]];
  for (const n of sizes) {
    const next: number[][] = [];
    for (const g of out) for (let v = 0; v < n; v++) next.push([...g, v]);
    out.splice(0, out.length, ...next);
  }
  return out;
}

describe('the search space', () => {
  it('has Σ (|W||A||S|)^N architectures, checked by decoding every genome', () => {
    expect(spaceSize(FULL_SPACE)).toBe(14424);
    const keys = new Set(allGenomes(FULL_SPACE).map((g) => archKey(decode(FULL_SPACE, g))));
    expect(keys.size).toBe(14424);
    const small: SpaceChoices = { depths: [2], widths: [16, 32], activations: ['relu', 'tanh'], skips: [false, true] };
    expect(spaceSize(small)).toBe(64);
    expect(new Set(allGenomes(small).map((g) => archKey(decode(small, g)))).size).toBe(64);
  });

  it('says which choice is empty', () => {
    expect(emptySpaceReason(FULL_SPACE)).toBeNull();
    expect(emptySpaceReason({ ...FULL_SPACE, widths: [], skips: [] })).toMatch(/a width, a skip setting/);
  });

  it('counts parameters: weights, biases, projections for skips across unequal widths', () => {
    expect(parameterCount({ layers: [{ width: 64, activation: 'relu', skip: false }] })).toBe(196 * 64 + 64 + 64 * 10 + 10);
    // A skip from 196 inputs into 8 units needs a 196 x 8 projection; 8 into 8 needs none.
    expect(parameterCount({ layers: [{ width: 8, activation: 'tanh', skip: true }, { width: 8, activation: 'tanh', skip: true }] })).toBe(196 * 8 + 8 + 196 * 8 + 8 * 8 + 8 + 8 * 10 + 10);
  });

  it('mutation changes exactly one active choice, to another of its values', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 300; trial++) {
      const g = randomGenome(FULL_SPACE, rng);
      const child = mutate(FULL_SPACE, g, rng);
      const changed = g.map((v, i) => (v !== child[i] ? i : -1)).filter((i) => i >= 0);
      expect(changed).toHaveLength(1);
      expect(activeGenes(FULL_SPACE, g)).toContain(changed[0]);
      expect(archKey(decode(FULL_SPACE, child))).not.toBe(archKey(decode(FULL_SPACE, g)));
    }
    // A space with a single architecture has nothing to mutate.
    const one: SpaceChoices = { depths: [1], widths: [8], activations: ['relu'], skips: [false] };
    expect(mutate(one, [0, 0, 0, 0], rng)).toEqual([0, 0, 0, 0]);
  });

  it('clamps a budget of 0 or a million, with a message', () => {
    expect(clampBudget(0)).toMatchObject({ budget: 1 });
    expect(clampBudget(0).message).toMatch(/trains nothing/);
    expect(clampBudget(1_000_000)).toMatchObject({ budget: 60 });
    expect(clampBudget(1_000_000).message).toMatch(/1,000,000/);
    expect(clampBudget(20)).toEqual({ budget: 20, message: null });
  });
});

describe('the REINFORCE policy', () => {
  it('matches the hand computation of the chapter: 50% → 59.9% after one step', () => {
    const p = new SoftmaxPolicy([2], 8);
    p.baseline = 0.85;
    const adv = p.update([0], [0], 0.9);
    expect(adv).toBeCloseTo(0.05, 12);
    expect(p.logits[0][0]).toBeCloseTo(0.2, 12);
    expect(p.logits[0][1]).toBeCloseTo(-0.2, 12);
    expect(p.probabilities()[0][0]).toBeCloseTo(1 / (1 + Math.exp(-0.4)), 12);
    expect(Math.round(p.probabilities()[0][0] * 1000) / 10).toBe(59.9);
    // b ← 0.8 b + 0.2 R
    expect(p.baseline).toBeCloseTo(0.8 * 0.85 + 0.2 * 0.9, 12);
  });

  it('matches the exercise: three values, R = 0.7 under b = 0.8, η_c = 3', () => {
    const p = new SoftmaxPolicy([3], 3);
    p.baseline = 0.8;
    p.update([1], [0], 0.7);
    p.logits[0].forEach((v, j) => expect(v).toBeCloseTo([0.1, -0.2, 0.1][j], 12));
    expect(p.probabilities()[0].map((v) => Math.round(v * 1000) / 1000)).toEqual([0.365, 0.27, 0.365]);
    const q = new SoftmaxPolicy([3], 3);
    q.baseline = 0;
    q.update([1], [0], 0.7);
    q.logits[0].forEach((v, j) => expect(v).toBeCloseTo([-0.7, 1.4, -0.7][j], 12));
  });

  it('∇ log π equals finite differences of log π, with zero rows for inactive choices', () => {
    const p = new SoftmaxPolicy([3, 4, 2], 1);
    const rng = createRng(3);
    p.logits.forEach((row) => row.forEach((_, j) => (row[j] = rng.normal())));
    const a = [2, 1, 0];
    const active = [0, 2];
    const g = p.gradLogProb(a, active);
    const h = 1e-6;
    p.logits.forEach((row, k) => row.forEach((_, j) => {
      const keep = row[j];
      row[j] = keep + h;
      const up = p.logProb(a, active);
      row[j] = keep - h;
      const down = p.logProb(a, active);
      row[j] = keep;
      expect(g[k][j]).toBeCloseTo((up - down) / (2 * h), 6);
    }));
    expect(g[1]).toEqual([0, 0, 0, 0]);
  });

  it('the first reward sets the baseline and moves nothing', () => {
    const p = new SoftmaxPolicy([2], 5);
    expect(p.update([0], [0], 0.8)).toBe(0);
    expect(p.logits[0]).toEqual([0, 0]);
  });
});

describe('regularised evolution', () => {
  it('starts with a random population, then mutates tournament winners and retires the oldest', () => {
    const ev = new EvolutionSearcher(FULL_SPACE, createRng(2), 5, 3);
    const seen: number[][] = [];
    for (let i = 0; i < 5; i++) {
      const g = ev.propose();
      seen.push(g);
      ev.observe(g, i / 10);
    }
    const child = ev.propose();
    const parentDiff = seen.map((g) => g.filter((v, i) => v !== child[i]).length);
    expect(Math.min(...parentDiff)).toBe(1);
    ev.observe(child, 0.99);
    expect(ev.population).toHaveLength(5);
    expect(ev.population[0].genome).toEqual(seen[1]);
    ev.observe(child, null);
    expect(ev.population).toHaveLength(5);
  });
});

describe('DARTS derivation and the latency front', () => {
  it('derives the argmax cell, zero excluded, top two inputs per node', () => {
    const alpha = EDGES.map(() => [0, 0, 0, 0, 0]);
    alpha[0] = [0, 0, 0, 0, 9]; // zero leads on (0,1): its best non-zero op is taken instead
    alpha[0][1] = 1;
    alpha[3] = [3, 0, 0, 0, 0]; // (0,3) strong relu
    alpha[5] = [0, 0, 0, 2, 0]; // (2,3) skip
    const cell = deriveCell(alpha);
    expect(cell).toHaveLength(5);
    expect(cell[0]).toEqual({ from: 0, to: 1, op: 'tanh' });
    expect(cell.filter((c) => c.to === 3).map((c) => `${c.from}${c.op}`)).toEqual(['0relu', '2skip']);
    expect(EDGES.length * DARTS_OPS.length).toBe(30);
    expect(countDerivedCells()).toBe(4 * 4 ** 2 * 3 * 4 ** 2);
    expect(countDerivedCells()).toBe(3072);
    const r = randomCell(createRng(4));
    expect(r.filter((c) => c.to === 3)).toHaveLength(2);
    expect(r.every((c) => c.op !== 'zero' && c.from < c.to)).toBe(true);
  });

  it('finds the Pareto front and the latency-aware choice', () => {
    const pts = [
      { latencyMs: 1, acc: 0.8, loss: 0.6 },
      { latencyMs: 2, acc: 0.85, loss: 0.5 },
      { latencyMs: 3, acc: 0.84, loss: 0.55 }, // dominated by the second
      { latencyMs: 8, acc: 0.9, loss: 0.4 },
    ];
    expect(paretoFront(pts)).toEqual([0, 1, 3]);
    expect(latencyAwareLoss(0.5, 4, 2, 1)).toBe(1);
    expect(latencyAwareLoss(0.5, 4, 2, 0)).toBe(0.5);
    expect(preferred(pts, 0)).toBe(3);
    expect(preferred(pts, 2)).toBe(0);
    expect(softmax([0, 0])).toEqual([0.5, 0.5]);
  });
});
