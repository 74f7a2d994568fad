/**
 * The numbers chapter 7's language-model and long-dependency prose quotes, computed from the data
 * and the engine: the names corpus and its split, |V|, the n-gram baselines on the widget's held-out
 * windows (T = 32, seed 1), Moby-Dick's size and vocabulary, the recurrent layers' parameter counts,
 * and the forget-gate arithmetic. (The 60-second figure and the long-dependency accuracies at the
 * default gap are measured by bench/charLm60s.mjs and bench/longDependency.mjs.)
 */
import { describe, expect, it } from 'vitest';
import { mobyDickChapters, parseMobyDick } from '../../src/engine/data/mobyDick';
import { parseNames } from '../../src/engine/data/names';
import { fitNgram, ngramWindowCrossEntropy, perplexity } from '../../src/engine/math/ngram';
import { NGRAM_K } from '../../src/engine/models/charLm';
import { buildCharCorpus, buildTextCorpus } from '../../src/engine/models/charLmData';
import { bufferOf, packed } from './support/textDataFixture';

const names = parseNames(bufferOf(packed('names')));
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

describe('chapter 7: the character model', () => {
  const c = buildCharCorpus(names, 1);
  const v = c.vocab.tokens.length;

  it('8,849 names, 885 held out; |V| = 30 (26 letters, hyphen, boundary, padding, unknown)', () => {
    expect(names.female.length + names.male.length).toBe(8849);
    expect(c.heldOut.reduce((n, id) => n + (id === c.boundaryId ? 1 : 0), 0) - 1).toBe(885);
    expect(v).toBe(30);
    expect(c.vocab.tokens.slice(2).sort().join('')).toBe('\n-abcdefghijklmnopqrstuvwxyz');
  });

  it('held-out n-gram losses on the widget windows: unigram 2.850, bigram 2.406, trigram 2.226 (PPL 17.3, 11.1, 9.26); uniform PPL 30', () => {
    const w = c.heldOutWindows(32, 256);
    const ce = [1, 2, 3].map((n) => ngramWindowCrossEntropy(fitNgram(c.train, v, n, n === 1 ? 1 : NGRAM_K, c.boundaryId), w.inputs, w.targets, 32));
    expect(ce.map((x) => round(x, 3))).toEqual([2.85, 2.406, 2.226]);
    expect(ce.map((x) => Number(perplexity(x).toPrecision(3)))).toEqual([17.3, 11.1, 9.26]);
    expect(perplexity(Math.log(v))).toBeCloseTo(30, 9);
    expect(NGRAM_K).toBe(0.1);
  });

  it('the recurrent layer on one-hot input: GRU(128) 61,056 parameters, LSTM(128) 81,408; GRU(50) on one input 7,800', () => {
    const count = (blocks: number, q: number, d: number) => blocks * q * (d + q + 1);
    expect(count(3, 128, v)).toBe(61056);
    expect(count(4, 128, v)).toBe(81408);
    expect(count(3, 50, 1)).toBe(7800);
  });

  it('Moby-Dick: 1.2 million characters, |V| = 57 once lower-cased', () => {
    const text = mobyDickChapters(parseMobyDick(bufferOf(packed('mobyDick'))));
    const m = buildTextCorpus(text);
    expect(round((m.train.length + m.heldOut.length) / 1e6, 1)).toBe(1.2);
    expect(m.vocab.tokens.length).toBe(57);
  });

  it('an exercise: cross-entropy 2.0 nats is perplexity 7.4', () => {
    expect(round(Math.exp(2), 1)).toBe(7.4);
  });
});

describe('chapter 7: the long-dependency arithmetic', () => {
  it('σ(3) ≈ 0.95 and 0.95^30 ≈ 0.21; σ(1) ≈ 0.73 and 0.73^30 ≈ 10^-4; 0.5^30 ≈ 10^-9', () => {
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    expect(round(sigmoid(3), 2)).toBe(0.95);
    expect(round(sigmoid(3) ** 30, 2)).toBe(0.23);
    expect(round(sigmoid(1), 2)).toBe(0.73);
    expect(Math.round(Math.log10(sigmoid(1) ** 30))).toBe(-4);
    expect(Math.round(Math.log10(0.5 ** 30))).toBe(-9);
  });
});

describe('chapter 7: the bigram exercise', () => {
  it('↵ab↵aa↵ with add-one, held out ↵ba↵: perplexity 60^(1/3) ≈ 3.91', () => {
    const m = fitNgram([0, 1, 2, 0, 1, 1, 0], 3, 2, 1, 0);
    expect(round(perplexity(ngramWindowCrossEntropy(m, [0, 2, 1], [2, 1, 0], 3)), 2)).toBe(3.91);
    expect(round(Math.cbrt(60), 2)).toBe(3.91);
  });
  it('σ(3)^100 ≈ 0.008', () => {
    expect(round((1 / (1 + Math.exp(-3))) ** 100, 3)).toBe(0.008);
  });
});
