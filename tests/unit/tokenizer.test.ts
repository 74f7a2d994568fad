/**
 * Tokenizer, vocabulary and sequences: round trips (property tests), the
 * reserved indices, min count and max size, coverage against a direct count,
 * Keras-style padding and truncation, one-hot rows; and the numbers on the
 * real corpora that the text chapters will quote.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mobyDickChapters, parseMobyDick } from '../../src/engine/data/mobyDick';
import {
  buildVocabulary, countTokens, coverageCurve, decode, detokenize, encode, nextTokenWindows, oneHot, PAD_ID, PAD_TOKEN, padSequence, padSequences,
  decodeText, encodeText, tokenize, tokenRows, typesForCoverage, UNK_ID, UNK_TOKEN, unknownRate, vocabularyCoverage, vocabularyFromText, vocabularySize,
} from '../../src/engine/text';
import { isClean } from '../../src/engine/text/offensive';
import { bufferOf, packed } from './support/textDataFixture';

describe('tokenize', () => {
  it('splits characters by code point and words by letters, keeping inner apostrophes', () => {
    expect(tokenize('Call me 🐳!', 'char')).toEqual(['C', 'a', 'l', 'l', ' ', 'm', 'e', ' ', '🐳', '!']);
    expect(tokenize("The whale's jaw—sperm-whale, 1851.", 'word')).toEqual(['the', "whale's", 'jaw', '—', 'sperm', '-', 'whale', ',', '1851', '.']);
    expect(tokenize('Ahab', 'word', { lowercase: false })).toEqual(['Ahab']);
    expect(tokenize('  ', 'word')).toEqual([]);
  });

  it('property: characters detokenize to the original text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => detokenize(tokenize(s, 'char'), 'char') === s));
  });

  it('property: words are stable under detokenize then tokenize', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
      const t = tokenize(s, 'word');
      expect(tokenize(detokenize(t, 'word'), 'word')).toEqual(t);
    }));
  });
});

describe('vocabulary', () => {
  const corpus = tokenize('the whale the sea the whale ahab', 'word');

  it('reserves 0 for padding and 1 for unknown, then orders by count, ties by token', () => {
    const v = buildVocabulary(corpus, { level: 'word' });
    expect(v.tokens).toEqual([PAD_TOKEN, UNK_TOKEN, 'the', 'whale', 'ahab', 'sea']);
    expect(v.counts).toEqual([0, 0, 3, 2, 1, 1]);
    expect([PAD_ID, UNK_ID]).toEqual([0, 1]);
    expect(Array.from(encode(v, ['the', 'moby', 'sea']))).toEqual([2, 1, 5]);
    expect(decode(v, [0, 2, 1, 0])).toEqual(['the', UNK_TOKEN]);
    expect(decode(v, [0, 2], { keepPad: true })).toEqual([PAD_TOKEN, 'the']);
    expect(() => decode(v, [6])).toThrow(/outside the vocabulary/);
    expect(Array.from(encode(v, [PAD_TOKEN, UNK_TOKEN]))).toEqual([1, 1]);
  });

  it('cuts by min count and max size, and counts what it cut as unknown', () => {
    const v = buildVocabulary(corpus, { level: 'word', minCount: 2 });
    expect(v.tokens).toEqual([PAD_TOKEN, UNK_TOKEN, 'the', 'whale']);
    expect(v.counts[UNK_ID]).toBe(2);
    expect(vocabularyCoverage(v)).toBeCloseTo(5 / 7, 12);
    const small = buildVocabulary(corpus, { level: 'word', maxSize: 3 });
    expect(vocabularySize(small)).toBe(3);
    expect(small.tokens[2]).toBe('the');
    expect(unknownRate(small, corpus)).toBeCloseTo(4 / 7, 12);
    expect(() => buildVocabulary(corpus, { level: 'word', maxSize: 1 })).toThrow(/at least 2/);
  });

  it('property: encode then decode returns every token the vocabulary holds', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 60 }), fc.integer({ min: 1, max: 3 }), (tokens, minCount) => {
      const v = buildVocabulary(tokens, { level: 'word', minCount });
      const ids = encode(v, tokens);
      const back = decode(v, ids);
      tokens.forEach((t, i) => {
        const known = t !== PAD_TOKEN && t !== UNK_TOKEN && (countTokens(tokens).get(t) ?? 0) >= minCount;
        expect(back[i]).toBe(known ? t : UNK_TOKEN);
      });
      expect(ids.every((id) => id >= 1 && id < v.tokens.length)).toBe(true);
    }));
  });

  it('property: character text round-trips through ids exactly', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
      const v = buildVocabulary(tokenize(s, 'char'), { level: 'char' });
      return detokenize(decode(v, encode(v, tokenize(s, 'char'))), 'char') === s;
    }));
  });

  it('coverage curve matches a direct count and rises to 1', () => {
    const counts = countTokens(corpus);
    const curve = coverageCurve(counts);
    expect(Array.from(curve)).toEqual([0, 3 / 7, 5 / 7, 6 / 7, 1]);
    expect(typesForCoverage(curve, 0.7)).toBe(2);
    expect(typesForCoverage(curve, 1)).toBe(4);
    const v = buildVocabulary(counts, { level: 'word', maxSize: 4 });
    expect(Array.from(coverageCurve(v))).toEqual([0, 3 / 7, 5 / 7]);
    expect(vocabularyCoverage(v)).toBeCloseTo(5 / 7, 12);
  });

  it('tokenRows lists counts and shares and lets a filter hide rows without moving ids', () => {
    const v = buildVocabulary(tokenize('sex sex whale ship whale sex', 'word'), { level: 'word' });
    expect(tokenRows(v, 10).map((r) => r.token)).toEqual(['sex', 'whale', 'ship']);
    expect(tokenRows(v, 10, { show: isClean })).toEqual([
      { id: 3, token: 'whale', count: 2, share: 2 / 6 },
      { id: 4, token: 'ship', count: 1, share: 1 / 6 },
    ]);
  });
});

describe('sequences', () => {
  it('pads and truncates at either end, as Keras pad_sequences', () => {
    const s = [5, 6, 7];
    expect(Array.from(padSequence(s, 5))).toEqual([0, 0, 5, 6, 7]);
    expect(Array.from(padSequence(s, 5, { padding: 'post' }))).toEqual([5, 6, 7, 0, 0]);
    expect(Array.from(padSequence(s, 2))).toEqual([6, 7]);
    expect(Array.from(padSequence(s, 2, { truncating: 'post' }))).toEqual([5, 6]);
    expect(Array.from(padSequence(s, 4, { value: 9 }))).toEqual([9, 5, 6, 7]);
    expect(Array.from(padSequences([[1], [2, 3, 4]], 2, { padding: 'post' }))).toEqual([1, 0, 3, 4]);
  });

  it('property: padded length is exact and the kept ids are a contiguous run of the input', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 30 }), fc.integer({ min: 0, max: 40 }), fc.boolean(), fc.boolean(), (ids, len, prePad, preTrunc) => {
      const out = Array.from(padSequence(ids, len, { padding: prePad ? 'pre' : 'post', truncating: preTrunc ? 'pre' : 'post' }));
      expect(out.length).toBe(len);
      const kept = out.filter((x) => x !== 0);
      const n = Math.min(ids.length, len);
      expect(kept).toEqual(preTrunc ? ids.slice(ids.length - n) : ids.slice(0, n));
    }));
  });

  it('one-hot rows have a single 1 at the id', () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => oneHot([3], 3)).toThrow(/outside \[0, 3\)/);
  });

  it('next-token windows pair each input with the stream shifted by one', () => {
    const { inputs, targets, windows } = nextTokenWindows([1, 2, 3, 4, 5, 6], 2);
    expect(windows).toBe(2);
    expect(Array.from(inputs)).toEqual([1, 2, 3, 4]);
    expect(Array.from(targets)).toEqual([2, 3, 4, 5]);
    expect(nextTokenWindows([1, 2], 2).windows).toBe(0);
  });
});

describe('on Moby-Dick', () => {
  it('the numbers a vocabulary explorer shows', () => {
    const d = parseMobyDick(bufferOf(packed('mobyDick')));
    const text = mobyDickChapters(d);
    const words = tokenize(text, 'word');
    const counts = countTokens(words);
    const curve = coverageCurve(counts);
    const chars = buildVocabulary(tokenize(text, 'char'), { level: 'char' });
    const v10k = buildVocabulary(counts, { level: 'word', maxSize: 10_002 });
    const summary = {
      words: words.length,
      types: counts.size,
      charTypes: chars.tokens.length - 2,
      top: tokenRows(v10k, 5).map((r) => r.token),
      typesFor90: typesForCoverage(curve, 0.9),
      coverage10k: Math.round(vocabularyCoverage(v10k) * 1000) / 1000,
      hapax: [...counts.values()].filter((c) => c === 1).length,
    };
    expect(summary).toEqual({ words: 252_543, types: 17_140, charTypes: 81, top: [',', 'the', '.', 'of', 'and'], typesFor90: 3_492, coverage10k: 0.972, hapax: 7_550 });
  });
});

describe('text codec', () => {
  it('property: character text round-trips through encodeText and decodeText', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
      const v = vocabularyFromText(s, { level: 'char' });
      return decodeText(v, encodeText(v, s)) === s;
    }));
    const w = vocabularyFromText('Call me Ishmael. Call me.', { level: 'word' });
    expect(decodeText(w, encodeText(w, 'call me Ahab'))).toBe('call me <unk>');
  });
});
