/**
 * A running trainer's routine views are spaced by their cost (host.ts, VIEW_COST_FACTOR): a model whose view
 * takes 150 ms gets one at most every ~600 ms, so views take at most about a fifth of its time. Without the
 * spacing the forecaster spent a third of its time or more in views (90 ms on wasm, 350 ms on cpu, one per
 * 200 ms at speed max). Driven in Node as in hostProtocol.test.ts; the fake model records when each view began
 * and what it cost.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendHost } from '../../src/engine/backend';
import { createHost } from '../../src/engine/host';
import type { Model, ModelSpec } from '../../src/engine/model';
import type { FromWorker, ToWorker } from '../../src/engine/protocol';
import { registerSpec } from '../../src/engine/registry';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const VIEW_MS = 150;
const views: { start: number; cost: number }[] = [];

/** A cheap step and a view that busy-waits VIEW_MS (a real cost, as a readback or a large forward pass is). */
const slowViewSpec: ModelSpec<{ learningRate: number }, { w: number }> = {
  kind: 'slow-view-test',
  probeConfig: { learningRate: 0.1 },
  create(config): Model<{ learningRate: number }, { w: number }> {
    const w = tf.tidy(() => tf.variable(tf.scalar(0)));
    return {
      step: () => {
        w.assign(tf.add(w, tf.mul(config.learningRate, tf.sub(1, w))));
        return tf.square(tf.sub(1, w)) as tf.Scalar;
      },
      configure: () => {},
      view: async () => {
        const start = performance.now();
        while (performance.now() - start < VIEW_MS) {
          /* the view's cost */
        }
        views.push({ start, cost: performance.now() - start });
        return { w: (await w.data())[0] };
      },
      variables: () => [w],
      dispose: () => w.dispose(),
    };
  },
};
registerSpec(slowViewSpec);

const noWebgpu: BackendHost = { webgpuAdapter: async () => ({ available: false, fallback: false }) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('view pacing', () => {
  it('spaces routine views by at least three times the last view’s cost while running at max speed', async () => {
    const log: FromWorker[] = [];
    const host = createHost((m) => log.push(m), noWebgpu);
    const send = (m: ToWorker) => host.handle(m);
    send({ type: 'create', id: 'v', kind: 'slow-view-test', config: { learningRate: 0.1 }, seed: 1, forced: null, stepsPerSecond: 0 });
    for (let waited = 0; !log.some((m) => m.type === 'metrics' && m.id === 'v') && waited < 10_000; waited += 10) await sleep(10);
    const before = views.length;
    send({ type: 'play', id: 'v' });
    await sleep(3000);
    send({ type: 'pause', id: 'v' });
    await sleep(300);
    send({ type: 'dispose', id: 'v' });
    // The views while running: the first follows play at once (a state change), the rest are routine.
    const running = views.slice(before);
    expect(running.length).toBeGreaterThanOrEqual(3);
    const routine = running.slice(1, -1); // the last may be pause's explicit view
    for (let k = 1; k < routine.length; k++) expect(routine[k].start - routine[k - 1].start).toBeGreaterThanOrEqual(3 * routine[k - 1].cost);
    expect(log.filter((m) => m.type === 'error')).toEqual([]);
  });
});
