/**
 * Chapter 8 quotes numbers about the e-mail corpus, its split and vocabulary,
 * the sample sentence and the models' sizes: each is computed here and must
 * appear on the page as written.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpam } from '../../src/engine/data/spamCorpus';
import { textParamCount } from '../../src/engine/models/textClassifierConfig';
import { majorityBaseline, spamSequences, tokeniseCorpus } from '../../src/engine/nn/text/spamDataset';
import { padSequence } from '../../src/engine/text/sequences';
import { tokenize } from '../../src/engine/text/tokenize';
import { buildVocabulary, countTokens, decode, encode, UNK_ID, UNK_TOKEN, vocabularyCoverage } from '../../src/engine/text/vocabulary';
import { PARAM_QUESTIONS } from '../../src/widgets/text/TextParamQuiz';
import { bufferOf, packed } from './support/textDataFixture';

const page = readFileSync(new URL('../../chapters/08-text-embeddings/index.mdx', import.meta.url), 'utf8');
const n = (x: number) => x.toLocaleString('en-GB');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function expectOnPage(...phrases: string[]) {
  for (const p of phrases) expect(page, `chapter 8 should say "${p}"`).toContain(p);
}

const SAMPLE = 'The cat sat on the mat. The dog sat on the log, and the cat watched the dog.';

describe('chapter 8 numbers', () => {
  const data = parseSpam(bufferOf(packed('spam')));
  const corpus = tokeniseCorpus(data);

  it('the corpus, the split and the majority-class baseline', () => {
    expectOnPage(`${n(data.messages.length)} e-mails, ${n(data.hamCount)} legitimate ones ("ham") and ${n(data.spamCount)} spam`, `first ${data.bodyMaxChars} characters of its body`);
    const s = spamSequences(data, 2000, 64, 'post');
    const ham = s.test.n - s.test.labels.reduce((a, b) => a + b, 0);
    expect(majorityBaseline(s.test)).toBe(ham / s.test.n);
    expectOnPage(`The book holds ${n(s.test.n)} messages out`, `Of those, ${n(ham)} are ham`, `right ${pct(ham / s.test.n)} of the time`, `On the ${n(s.train.n)} training messages`);
  });

  it('vocabulary size against coverage on the training messages, and the typical length', () => {
    const cov = (v: number) => pct(vocabularyCoverage(buildVocabulary(corpus.trainCounts, { level: 'word', maxSize: v })));
    expectOnPage(`They hold ${n(corpus.trainCounts.size)} distinct types`, `20 entries (18 words) already covers ${cov(20)}`, `2,000 entries cover ${cov(2000)}`, `10,000 cover ${cov(10000)}`);
    const lens = corpus.trainTokens.map((t) => t.length).sort((a, b) => a - b);
    expectOnPage(`The typical training message has ${lens[Math.floor(lens.length / 2)]} tokens`);
  });

  it('the sample sentence: tokens, types, the word left out, padding', () => {
    const tokens = tokenize(SAMPLE, 'word');
    const counts = countTokens(tokens);
    expectOnPage(`the sample sentence has ${tokens.length} tokens`, `The sample has ${counts.size} distinct tokens: "the" six times`);
    expect(counts.get('the')).toBe(6);
    const v12 = buildVocabulary(counts, { level: 'word', maxSize: 12 });
    const ids = encode(v12, tokens);
    expect(tokens.filter((_, i) => ids[i] === UNK_ID)).toEqual(['watched']);
    expect(decode(v12, ids)).toEqual(tokens.map((t) => (t === 'watched' ? UNK_TOKEN : t)));
    const padded = padSequence(ids, 30);
    expect(padded.filter((x) => x === 0).length).toBe(9);
    expectOnPage('nine zeros appear at the front', 'only "the cat sat on the" survives');
    expect(decode(v12, padSequence(ids, 5, { truncating: 'post' }))).toEqual(['the', 'cat', 'sat', 'on', 'the']);
  });

  it('parameter counts in the prose and the quiz', () => {
    const notes = { vocabSize: 10000, embedDim: 8, filters: 8, widths: [2, 3, 4] };
    const defaults = { vocabSize: 2000, embedDim: 16, filters: 8, widths: [2, 3, 4] };
    expectOnPage(
      `$10{,}000 \\times 8 = 80{,}000$`,
      `For the notes' sizes that is ${n(textParamCount('avg', notes))}`,
      `$80{,}000 + 161 = 80{,}161$`,
      `that is $32{,}000 + 1{,}176 + 25 = ${n(textParamCount('cnn', defaults)).replace(',', '{,}')}$`,
      `The table reads ${n(textParamCount('bow', notes))} parameters for the bag of words, ${n(textParamCount('avg', notes))} for averaged embeddings and ${n(textParamCount('cnn', notes))} for TextCNN`,
    );
    expect(textParamCount('cnn', defaults) - 32000 - 25).toBe(1176);
    expect(PARAM_QUESTIONS.map((q) => q.answer)).toEqual([10001, 80009, 80161, 33201]);
    expect(80161 - 80009).toBe(152);
    expectOnPage('Averaging needs 152 fewer weights');
  });

  it('the tokenizer round-trips every training message through a vocabulary that keeps all its words', () => {
    const full = buildVocabulary(corpus.trainCounts, { level: 'word' });
    for (const t of corpus.trainTokens.slice(0, 500)) expect(decode(full, encode(full, t))).toEqual(t);
  });
});
