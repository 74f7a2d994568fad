/**
 * The n-gram baselines (src/engine/math/ngram.ts): every conditional distribution sums to 1, the
 * uniform model's perplexity is |V|, and the held-out perplexity of a bigram and a trigram model on
 * a tiny corpus equals the hand computation below. The unigram model equals charLmData's baseline.
 */
import { describe, expect, it } from 'vitest';
import { parseNames } from '../../src/engine/data/names';
import { fitNgram, ngramCrossEntropy, ngramDistribution, ngramProbability, perplexity, uniformCrossEntropy } from '../../src/engine/math/ngram';
import { buildCharCorpus, unigramLoss } from '../../src/engine/models/charLmData';
import { bufferOf, packed } from './support/textDataFixture';

// Ids 0 = '\n' (the boundary, also read before the start), 1 = 'a', 2 = 'b'.
const train = [0, 1, 2, 0, 1, 1, 0]; // "\nab\naa\n"
const held = [0, 2, 1, 0]; // "\nba\n"

describe('n-gram models', () => {
  it('bigram, add-one: the hand computation', () => {
    // Pairs (from position 1): 0→1 twice; 1→2, 1→1, 1→0 once each; 2→0 once. With k = 1 and |V| = 3:
    // P(1|0) = 3/5, P(0|0) = P(2|0) = 1/5; P(·|1) = 2/6 each; P(0|2) = 2/4, P(1|2) = P(2|2) = 1/4.
    const m = fitNgram(train, 3, 2, 1, 0);
    expect(ngramProbability(m, [0], 1)).toBeCloseTo(3 / 5, 12);
    expect(ngramProbability(m, [0], 2)).toBeCloseTo(1 / 5, 12);
    expect(ngramProbability(m, [1], 0)).toBeCloseTo(1 / 3, 12);
    expect(ngramProbability(m, [2], 0)).toBeCloseTo(1 / 2, 12);
    // Held out: P(2|0) P(1|2) P(0|1) = 1/5 · 1/4 · 1/3, so the cross-entropy is ln(60)/3 and PPL = 60^(1/3).
    expect(ngramCrossEntropy(m, held)).toBeCloseTo(Math.log(60) / 3, 12);
    expect(perplexity(ngramCrossEntropy(m, held))).toBeCloseTo(Math.cbrt(60), 10);
  });

  it('trigram, add-one: the hand computation (the context before the start reads as the boundary)', () => {
    // Held out: P(2 | 0 0) = (0 + 1)/(1 + 3) (context "0 0" seen once, before 1); P(1 | 0 2) and P(0 | 2 1) are unseen contexts: 1/3.
    const m = fitNgram(train, 3, 3, 1, 0);
    expect(ngramProbability(m, [0, 0], 2)).toBeCloseTo(1 / 4, 12);
    expect(ngramCrossEntropy(m, held)).toBeCloseTo(Math.log(36) / 3, 12);
  });

  it('every distribution sums to 1 (orders 1 to 3, k = 0.01 and 1, on the names)', () => {
    const c = buildCharCorpus(parseNames(bufferOf(packed('names'))), 1);
    const v = c.vocab.tokens.length;
    for (const order of [1, 2, 3])
      for (const k of [0.01, 1]) {
        const m = fitNgram(c.train, v, order, k, c.boundaryId);
        for (let a = 0; a < v; a++)
          for (const b of [c.boundaryId, 2, v - 1]) {
            const p = ngramDistribution(m, order === 3 ? [a, b] : [a]);
            expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
          }
      }
    // Order 1 with add-one is exactly the model's unigram baseline.
    expect(ngramCrossEntropy(fitNgram(c.train, v, 1, 1, c.boundaryId), c.heldOut)).toBeCloseTo(unigramLoss(c), 10);
  });

  it('the uniform model has perplexity |V|; so has an n-gram model with no counts', () => {
    for (const v of [2, 30, 65]) expect(perplexity(uniformCrossEntropy(v))).toBeCloseTo(v, 9);
    const empty = fitNgram([0], 30, 3, 1, 0);
    expect(perplexity(ngramCrossEntropy(empty, [0, 5, 9, 29, 0]))).toBeCloseTo(30, 9);
  });

  it('refuses what it cannot count', () => {
    expect(() => fitNgram(train, 3, 4)).toThrow(/order/);
    expect(() => fitNgram(train, 3, 2, 0)).toThrow(/k > 0/);
    expect(() => fitNgram([0, 7], 3, 2)).toThrow(/outside/);
    expect(() => ngramCrossEntropy(fitNgram(train, 3, 2), [1])).toThrow(/nothing to predict/);
  });
});
