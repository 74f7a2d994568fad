/**
 * The book's character-level language model end to end through the worker's message handler, as
 * the page drives it: an LSTM trained on the real first names (packed as the build packs them)
 * reaches a held-out loss that the unigram model cannot, and names are sampled through the request
 * path while it is paused. Also the corpus split and the unigram baseline against direct counts.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendHost } from '../../src/engine/backend';
import { namesStore, parseNames } from '../../src/engine/data/names';
import { createHost } from '../../src/engine/host';
import type { CharLmAnswer, CharLmConfig, CharLmView } from '../../src/engine/models/charLm';
import { buildCharCorpus, unigramLoss } from '../../src/engine/models/charLmData';
import type { FromWorker, MetricsMessage, ToWorker } from '../../src/engine/protocol';
import { useCpuBackend } from './support/cpuBackend';
import { bufferOf, packed } from './support/textDataFixture';

useCpuBackend();

const names = parseNames(bufferOf(packed('names')));
const noWebgpu: BackendHost = { webgpuAdapter: async () => ({ available: false, fallback: false }) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Answer = Extract<FromWorker, { type: 'answer' }>;

async function waitFor<T extends FromWorker>(log: FromWorker[], pred: (m: FromWorker) => m is T, what: string, limitMs: number): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const m = log.find(pred);
    if (m) return m;
    if (Date.now() > until) throw new Error(`no ${what} within ${limitMs} ms`);
    await sleep(10);
  }
}

describe('the names corpus for the character model', () => {
  it('splits by name, 10% held out, and every held-out name is unseen in training', () => {
    const c = buildCharCorpus(names, 1);
    const decode = (ids: Int32Array) => Array.from(ids, (i) => c.vocab.tokens[i]).join('').split('\n').filter(Boolean);
    const train = decode(c.train);
    const held = decode(c.heldOut);
    expect(train.length + held.length).toBe(names.female.length + names.male.length);
    expect(held.length).toBe(Math.round((train.length + held.length) * 0.1));
    // Names repeat across the two lists (a few), but the split is by position: most held-out names are new.
    const seen = new Set(train);
    expect(held.filter((n) => !seen.has(n)).length / held.length).toBeGreaterThan(0.9);
  });

  it('the unigram baseline equals the cross-entropy of add-one smoothed training counts', () => {
    const c = buildCharCorpus(names, 1);
    const v = c.vocab.tokens.length;
    const counts = new Map<number, number>();
    for (const id of c.train.subarray(1)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const n = c.train.length - 1;
    let sum = 0;
    for (const id of c.heldOut.subarray(1)) sum += -Math.log(((counts.get(id) ?? 0) + 1) / (n + v));
    expect(unigramLoss(c)).toBeCloseTo(sum / (c.heldOut.length - 1), 10);
    // Between the uniform model's ln |V| and zero: letters are far from equally likely.
    expect(unigramLoss(c)).toBeLessThan(Math.log(v));
    expect(unigramLoss(c)).toBeGreaterThan(2);
  });
});

describe('the character LSTM through the host', () => {
  it('trains below the unigram baseline, then samples names on request; no tensor left after dispose', async () => {
    namesStore.provide(names);
    const baseline = tf.memory().numTensors;
    const log: FromWorker[] = [];
    const host = createHost((m) => log.push(m), noWebgpu);
    const send = (m: ToWorker) => host.handle(m);
    const config: CharLmConfig = { dataUrl: '', hidden: 64, embed: 0, window: 16, batch: 32, learningRate: 0.01, clip: 5 };
    send({ type: 'create', id: 'lm', kind: 'char-lm', config, seed: 1, forced: 'cpu', stepsPerSecond: 0 });
    const first = await waitFor(log, (m): m is MetricsMessage => m.type === 'metrics' && m.id === 'lm' && m.view !== null, 'the first view', 60_000);
    const v0 = first.view as unknown as CharLmView;
    expect(v0.uniform).toBeCloseTo(Math.log(v0.tokens.length), 12);

    send({ type: 'play', id: 'lm' });
    const below = (m: FromWorker): m is MetricsMessage =>
      m.type === 'metrics' && m.id === 'lm' && (m.view as unknown as CharLmView | null)?.heldOut != null && (m.view as unknown as CharLmView).heldOut! < (m.view as unknown as CharLmView).unigram - 0.1;
    const reached = await waitFor(log, below, 'a held-out loss 0.1 nats under the unigram model', 240_000);
    send({ type: 'pause', id: 'lm' });
    await waitFor(log, (m): m is MetricsMessage => m.type === 'metrics' && m.id === 'lm' && m.state === 'paused', 'paused', 30_000);
    const view = reached.view as unknown as CharLmView;
    expect(view.heldOut!).toBeLessThan(view.unigram);

    let requestId = 0;
    const ask = async (request: unknown) => {
      const rid = ++requestId;
      send({ type: 'request', id: 'lm', requestId: rid, request });
      return (await waitFor(log, (m): m is Answer => m.type === 'answer' && m.requestId === rid, `answer ${rid}`, 60_000));
    };
    const sampled = await ask({ prompt: 'Ma', count: 8, temperature: 0.8, topK: 10, seed: 3 });
    expect(sampled.error).toBeUndefined();
    const a = sampled.answer as CharLmAnswer;
    expect(a.names).toHaveLength(8);
    for (const n of a.names) {
      expect(n.startsWith('ma')).toBe(true);
      expect(n).toMatch(/^[a-z-]+$/);
      expect(n.length).toBeLessThanOrEqual(20);
    }
    const total = a.next.probs.reduce((s, p) => s + p, 0);
    expect(total).toBeCloseTo(1, 5);
    // top-k 10: at most ten characters can follow.
    expect(a.next.probs.filter((p) => p > 0).length).toBeLessThanOrEqual(10);

    // Temperature 0 is greedy: two draws with different seeds agree; an unknown character is dropped and named.
    const g1 = (await ask({ prompt: 'a', count: 1, temperature: 0, seed: 1 })).answer as CharLmAnswer;
    const g2 = (await ask({ prompt: 'a', count: 1, temperature: 0, seed: 99 })).answer as CharLmAnswer;
    expect(g1.names).toEqual(g2.names);
    const odd = (await ask({ prompt: 'a7', count: 1, temperature: 0, seed: 1 })).answer as CharLmAnswer;
    expect(odd.dropped).toEqual(['7']);
    expect(odd.names).toEqual(g1.names);

    send({ type: 'dispose', id: 'lm' });
    const until = Date.now() + 10_000;
    while (tf.memory().numTensors !== baseline && Date.now() < until) await sleep(10);
    expect(tf.memory().numTensors).toBe(baseline);
    console.log(`char-lm: held-out ${view.heldOut!.toFixed(3)} vs unigram ${view.unigram.toFixed(3)} nats/char at step ${reached.step}; names: ${a.names.join(', ')}`);
  }, 300_000);
});
