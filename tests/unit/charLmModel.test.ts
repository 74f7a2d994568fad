/**
 * The character model's settings and bad input, straight from its spec (no worker): the GRU and the
 * LSTM both train and sample; Moby-Dick and a typed text make corpora; a one-character text, a NaN
 * temperature or a negative top-k get a message; an empty prompt starts from the boundary, unknown
 * prompt characters are named, τ = 0 is greedy and τ = 1000 near uniform, top-k above |V| keeps all.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mobyDickStore, parseMobyDick } from '../../src/engine/data/mobyDick';
import { namesStore, parseNames } from '../../src/engine/data/names';
import { ConfigError } from '../../src/engine/model';
import { charLmSpec, type CharLmConfig } from '../../src/engine/models/charLm';
import { buildTextCorpus } from '../../src/engine/models/charLmData';
import { useCpuBackend } from './support/cpuBackend';
import { bufferOf, packed } from './support/textDataFixture';

useCpuBackend();
beforeAll(() => {
  namesStore.provide(parseNames(bufferOf(packed('names'))));
  mobyDickStore.provide(parseMobyDick(bufferOf(packed('mobyDick'))));
});

const small: CharLmConfig = { dataUrl: '', hidden: 16, embed: 0, window: 12, batch: 8, learningRate: 0.02, clip: 5 };

describe('the character model: cells and corpora', () => {
  for (const cell of ['lstm', 'gru'] as const)
    it(`${cell}: the loss falls over 40 steps, a held-out point and samples come back, no tensor left`, async () => {
      const before = tf.memory().numTensors;
      const m = charLmSpec.create({ ...small, cell }, 1);
      const losses: number[] = [];
      for (let s = 0; s < 40; s++) {
        const l = m.step();
        losses.push((await l.data())[0]);
        l.dispose();
      }
      expect(losses.slice(-5).reduce((a, b) => a + b) / 5).toBeLessThan(losses[0] - 0.3);
      const v = await m.view();
      expect(v.heldOut).not.toBeNull();
      expect(v.series!['held-out perplexity']).toBeCloseTo(Math.exp(v.heldOut!), 6);
      expect(v.trigram).toBeLessThan(v.bigram);
      expect(v.bigram).toBeLessThan(v.unigram);
      expect(v.unigram).toBeLessThan(v.uniform);
      const a = await m.answer!({ prompt: '', count: 4, temperature: 1, seed: 2 });
      expect(a.names).toHaveLength(4);
      for (const n of a.names) expect(n).toMatch(/^[a-z-]*$/);
      m.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

  it('Moby-Dick: prose windows, passages sampled from a prompt', async () => {
    const m = charLmSpec.create({ ...small, corpus: 'moby' }, 1);
    const v = await m.view();
    expect(v.tokens).toContain(' ');
    const a = await m.answer!({ prompt: 'the whale', count: 1, temperature: 0.5, seed: 1 });
    expect(a.names[0].startsWith('the whale')).toBe(true);
    expect(a.names[0].length).toBeGreaterThan(9);
    m.dispose();
  });

  it('a typed text: one character, or too short, is refused with a message', () => {
    expect(() => charLmSpec.create({ ...small, corpus: 'text', text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, 1)).toThrow(ConfigError);
    expect(() => buildTextCorpus('aaaaaaaa')).toThrow(/one character only \("a"\)/);
    expect(() => buildTextCorpus('')).toThrow(/empty/);
    expect(() => buildTextCorpus('ab ba')).toThrow(/at least 50/);
    const c = buildTextCorpus('the cat sat on the mat and the dog sat on the log by the door of the barn');
    expect(c.heldOut.length).toBeGreaterThan(2);
  });
});

describe('the character model: bad requests', () => {
  it('empty prompt, unknown characters, τ = 0 and 1000, top-k 0 and above |V|, NaN', async () => {
    const m = charLmSpec.create(small, 1);
    for (let s = 0; s < 5; s++) m.step().dispose();
    const ask = (q: Partial<Parameters<NonNullable<typeof m.answer>>[0]>) => m.answer!({ prompt: '', count: 3, temperature: 1, seed: 1, ...q });
    const empty = await ask({});
    expect(empty.dropped).toEqual([]);
    expect(empty.next.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const odd = await ask({ prompt: 'Ma7 x', temperature: 0 });
    expect(odd.dropped).toEqual(['7', ' ']);
    for (const n of odd.names) expect(n.startsWith('max')).toBe(true);
    // τ = 0: greedy, the same name whatever the seed.
    const g = await ask({ temperature: 0, seed: 5 });
    expect(new Set(g.names).size).toBe(1);
    expect(Math.max(...g.next.probs)).toBe(1);
    // τ = 1000: nearly uniform over the |V| ids, never NaN.
    const hot = await ask({ temperature: 1000 });
    expect(Math.max(...hot.next.probs)).toBeLessThan(1.5 / hot.next.probs.length);
    expect(hot.next.probs.every(Number.isFinite)).toBe(true);
    // top-k 0 keeps all; above |V| keeps all (reported as null); 3 keeps three.
    expect((await ask({ topK: 0 })).topK).toBeNull();
    expect((await ask({ topK: 1000 })).topK).toBeNull();
    const k3 = await ask({ topK: 3 });
    expect(k3.topK).toBe(3);
    expect(k3.next.probs.filter((p) => p > 0)).toHaveLength(3);
    await expect(ask({ temperature: Number.NaN })).rejects.toThrow(/temperature/);
    await expect(ask({ temperature: -1 })).rejects.toThrow(/temperature/);
    await expect(ask({ topK: -2 })).rejects.toThrow(/top-k/);
    m.dispose();
  });
});
