/** Beam search (src/engine/math/beamSearch.ts): width 1 is greedy, a wide beam finds the exhaustive optimum. */
import { describe, expect, it } from 'vitest';
import { beamSearch, clampBeamWidth, logSoftmax } from '../../src/engine/math/beamSearch';
import { createRng } from '../../src/engine/rng';

const V = 4;
const EOS = 0;

/** A fixed random "model": the next-token distribution depends on the last two tokens. */
function toyModel(seed: number) {
  const rng = createRng(seed);
  const table = new Map<string, Float64Array>();
  return (prefix: number[]) => {
    const key = prefix.slice(-2).join(',');
    if (!table.has(key)) table.set(key, logSoftmax(Array.from({ length: V }, () => 3 * (rng.next() - 0.5))));
    return table.get(key)!;
  };
}

function greedyDecode(model: (p: number[]) => Float64Array, maxLength: number): number[] {
  const out: number[] = [];
  while (out.length < maxLength) {
    const row = model(out);
    let best = 0;
    for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
    out.push(best);
    if (best === EOS) break;
  }
  return out;
}

/** Every sequence up to maxLength (ending in eos or at the cap), with its log-probability. */
function exhaustiveBest(model: (p: number[]) => Float64Array, maxLength: number): { tokens: number[]; logProb: number } {
  let best = { tokens: [] as number[], logProb: -Infinity };
  const walk = (prefix: number[], lp: number) => {
    const done = prefix.length > 0 && prefix[prefix.length - 1] === EOS;
    if (done) {
      if (lp > best.logProb) best = { tokens: prefix, logProb: lp };
      return;
    }
    if (prefix.length === maxLength) return;
    const row = model(prefix);
    for (let t = 0; t < V; t++) walk([...prefix, t], lp + row[t]);
  };
  walk([], 0);
  return best;
}

describe('beam search', () => {
  it('width 1 equals greedy decoding', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const model = toyModel(seed);
      const r = await beamSearch((ps) => ps.map(model), { width: 1, maxLength: 6, eos: EOS });
      expect(r.beams[0].tokens).toEqual(greedyDecode(model, 6));
    }
  });

  it('a beam as wide as the search space finds the most probable finished sequence', async () => {
    for (const seed of [7, 8, 9]) {
      const model = toyModel(seed);
      const best = exhaustiveBest(model, 4);
      const r = await beamSearch((ps) => ps.map(model), { width: V ** 3, maxLength: 4, eos: EOS });
      expect(r.beams[0].finished).toBe(true);
      expect(r.beams[0].tokens).toEqual(best.tokens);
      expect(r.beams[0].logProb).toBeCloseTo(best.logProb, 10);
    }
  });

  it('the tree links every kept node to a kept parent, and log-probabilities only fall', async () => {
    const model = toyModel(11);
    const r = await beamSearch((ps) => ps.map(model), { width: 3, maxLength: 5, eos: EOS });
    for (const n of r.tree) {
      if (n.parent < 0) continue;
      const p = r.tree[n.parent];
      expect(p.kept).toBe(true);
      expect(p.step).toBe(n.step - 1);
      expect(n.logProb).toBeLessThanOrEqual(p.logProb + 1e-12);
    }
  });

  it('clamps widths of 0 and 1,000 with a message, and refuses NaN log-probabilities', async () => {
    expect(clampBeamWidth(0, 30)).toMatchObject({ width: 1 });
    expect(clampBeamWidth(0, 30).message).toMatch(/greedy/);
    expect(clampBeamWidth(1000, 30).width).toBe(16);
    expect(clampBeamWidth(1000, 5).width).toBe(5);
    expect(clampBeamWidth(3, 30)).toEqual({ width: 3 });
    await expect(beamSearch(() => [[NaN, 0]], { width: 1, maxLength: 2, eos: 0 })).rejects.toThrow(/diverged/);
  });
});
