/**
 * The two model kinds as the worker runs them: the toy Transformer answers an inspection (both decodings,
 * every map) and a DecodeRequest and refuses a bad source; the pronouncer trains on the real dictionary,
 * scores held-out words, aligns a typed word and refuses letters outside A-Z. Tiny models, few steps.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cmudictStore, parseCmudict } from '../../src/engine/data/cmudict';
import type { DecodeAnswer } from '../../src/engine/decodeRequest';
import { pronouncerData, pronouncerSpec } from '../../src/engine/models/pronouncer';
import type { AlignAnswer, PronouncerView } from '../../src/engine/models/pronouncerConfig';
import { BOS, makeToyData } from '../../src/engine/data/toyTasks';
import { heldOutAccuracy, toyBatchTensors, toyModelConfig, toyTransformerSpec } from '../../src/engine/models/toyTransformer';
import { Seq2seqTransformer } from '../../src/engine/nn/seq2seq';
import { greedyBatch } from '../../src/engine/nn/seq2seqDecode';
import { TOY_DEFAULTS, type ToyInspectAnswer } from '../../src/engine/models/toyTransformerConfig';
import { useCpuBackend } from './support/cpuBackend';
import { bufferOf, packed } from './support/textDataFixture';

useCpuBackend();

describe('toy-transformer kind', () => {
  it('answers an inspection and a decode request, and explains a bad source', async () => {
    const before = tf.memory().numTensors;
    const m = toyTransformerSpec.create({ ...TOY_DEFAULTS, length: 4, symbols: 5, dModel: 16, heads: 2, batch: 8 }, 1);
    for (let i = 0; i < 2; i++) m.step().dispose();
    const v = await m.view();
    expect(v.series?.['held-out exact-sequence accuracy']).toBeGreaterThanOrEqual(0);
    const a = (await m.answer!({ type: 'inspect', source: '0123' })) as ToyInspectAnswer;
    expect(a.expected).toBe('3210');
    expect(a.maps.encoderSelf[0]).toHaveLength(2);
    expect(a.maps.cross[0][1]).toHaveLength(5 * 4);
    expect(a.freeRunning.length).toBeLessThanOrEqual(4);
    const d = (await m.answer!({ type: 'decode', input: '0123', method: 'beam', beamWidth: 3, maxLength: 5 })) as DecodeAnswer;
    expect(d.beams!.length).toBeGreaterThan(0);
    await expect(m.answer!({ type: 'inspect', source: '01234' })).rejects.toThrow(/longer than the model's context of 4/);
    await expect(m.answer!({ type: 'inspect', source: '01x3' })).rejects.toThrow(/not in this task's alphabet/);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  // heldOutAccuracy scores exact sequences by one teacher-forced pass and free-runs only the wrong ones: the same
  // numbers as free-running all of them, at every stage of training (all wrong, some right, nearly all right).
  it('scores held-out sources exactly as free-running greedy decoding of all of them does', async () => {
    const before = tf.memory().numTensors;
    const config = { ...TOY_DEFAULTS, length: 4, symbols: 5, dModel: 16, heads: 2, batch: 32, learningRate: 0.01, warmup: 10 };
    const data = makeToyData({ task: 'reverse', length: 4, symbols: 5 }, 3);
    const model = new Seq2seqTransformer(toyModelConfig(data.task, config), 3);
    const h = data.heldOut;
    const tt = data.task.targetLength;
    const seen = new Set<number>();
    for (let round = 0; round < 6; round++) {
      const fast = await heldOutAccuracy(model, data);
      const free = await greedyBatch(model, h.source, h.size, BOS, tt);
      let exact = 0;
      let right = 0;
      for (let b = 0; b < h.size; b++) {
        let all = true;
        for (let t = 0; t < tt; t++) if (free[b * tt + t] === h.target[b * tt + t]) right += 1;
        else all = false;
        if (all) exact += 1;
      }
      expect(fast.exact).toBeCloseTo(exact / h.size, 10);
      expect(fast.token).toBeCloseTo(right / (h.size * tt), 10);
      seen.add(Math.round(fast.exact * 4));
      for (let i = 0; i < 40; i++) {
        const b = toyBatchTensors(data.trainBatch(config.batch), data.task);
        model.trainStep(b).dispose();
        tf.dispose([b.source, b.decoderInput, b.target]);
      }
    }
    // the rounds covered more than one stage of accuracy (so the shortcut's both branches ran)
    expect(seen.size).toBeGreaterThan(1);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('pronouncer kind', () => {
  const dict = parseCmudict(bufferOf(packed('cmudict')));
  cmudictStore.provide(dict);

  it('splits the dictionary by word, with letters and stress-free phonemes', () => {
    const d = pronouncerData(dict, 1);
    expect(d.train.length + d.heldOut.length).toBe(dict.entries.length);
    const held = new Set(d.heldOut.map((e) => e.word));
    expect(d.train.some((e) => held.has(e.word))).toBe(false);
    expect(d.targetTokens.every((p) => !/[0-2]$/.test(p))).toBe(true);
  });

  it('trains, scores held-out words, aligns a typed word and refuses a bad one', async () => {
    const before = tf.memory().numTensors;
    const m = pronouncerSpec.create({ dataUrl: '', layers: 1, dModel: 16, heads: 2, learningRate: 0.005, warmup: 10, batch: 8 }, 1);
    m.step().dispose();
    const v = (await m.view()) as PronouncerView;
    expect(v.per).toBeGreaterThan(0);
    const a = (await m.answer!({ type: 'align', word: 'cat', beamWidth: 2 })) as AlignAnswer;
    expect(a.letters).toEqual(['C', 'A', 'T']);
    expect(a.alignment).toHaveLength(a.greedy.length * 3);
    for (let i = 0; i < a.greedy.length; i++) expect(a.alignment.slice(i * 3, i * 3 + 3).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 4);
    expect(a.dictionary).toEqual(['K', 'AE', 'T']);
    await expect(m.answer!({ type: 'align', word: 'naïve', beamWidth: 2 })).rejects.toThrow(/“Ï” is not in the vocabulary/);
    const g = (await m.answer!({ type: 'decode', input: 'dog', method: 'greedy', maxLength: 30 })) as DecodeAnswer;
    expect(g.message).toMatch(/generating at most/);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
