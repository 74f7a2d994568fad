/**
 * Chapter 10's character GPT as a model kind: its corpora split as stated, its loss falls in a few steps
 * beside the LSTM with tensor counts flat and back to start after dispose, it answers a decode request
 * with every method (beam width 1 equal to greedy), and bad input gets a clear message or a clamp.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mobyDickStore, parseMobyDick } from '../../src/engine/data/mobyDick';
import { namesStore, parseNames } from '../../src/engine/data/names';
import type { DecodeAnswer, DecodeRequest } from '../../src/engine/decodeRequest';
import { charGptSpec, type CharGptConfig } from '../../src/engine/models/charGpt';
import { buildMobyCorpus } from '../../src/engine/models/charGptData';
import { promptIds } from '../../src/engine/models/charGptDecode';
import { appendPoint, MAX_POINTS } from '../../src/engine/models/timedCurve';
import { bufferOf, packed } from './support/textDataFixture';

const moby = parseMobyDick(bufferOf(packed('mobyDick')));
beforeAll(async () => {
  namesStore.provide(parseNames(bufferOf(packed('names'))));
  mobyDickStore.provide(moby);
  // wasm: the loaded test machine's cpu backend takes seconds per Transformer step.
  await tf.setBackend('wasm');
  await tf.ready();
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const tiny: CharGptConfig = { corpus: 'names', mobyUrl: '', namesUrl: '', layers: 1, dModel: 16, heads: 2, context: 12, batch: 8, learningRate: 0.01, lstm: true, lstmHidden: 16, lstmLearningRate: 0.02 };

describe('the corpora', () => {
  it('Moby-Dick: chapters 1-121 train, 122-135 are held out, about a tenth of the text', () => {
    const c = buildMobyCorpus(moby);
    const share = c.heldOut.length / (c.train.length + c.heldOut.length);
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
    expect(c.vocab.tokens.length).toBeGreaterThan(60);
    const w = c.heldOutWindows(32, 48);
    expect(w.windows).toBe(48);
    // Targets are the inputs shifted by one.
    expect(Array.from(w.inputs.subarray(1, 32))).toEqual(Array.from(w.targets.subarray(0, 31)));
  });
});

describe('the char-gpt kind', () => {
  it('the held-out loss falls in a few steps for both models; tensors flat across steps, views and answers, and back to start', async () => {
    const start = tf.memory().numTensors;
    const m = charGptSpec.create(tiny, 1);
    const v0 = await m.view();
    expect(v0.gpt.loss[0]).toBeCloseTo(Math.log(v0.vocabSize), 0);
    for (let i = 0; i < 3; i++) tf.dispose(m.step());
    const mid = tf.memory().numTensors;
    // As the host does: a view now and then, which adds a curve point when one is due.
    for (let i = 0; i < 40; i++) {
      tf.dispose(m.step());
      if (i % 5 === 4) await m.view();
    }
    await m.answer!({ type: 'decode', input: 'an', method: 'beam', maxLength: 5, beamWidth: 3 });
    expect(tf.memory().numTensors).toBe(mid);
    const v = await m.view();
    const last = (c: { loss: number[] }) => c.loss[c.loss.length - 1];
    expect(last(v.gpt)).toBeLessThan(v.gpt.loss[0] - 0.4);
    expect(last(v.lstm)).toBeLessThan(v.lstm.loss[0] - 0.4);
    expect(v.gptSeconds).toBeGreaterThan(0);
    expect(v.lstmSeconds).toBeGreaterThan(0);
    expect(v.tokens).toBe(43 * 8 * 12);
    // Seconds only grow along a curve.
    for (let i = 1; i < v.gpt.seconds.length; i++) expect(v.gpt.seconds[i]).toBeGreaterThanOrEqual(v.gpt.seconds[i - 1]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(start);
  }, 60_000);

  it('answers a decode request with every method; beam width 1 equals greedy', async () => {
    const m = charGptSpec.create({ ...tiny, lstm: false }, 2);
    for (let i = 0; i < 20; i++) tf.dispose(m.step());
    const ask = (q: Partial<DecodeRequest>) => m.answer!({ type: 'decode', input: 'mar', method: 'greedy', maxLength: 6, ...q } as DecodeRequest);
    const g = await ask({ method: 'greedy' });
    const b1 = await ask({ method: 'beam', beamWidth: 1 });
    expect(b1.output).toBe(g.output);
    expect(b1.logProb).toBeCloseTo(g.logProb, 4);
    const b4 = await ask({ method: 'beam', beamWidth: 4 });
    expect(b4.beams!.length).toBeGreaterThan(1);
    expect(b4.tree!.length).toBeGreaterThan(4);
    // A wider beam finds an output at least as likely as greedy's whenever both end the same way.
    if (b4.beams![0].finished && b1.beams![0].finished) expect(b4.logProb).toBeGreaterThanOrEqual(g.logProb - 1e-6);
    const s = await ask({ method: 'sample', temperature: 1, topK: 5, topP: 0.9, seed: 3 });
    expect(s.steps.length).toBeGreaterThan(0);
    for (const st of s.steps) expect(st.top.length).toBeLessThanOrEqual(5);
    expect((await ask({ method: 'sample', temperature: 1, seed: 3 })).output).toBe((await ask({ method: 'sample', temperature: 1, seed: 3 })).output);
    // τ = 0 is greedy.
    expect((await ask({ method: 'sample', temperature: 0 })).output).toBe(g.output);
    // Each step's probabilities are a distribution's.
    for (const st of g.steps) {
      expect(st.p).toBeGreaterThan(0);
      expect(st.p).toBeLessThanOrEqual(1);
    }
    m.dispose();
  }, 60_000);

  it('bad input: clear messages and clamps', async () => {
    const m = charGptSpec.create({ ...tiny, lstm: false }, 3);
    const ask = (q: Partial<DecodeRequest>) => m.answer!({ type: 'decode', input: 'an', method: 'greedy', maxLength: 4, ...q } as DecodeRequest) as Promise<DecodeAnswer>;
    expect((await ask({ method: 'beam', beamWidth: 0 })).message).toMatch(/keeps nothing/);
    expect((await ask({ method: 'beam', beamWidth: 1000 })).message).toMatch(/more than 16/);
    expect((await ask({ method: 'sample', topP: 0 })).message).toMatch(/top-p of 0/);
    // top-p of 0 is greedy.
    expect((await ask({ method: 'sample', topP: 0, seed: 9 })).output).toBe((await ask({ method: 'greedy' })).output);
    expect((await ask({ input: 'a7ñ' })).message).toMatch(/never saw/);
    expect((await ask({ input: 'x'.repeat(40) })).message).toMatch(/more than the context of 12/);
    expect((await ask({ maxLength: 0 })).steps.length).toBe(1);
    expect((await ask({ maxLength: 100000 })).message).toMatch(/using 400/);
    expect((await ask({ method: 'sample', temperature: -1 })).message).toMatch(/not ≥ 0/);
    await expect(m.answer!({ type: 'nonsense' } as unknown as DecodeRequest)).rejects.toThrow(/decode requests only/);
    m.dispose();
    expect(() => charGptSpec.create({ ...tiny, heads: 3 }, 1)).toThrow(/do not divide/);
    expect(() => charGptSpec.create({ ...tiny, context: 1000 }, 1)).toThrow(/context/);
  }, 60_000);

  it('an empty Moby-Dick prompt starts after a line break; names start at the boundary', () => {
    const c = buildMobyCorpus(moby);
    const book = { vocab: c.vocab, boundaryId: c.boundaryId, lowercase: false, boundaryEnds: false };
    const e = promptIds('', book, 32);
    expect(e.ids).toEqual([c.boundaryId]);
    expect(e.notes[0]).toMatch(/empty/);
    expect(promptIds('Call me', book, 4).ids.length).toBe(4);
  });
});

describe('the curve store', () => {
  it('thins to every other point past its cap, keeping the first and the newest', () => {
    const c = { seconds: [] as number[], loss: [] as number[] };
    for (let i = 0; i <= MAX_POINTS; i++) appendPoint(c, i, -i);
    expect(c.seconds.length).toBeLessThanOrEqual(MAX_POINTS / 2 + 2);
    expect(c.seconds[0]).toBe(0);
    expect(c.seconds[c.seconds.length - 1]).toBe(MAX_POINTS);
  });
});
