/**
 * BLEU against the worked examples of Papineni et al. (2002) and NLTK's documentation, edit distance and
 * phoneme error rate against hand counts, and the toy tasks: their rules, seeds, messages, and a held-out
 * set that training never samples.
 */
import { describe, expect, it } from 'vitest';
import { makeToyData, makeToyTask } from '../../src/engine/data/toyTasks';
import { corpusBleu, d2lBleu, editDistance, modifiedPrecision, tokenErrorRate } from '../../src/engine/math/bleu';
import { checkWord } from '../../src/engine/models/pronouncerConfig';

const words = (s: string) => s.split(' ');
// Papineni et al. 2002, example 1 (NLTK's sentence_bleu docstring uses the same sentences).
const candidate1 = words('It is a guide to action which ensures that the military always obeys the commands of the party');
const refs = [
  words('It is a guide to action that ensures that the military will forever heed Party commands'),
  words('It is the guiding principle which guarantees the military forces always being under the command of the Party'),
  words('It is the practical guide for the army always to heed the directions of the party'),
];

describe('BLEU', () => {
  it('clips repeated words: "the the the the the the the" scores 2/7 unigram precision (Papineni et al. 2002)', () => {
    const p = modifiedPrecision(words('the the the the the the the'), [words('the cat is on the mat'), words('there is a cat on the mat')], 1);
    expect(p).toEqual({ matches: 2, total: 7 });
  });

  it('candidate 1 of the paper: 17/18 unigrams, 10/17 bigrams, and NLTK\'s BLEU of 0.5046', () => {
    expect(modifiedPrecision(candidate1, refs, 1)).toEqual({ matches: 17, total: 18 });
    expect(modifiedPrecision(candidate1, refs, 2)).toEqual({ matches: 10, total: 17 });
    const r = corpusBleu([candidate1], [refs]);
    expect(r.brevityPenalty).toBe(1);
    expect(r.bleu).toBeCloseTo(0.5045666840058485, 6);
  });

  it('a short candidate pays the brevity penalty exp(1 − r/c)', () => {
    const r = corpusBleu([words('It is a guide to action')], [refs]);
    expect(r.referenceLength).toBe(16);
    expect(r.brevityPenalty).toBeCloseTo(Math.exp(1 - 16 / 6), 10);
  });

  it('D2L\'s form: a perfect match scores 1, and one wrong word of four scores exp(0)·(3/4)^½·(1/3)^¼ at k = 2', () => {
    expect(d2lBleu(words('go .'), words('go .'), 2)).toBe(1);
    expect(d2lBleu(words('a b c d'), words('a b c e'), 2)).toBeCloseTo(Math.pow(3 / 4, 0.5) * Math.pow(2 / 3, 0.25), 10);
  });
});

describe('edit distance and phoneme error rate', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(editDistance([...'kitten'], [...'sitting'])).toBe(3);
    expect(editDistance([], ['a', 'b'])).toBe(2);
    expect(tokenErrorRate([words('K AE T'), words('D AO G')], [words('K AE T'), words('D AA G Z')])).toBeCloseTo(2 / 7, 10);
  });
});

describe('toy tasks', () => {
  it('reverse, sort and add follow their rules, with fixed-width sums', () => {
    expect(makeToyTask({ task: 'reverse', length: 4, symbols: 10 }).solve('1234')).toBe('4321');
    expect(makeToyTask({ task: 'sort', length: 5, symbols: 12 }).solve('b9a01')).toBe('019ab');
    const add = makeToyTask({ task: 'add', length: 3, symbols: 10 });
    expect(add.solve('999+001')).toBe('1000');
    expect(add.solve('012+034')).toBe('0046');
    expect([add.sourceLength, add.targetLength]).toEqual([7, 5]);
  });

  it('are seeded, and the held-out sources never appear in training', () => {
    const a = makeToyData({ task: 'reverse', length: 3, symbols: 5 }, 7);
    const b = makeToyData({ task: 'reverse', length: 3, symbols: 5 }, 7);
    expect(a.heldOut.sources).toEqual(b.heldOut.sources);
    // 125 sources in all: a fifth (25) held out.
    expect(a.heldOut.size).toBe(25);
    for (let i = 0; i < 20; i++) for (const s of a.trainBatch(50).sources) expect(a.heldOutSet.has(s)).toBe(false);
  });

  it('explain a bad source: too long, outside the alphabet, malformed sums', () => {
    const rev = makeToyTask({ task: 'reverse', length: 8, symbols: 10 });
    expect(rev.check('123456789')).toMatch(/longer than the model's context of 8/);
    expect(rev.check('1234567x')).toMatch(/“x” is not in this task's alphabet/);
    expect(rev.check('12345678')).toBeNull();
    const add = makeToyTask({ task: 'add', length: 3, symbols: 10 });
    expect(add.check('12+345')).toMatch(/exactly 3 digits/);
    expect(add.check('123-45')).toMatch(/not in this task's alphabet/);
    expect(() => makeToyTask({ task: 'sort', length: 40, symbols: 10 })).toThrow(/2 to 16 symbols/);
  });

  it('the pronouncer refuses letters outside A-Z and words past its context', () => {
    expect(checkWord('café')).toMatch(/“É” is not in the vocabulary/);
    expect(checkWord('internationalisation')).toMatch(/context holds 12/);
    expect(checkWord(' Cat ')).toBeNull();
  });
});
