/**
 * Requests and named data through the worker's message handler (driven in Node as in
 * hostProtocol.test.ts): a model answers while training runs and while paused, a disposed
 * trainer's request is rejected with a reason, a model without answer() says so, data sent
 * by name reaches the model (and survives a reset), and no request leaves a tensor behind.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendHost } from '../../src/engine/backend';
import { linearData } from '../../src/engine/data/regression';
import { createHost } from '../../src/engine/host';
import type { DataPayload, Model, ModelSpec } from '../../src/engine/model';
import type { FromWorker, MetricsMessage, ToWorker } from '../../src/engine/protocol';
import { registerSpec } from '../../src/engine/registry';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

/** w ← w + η (target − w), target = mean of the 'target' data (1 without it); answers w·t for each t asked. */
interface TowardConfig { learningRate: number }
interface TowardRequest { times: number[] }
interface TowardAnswer { ys: number[]; step: number }
const towardSpec: ModelSpec<TowardConfig, { w: number }, TowardRequest, TowardAnswer> = {
  kind: 'toward-test',
  probeConfig: { learningRate: 0.1 },
  create(config): Model<TowardConfig, { w: number }, TowardRequest, TowardAnswer> {
    let c = config;
    const w = tf.tidy(() => tf.variable(tf.scalar(0))); // tidy: the initial tensor is not kept beside the variable
    let target = 1;
    let steps = 0;
    return {
      step: () => {
        steps += 1;
        w.assign(tf.add(w, tf.mul(c.learningRate, tf.sub(target, w))));
        return tf.square(tf.sub(target, w)) as tf.Scalar;
      },
      configure: (next) => void (c = next),
      view: async () => ({ w: (await w.data())[0] }),
      answer: async (q) => {
        const t = tf.tidy(() => tf.mul(w, tf.tensor1d(q.times)));
        const ys = Array.from(await t.data());
        t.dispose();
        return { ys, step: steps };
      },
      receiveData: (name: string, payload: DataPayload) => {
        if (name === 'target' && payload instanceof Float32Array) target = payload.reduce((a, x) => a + x, 0) / payload.length;
      },
      variables: () => [w],
      dispose: () => w.dispose(),
    };
  },
};
registerSpec(towardSpec);

const noWebgpu: BackendHost = { webgpuAdapter: async () => ({ available: false, fallback: false }) };
type Answer = Extract<FromWorker, { type: 'answer' }>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T extends FromWorker>(log: FromWorker[], pred: (m: FromWorker) => m is T, what: string, limitMs = 20_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const m = log.find(pred);
    if (m) return m;
    if (Date.now() > until) throw new Error(`no ${what} within ${limitMs} ms`);
    await sleep(5);
  }
}
const metrics = (id: string, ok: (m: MetricsMessage) => boolean) => (m: FromWorker): m is MetricsMessage => m.type === 'metrics' && m.id === id && ok(m);
const answered = (requestId: number) => (m: FromWorker): m is Answer => m.type === 'answer' && m.requestId === requestId;

function startHost() {
  const log: FromWorker[] = [];
  const host = createHost((m) => log.push(m), noWebgpu);
  let next = 0;
  const send = (m: ToWorker) => host.handle(m);
  /** Sends one request and waits for its answer message. */
  const ask = async (id: string, request: unknown) => {
    const requestId = ++next;
    send({ type: 'request', id, requestId, request });
    return waitFor(log, answered(requestId), `answer ${requestId}`);
  };
  return { log, send, ask };
}
const create = (id: string, kind = 'toward-test', config: unknown = { learningRate: 0.1 }): ToWorker => ({ type: 'create', id, kind, config, seed: 1, forced: null, stepsPerSecond: 0 });

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('requests through the host', () => {
  it('answered while training runs and while paused; rejected once disposed; tensor counts flat', async () => {
    const baseline = tf.memory().numTensors;
    const { log, send, ask } = startHost();
    send(create('m'));
    await waitFor(log, metrics('m', (m) => m.step === 0), 'initial metrics');

    send({ type: 'speed', id: 'm', stepsPerSecond: 500 });
    send({ type: 'play', id: 'm' });
    await waitFor(log, metrics('m', (m) => m.state === 'running' && m.step > 20), 'steps while running');
    const during = await ask('m', { times: [1, 2] });
    expect(during.error).toBeUndefined();
    const a = during.answer as TowardAnswer;
    expect(a.step).toBeGreaterThan(20);
    expect(a.ys[1]).toBeCloseTo(2 * a.ys[0], 6);
    expect(a.ys[0]).toBeGreaterThan(0.5); // w has moved towards the target 1
    // The trainer kept running: the request did not pause it.
    await waitFor(log, metrics('m', (m) => m.state === 'running' && m.step > a.step), 'steps after the answer');

    send({ type: 'pause', id: 'm' });
    await waitFor(log, metrics('m', (m) => m.state === 'paused'), 'paused');
    await sleep(50);
    const settled = tf.memory().numTensors;
    const first = (await ask('m', { times: [1] })).answer as TowardAnswer;
    for (let i = 0; i < 5; i++) {
      const again = (await ask('m', { times: [1] })).answer as TowardAnswer;
      expect(again).toEqual(first); // paused: the same weights, the same step
    }
    expect(tf.memory().numTensors).toBe(settled);

    send({ type: 'dispose', id: 'm' });
    const gone = await ask('m', { times: [1] });
    expect(gone.answer).toBeUndefined();
    expect(gone.error).toMatch(/No trainer "m"/);
    const until = Date.now() + 5000;
    while (tf.memory().numTensors !== baseline && Date.now() < until) await sleep(5);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('a request sent before the trainer is built waits for it; a model without answer() says so', async () => {
    const { send, ask } = startHost();
    const { xs, ys } = linearData({ n: 16, noise: 0.1, seed: 2 });
    send(create('early'));
    send(create('lin', 'linear-regression', { xs, ys, loss: 'l2', learningRate: 0.1, batchSize: 16, huberDelta: 1 }));
    cleanup = () => ['early', 'lin'].forEach((id) => send({ type: 'dispose', id }));
    const [early, lin] = await Promise.all([ask('early', { times: [3] }), ask('lin', { times: [3] })]);
    expect(early.answer).toEqual({ ys: [0], step: 0 });
    expect(lin.error).toMatch(/answers no requests/);
  });

  it('data sent by name reaches the model, after a reset too, and sees configure sent before it', async () => {
    const { log, send, ask } = startHost();
    send(create('d'));
    cleanup = () => send({ type: 'dispose', id: 'd' });
    send({ type: 'data', id: 'd', name: 'target', payload: new Float32Array([4, 6]) });
    send({ type: 'configure', id: 'd', config: { learningRate: 1 } });
    send({ type: 'step', id: 'd', n: 1 });
    await waitFor(log, metrics('d', (m) => m.step === 1), 'step 1');
    // η = 1: one step lands on the target, the data's mean 5.
    expect(((await ask('d', { times: [1] })).answer as TowardAnswer).ys[0]).toBeCloseTo(5, 5);
    send({ type: 'reset', id: 'd', seed: 2 });
    send({ type: 'step', id: 'd', n: 1 });
    const afterReset = await ask('d', { times: [1] });
    expect(afterReset.answer).toEqual({ ys: [5], step: 1 });
    const runs = log.filter(metrics('d', () => true)).map((m) => m.run);
    expect(runs[0]).toBe(0);
    expect(runs.at(-1)).toBe(1); // the reset started the next run
  });
});
