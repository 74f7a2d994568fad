/**
 * The worker's message handler driven directly: messages in through handle(),
 * messages out collected from post(). Node has only the cpu backend, and the fake
 * BackendHost reports no WebGPU adapter.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendHost } from '../../src/engine/backend';
import { linearData } from '../../src/engine/data/regression';
import { createHost } from '../../src/engine/host';
import type { FromWorker, MetricsMessage, ToWorker } from '../../src/engine/protocol';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const noWebgpu: BackendHost = { webgpuAdapter: async () => ({ available: false, fallback: false }) };
const { xs, ys } = linearData({ n: 32, noise: 0.1, seed: 2 });
const config = { xs, ys, loss: 'l2', learningRate: 0.1, batchSize: 32, huberDelta: 1, init: [-2, -1.5] };

/** Resolves when a message matching `pred` has arrived; polls with short sleeps (no timing is asserted). */
async function waitFor<T extends FromWorker>(log: FromWorker[], pred: (m: FromWorker) => m is T, what: string, limitMs = 20_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const m = log.find(pred);
    if (m) return m;
    if (Date.now() > until) throw new Error(`no ${what} within ${limitMs} ms; got ${JSON.stringify(log.map((x) => [x.type, 'step' in x ? x.step : '', 'state' in x ? x.state : '']))}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const metrics = (id: string, ok: (m: MetricsMessage) => boolean) => (m: FromWorker): m is MetricsMessage => m.type === 'metrics' && m.id === id && ok(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startHost() {
  const log: FromWorker[] = [];
  const host = createHost((m) => log.push(m), noWebgpu);
  const send = (m: ToWorker) => host.handle(m);
  return { log, send };
}

const create = (id: string, kind = 'linear-regression'): Extract<ToWorker, { type: 'create' }> => ({ type: 'create', id, kind, config, seed: 1, forced: null, stepsPerSecond: 0 });

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('host protocol', () => {
  it('create, step, play, pause, dispose: metrics arrive, the loss falls, tensors are freed', async () => {
    const baseline = tf.memory().numTensors;
    const { log, send } = startHost();
    send(create('fit'));
    const backend = await waitFor(log, (m): m is Extract<FromWorker, { type: 'backend' }> => m.type === 'backend' && m.id === 'fit', 'backend message');
    expect(backend.backend).toBe('cpu');
    expect(backend.fallback).toBeNull();
    const initial = await waitFor(log, metrics('fit', (m) => m.step === 0), 'initial metrics');
    expect(initial.state).toBe('idle');
    expect(initial.view).not.toBeNull();

    send({ type: 'step', id: 'fit', n: 1 });
    const first = await waitFor(log, metrics('fit', (m) => m.step === 1), 'metrics of step 1');
    expect(first.state).toBe('paused'); // a manual step marks an idle trainer paused
    send({ type: 'step', id: 'fit', n: 49 });
    const at50 = await waitFor(log, metrics('fit', (m) => m.step === 50), 'metrics of step 50');
    expect(Number.isFinite(at50.loss)).toBe(true);
    expect(at50.loss!).toBeLessThan(first.loss!);
    expect(at50.view).toHaveProperty('w');

    send({ type: 'play', id: 'fit' });
    await waitFor(log, metrics('fit', (m) => m.state === 'running'), 'running state');
    // The scheduler steps on its own while running.
    await waitFor(log, metrics('fit', (m) => m.state === 'running' && m.step > 50), 'steps while running');
    send({ type: 'pause', id: 'fit' });
    const paused = await waitFor(log, metrics('fit', (m) => m.state === 'paused' && m.step > 50), 'paused state');
    // Once paused, the step count stops moving (give the scheduler's current group time to land).
    await sleep(100);
    const settled = tf.memory().numTensors;
    const stepsAfterPause = log.filter(metrics('fit', () => true)).at(-1)!.step;
    await sleep(100);
    expect(log.filter(metrics('fit', () => true)).at(-1)!.step).toBe(stepsAfterPause);
    expect(stepsAfterPause).toBeGreaterThanOrEqual(paused.step);
    expect(tf.memory().numTensors).toBe(settled);

    send({ type: 'dispose', id: 'fit' });
    const until = Date.now() + 5000;
    while (tf.memory().numTensors !== baseline && Date.now() < until) await sleep(5);
    expect(tf.memory().numTensors).toBe(baseline);
    // Messages for a disposed trainer are ignored, not errors.
    send({ type: 'step', id: 'fit', n: 1 });
    await sleep(20);
    expect(log.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('while running, each metrics message carries the loss of every group since the previous one', async () => {
    const { log, send } = startHost();
    cleanup = async () => send({ type: 'dispose', id: 't' });
    send(create('t'));
    await waitFor(log, metrics('t', (m) => m.step === 0), 'initial metrics');
    send({ type: 'speed', id: 't', stepsPerSecond: 200 }); // small groups: several per message
    send({ type: 'play', id: 't' });
    await waitFor(log, metrics('t', (m) => m.state === 'running' && m.step > 60), 'steps while running');
    send({ type: 'pause', id: 't' });
    await waitFor(log, metrics('t', (m) => m.state === 'paused'), 'paused state');
    const ms = log.filter(metrics('t', () => true));
    const points = ms.flatMap((m) => (m.trail ? m.trail.steps.map((s, i) => [s, m.trail!.losses[i]]) : []));
    // Strictly increasing steps, finite losses, each message's own step last in its trail.
    expect(points.length).toBeGreaterThan(ms.filter((m) => m.state === 'running').length);
    points.slice(1).forEach(([s], i) => expect(s).toBeGreaterThan(points[i][0]));
    points.forEach(([, l]) => expect(Number.isFinite(l)).toBe(true));
    for (const m of ms) if (m.trail) expect(m.trail.steps.at(-1)).toBe(m.step);
  });

  it('reset and configure answer with fresh metrics', async () => {
    const { log, send } = startHost();
    cleanup = async () => send({ type: 'dispose', id: 'r' });
    send(create('r'));
    await waitFor(log, metrics('r', (m) => m.step === 0), 'initial metrics');
    send({ type: 'step', id: 'r', n: 20 });
    const before = await waitFor(log, metrics('r', (m) => m.step === 20), 'step 20');
    send({ type: 'reset', id: 'r', seed: 1 });
    send({ type: 'step', id: 'r', n: 20 });
    // Same seed and init: the replayed step 20 has the same loss.
    const replay = await waitFor(log, metrics('r', (m) => m.step === 20 && m !== before), 'replayed step 20');
    expect(replay.loss).toBe(before.loss);
    send({ type: 'configure', id: 'r', config: { ...config, learningRate: 0 } });
    send({ type: 'step', id: 'r', n: 5 });
    const frozen = await waitFor(log, metrics('r', (m) => m.step === 25), 'step 25');
    expect(frozen.view!.w).toBe(replay.view!.w);
  });

  it('messages sent before create has finished choosing a backend wait for it, not vanish', async () => {
    const { log, send } = startHost();
    cleanup = async () => send({ type: 'dispose', id: 'early' });
    send(create('early'));
    send({ type: 'step', id: 'early', n: 7 });
    send({ type: 'step', id: 'early', n: 3 });
    const m = await waitFor(log, metrics('early', (x) => x.step === 10), 'metrics of step 10');
    expect(m.state).toBe('paused');
  });

  it('dispose right after create (React StrictMode runs effects twice) frees the trainer', async () => {
    const baseline = tf.memory().numTensors;
    const { log, send } = startHost();
    send(create('strict'));
    send({ type: 'dispose', id: 'strict' });
    await waitFor(log, (m): m is Extract<FromWorker, { type: 'backend' }> => m.type === 'backend' && m.id === 'strict', 'backend message');
    const until = Date.now() + 5000;
    while (tf.memory().numTensors !== baseline && Date.now() < until) await sleep(5);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('an unknown model kind answers with an error message', async () => {
    const { log, send } = startHost();
    send(create('nope', 'no-such-model'));
    const err = await waitFor(log, (m): m is Extract<FromWorker, { type: 'error' }> => m.type === 'error' && m.id === 'nope', 'error message');
    expect(err.message).toContain('no-such-model');
  });

  it('an unknown forced backend is noted on the backend message and the choice is automatic', async () => {
    const { log, send } = startHost();
    cleanup = async () => send({ type: 'dispose', id: 'f' });
    send({ ...create('f'), forced: 'tpu' });
    const backend = await waitFor(log, (m): m is Extract<FromWorker, { type: 'backend' }> => m.type === 'backend' && m.id === 'f', 'backend message');
    expect(backend.backend).toBe('cpu');
    // The note rides on the backend message, which stays on screen (an 'error' would be cleared by the next metrics).
    expect(backend.fallback).toContain('"tpu"');
  });
});
