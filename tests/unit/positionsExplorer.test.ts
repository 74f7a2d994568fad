/**
 * The position explorer's claims: attention without positions is permutation-equivariant (shuffle the tokens and
 * the output rows shuffle with them, exactly), with positions added it is not; the sinusoidal table's dot products
 * depend only on the distance between positions; the encodings moved out of nn/positional.ts are the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { sinusoidalEncoding as fromMath } from '../../src/engine/math/positions';
import { sinusoidalEncoding as fromNn } from '../../src/engine/nn/positional';
import { projections, tokenMatrix } from '../../src/widgets/attention/calcInputs';
import { equivariance, permutation, positionTable, similarity } from '../../src/widgets/attention/positionMath';

describe('permutation equivariance', () => {
  const tokens = ['the', 'dog', 'bit', 'the', 'man'];
  const x = tokenMatrix(tokens, 6, 1);
  const w = projections(6, 1);

  it('holds without positions for every shuffle: Y(X_π) = Y(X)_π', () => {
    for (let seed = 1; seed <= 20; seed++) expect(equivariance(x, w, permutation(5, seed)).gap).toBeLessThan(1e-12);
  });

  it('breaks once sinusoidal positions are added (for a shuffle that moves distinct tokens)', () => {
    const pe = positionTable('sinusoidal', 5, 6, 0);
    const order = [1, 0, 2, 3, 4]; // swap "the" and "dog"
    expect(equivariance(x, w, order, pe).gap).toBeGreaterThan(1e-2);
    expect(equivariance(x, w, [0, 1, 2, 3, 4], pe).gap).toBe(0);
  });

  it('draws a permutation of 0 … n − 1, and seed 0 is the identity', () => {
    expect(permutation(6, 0)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...permutation(9, 7)].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('position tables', () => {
  it('keeps the sinusoidal numbers of nn/positional.ts', () => {
    expect(Array.from(fromNn(10, 8))).toEqual(Array.from(fromMath(10, 8)));
  });

  it('has sinusoidal dot products that depend on p − q only, with p · p = d / 2', () => {
    const p = positionTable('sinusoidal', 20, 16, 0);
    const s = similarity(p);
    for (let a = 0; a < 15; a++) for (let b = 0; b < 15; b++) expect(s.data[(a + 5) * 20 + b + 5]).toBeCloseTo(s.data[a * 20 + b], 4);
    expect(s.data[3 * 20 + 3]).toBeCloseTo(8, 5);
  });

  it('draws the untrained learned table with std 0.02', () => {
    const p = positionTable('learned', 64, 64, 1);
    const m = p.data.reduce((a, b) => a + b, 0) / p.data.length;
    const sd = Math.sqrt(p.data.reduce((a, b) => a + (b - m) ** 2, 0) / p.data.length);
    expect(sd).toBeGreaterThan(0.019);
    expect(sd).toBeLessThan(0.021);
  });
});
