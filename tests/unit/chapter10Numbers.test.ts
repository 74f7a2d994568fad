/**
 * Every number chapter 10's prose quotes: parameter counts (against the engine's own blocks), the
 * corpora's sizes and baselines, the temperature, top-k and top-p examples, the BLEU worked examples.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMobyDick } from '../../src/engine/data/mobyDick';
import { parseNames } from '../../src/engine/data/names';
import { bleu } from '../../src/engine/math/bleu';
import { nextTokenDistribution, softmaxWithTemperature } from '../../src/engine/math/sampling';
import { attentionParams, decoderBlockParams, encoderBlockParams, ffnParams, gptParams, layerNormParams } from '../../src/engine/math/transformerCounts';
import { gptShape } from '../../src/engine/models/charGpt';
import { buildMobyCorpus, buildNamesCorpus } from '../../src/engine/models/charGptData';
import { unigramLoss } from '../../src/engine/models/charLmData';
import { CharLstm } from '../../src/engine/nn/charLstm';
import { ParamStore } from '../../src/engine/nn/params';
import { LearnedPositions } from '../../src/engine/nn/positional';
import { DecoderBlock, EncoderBlock } from '../../src/engine/nn/transformerBlock';
import { TransformerLm } from '../../src/engine/nn/transformerLm';
import { createRng } from '../../src/engine/rng';
import { bufferOf, packed } from './support/textDataFixture';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});
const stores: ParamStore[] = [];
afterAll(() => stores.forEach((s) => s.dispose()));
const sizeOf = (vars: tf.Variable[]) => vars.reduce((n, v) => n + v.size, 0);
const store = () => {
  const s = new ParamStore(createRng(1));
  stores.push(s);
  return s;
};

describe('parameter counts', () => {
  it('one block at d_model 64, d_FF 256: 16,640 + 33,088 + 256 = 49,984, as the engine holds them', () => {
    expect(attentionParams(64)).toBe(16_640);
    expect(ffnParams(64, 256)).toBe(33_088);
    expect(2 * layerNormParams(64)).toBe(256);
    expect(encoderBlockParams(64, 256)).toBe(49_984);
    // Two thirds in the FFN.
    expect(ffnParams(64, 256) / encoderBlockParams(64, 256)).toBeCloseTo(2 / 3, 1);
    for (const heads of [1, 4, 8]) {
      const s = store();
      new EncoderBlock(s, { dModel: 64, heads, dFF: 256, activation: 'relu', norm: 'pre' });
      expect(sizeOf(s.variables())).toBe(49_984);
    }
  });

  it('the base model: 1,050,624 in attention, 2,099,712 in the FFN, 3,152,384 per encoder block', () => {
    expect(attentionParams(512)).toBe(1_050_624);
    expect(ffnParams(512, 2048)).toBe(2_099_712);
    expect(encoderBlockParams(512, 2048)).toBe(3_152_384);
  });

  it('a decoder block: 66,752 at d_model 64, d_FF 256, as the engine holds it', () => {
    expect(decoderBlockParams(64, 256)).toBe(66_752);
    const s = store();
    new DecoderBlock(s, { dModel: 64, heads: 4, dFF: 256, activation: 'relu', norm: 'pre' });
    expect(sizeOf(s.variables())).toBe(66_752);
  });

  it("the page's GPT on Moby-Dick: 110,803 (5,312 + 99,968 + 128 + 5,395); the LSTM 119,251; learned positions 4,096", () => {
    const lm = new TransformerLm({ ...gptShape({ layers: 2, dModel: 64, heads: 4, context: 64 }, 83), learningRate: 0.003 }, 1);
    expect(sizeOf(lm.params.variables())).toBe(110_803);
    expect(gptParams(83, 64, 256, 2)).toBe(110_803);
    expect([83 * 64, 2 * 49_984, 128, 64 * 83 + 83]).toEqual([5_312, 99_968, 128, 5_395]);
    lm.dispose();
    const lstm = new CharLstm({ vocabSize: 83, embedDim: 0, hidden: 128, seed: 1 });
    expect(sizeOf(lstm.variables())).toBe(119_251);
    lstm.dispose();
    const s = store();
    new LearnedPositions(s, 64, 64);
    expect(sizeOf(s.variables())).toBe(4_096);
  });

  it('rows per step and attention scores per forward pass', () => {
    expect(16 * 64).toBe(1_024);
    expect(2 * 16 * 4 * 64 * 64).toBe(524_288);
    expect((1024 / 64) ** 2).toBe(256);
    // A 28 × 28 digit in 7 × 7 patches.
    expect([(28 / 7) ** 2, 7 * 7]).toEqual([16, 49]);
  });
});

describe('the corpora', () => {
  it('Moby-Dick: |V| = 83, 1,058,265 training and 127,129 held-out characters, unigram 3.07, ln 83 = 4.42', () => {
    const c = buildMobyCorpus(parseMobyDick(bufferOf(packed('mobyDick'))));
    expect(c.vocab.tokens.length).toBe(83);
    expect(c.train.length).toBe(1_058_265);
    expect(c.heldOut.length).toBe(127_129);
    expect(unigramLoss(c).toFixed(2)).toBe('3.07');
    expect(Math.log(83).toFixed(2)).toBe('4.42');
  });

  it('the names: 30 characters (26 letters, "-", the line break, padding, unknown)', () => {
    const c = buildNamesCorpus(parseNames(bufferOf(packed('names'))), 1);
    expect(c.vocab.tokens.length).toBe(30);
    expect(c.vocab.tokens.filter((t) => /^[a-z]$/.test(t)).length).toBe(26);
    expect(c.vocab.index.has('-')).toBe(true);
  });
});

describe('temperature, top-k, top-p', () => {
  const r3 = (p: ArrayLike<number>) => Array.from(p, (x) => Number(x.toFixed(3)));
  it('logits (2, 1, 0.1) at τ = 1, 0.5, 2', () => {
    expect(r3(softmaxWithTemperature([2, 1, 0.1], 1))).toEqual([0.659, 0.242, 0.099]);
    expect(r3(softmaxWithTemperature([2, 1, 0.1], 0.5))).toEqual([0.864, 0.117, 0.019]);
    expect(r3(softmaxWithTemperature([2, 1, 0.1], 2))).toEqual([0.502, 0.304, 0.194]);
  });
  it('p = (0.5, 0.3, 0.15, 0.05): top-k 2 gives (0.625, 0.375); top-p 0.9 keeps three, (0.526, 0.316, 0.158)', () => {
    const logits = [0.5, 0.3, 0.15, 0.05].map(Math.log);
    expect(r3(nextTokenDistribution(logits, { topK: 2 }))).toEqual([0.625, 0.375, 0, 0]);
    expect(r3(nextTokenDistribution(logits, { topP: 0.9 }))).toEqual([0.526, 0.316, 0.158, 0]);
    // A confident step keeps one token.
    expect(r3(nextTokenDistribution([0.95, 0.03, 0.02].map(Math.log), { topP: 0.9 }))).toEqual([1, 0, 0]);
  });
});

describe('BLEU, the worked examples', () => {
  const w = (s: string) => s.split(' ');
  const ref = [w('the cat is on the mat')];
  it('"the cat sat on the mat": p = 5/6, 3/5, 1/4, 0; BLEU-2 0.707, BLEU-4 0', () => {
    const b = bleu(w('the cat sat on the mat'), ref);
    expect(b.precisions).toEqual([5 / 6, 3 / 5, 1 / 4, 0]);
    expect(b.brevityPenalty).toBe(1);
    expect(b.bleu).toBe(0);
    expect(bleu(w('the cat sat on the mat'), ref, 2).bleu.toFixed(3)).toBe('0.707');
  });
  it('clipping: "the the the the the the" has p_1 = 2/6; brevity: "the cat" pays e^(1 - 6/2) = 0.135', () => {
    expect(bleu(w('the the the the the the'), ref, 1).precisions[0]).toBeCloseTo(2 / 6, 12);
    const short = bleu(w('the cat'), ref, 2);
    expect(short.precisions).toEqual([1, 1]);
    expect(short.brevityPenalty.toFixed(3)).toBe('0.135');
    expect(short.bleu.toFixed(3)).toBe('0.135');
  });
  it('the exercise: "the cat the cat on the mat" has p_1 = 5/7, p_2 = 3/6, BLEU-2 0.598', () => {
    const b = bleu(w('the cat the cat on the mat'), ref, 2);
    expect(b.precisions[0]).toBeCloseTo(5 / 7, 12);
    expect(b.precisions[1]).toBeCloseTo(3 / 6, 12);
    expect(b.brevityPenalty).toBe(1);
    expect(b.bleu.toFixed(3)).toBe('0.598');
  });
  it('several references: counts clip at the largest count in any one reference', () => {
    const b = bleu(w('the the the'), [w('the cat'), w('the the dog')], 1);
    expect(b.precisions[0]).toBeCloseTo(2 / 3, 12);
    expect(() => bleu(w('a'), [])).toThrow();
  });
});
