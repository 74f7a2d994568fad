/// <reference lib="webworker" />
/**
 * The loops the widget is compared against, in a module worker like the site's.
 * Same data (linearData n=30, noise 0.3, seed 1), full batch, L2 loss, lr 0.1.
 */
import * as tf from '@tensorflow/tfjs';
import { browserBackendHost, registerBrowserBackends } from '../src/engine/browserBackends';
import { linearData } from '../src/engine/data/regression';
import { createHost } from '../src/engine/host';
import { checkAll } from '../src/engine/backend';
import { linearRegressionSpec, type LinearRegressionConfig } from '../src/engine/models/linearRegression';
import type { FromWorker } from '../src/engine/protocol';
import { createRng } from '../src/engine/rng';
import { Trainer } from '../src/engine/trainer';
import type { LoopMessage, LoopResult } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const SEED = 1;
const data = linearData({ n: 30, noise: 0.3, seed: SEED });
const config: LinearRegressionConfig = { xs: data.xs, ys: data.ys, loss: 'l2', learningRate: 0.1, batchSize: 200, huberDelta: 1 };
/** The scheduler's per-tick budget (Scheduler's budgetMs default): groups of steps grow to fill it. */
const BUDGET_MS = 12;

registerBrowserBackends();

/** Measures one window of `ms` milliseconds. */
type Measure = (ms: number) => Promise<LoopResult>;
let measure: Measure | null = null;

self.onmessage = async (ev: MessageEvent<LoopMessage>) => {
  const m = ev.data;
  let result: LoopResult;
  try {
    if (m.type === 'open') {
      if (m.mode === 'bare-checked') await checkAll(browserBackendHost); // every backend initialised, as the host does
      measure = m.mode === 'host' || m.mode === 'host-page' ? await hostLoop(m.backend, m.mode) : await groupedLoop(m.backend, m.mode === 'trainer' ? trainerModel() : bareModel(), m.mode !== 'bare-every');
      result = { backend: tf.getBackend(), steps: 0, total: 0, ms: 0, stepsPerSecond: 0, group: 0 };
    } else {
      result = await measure!(m.ms);
    }
  } catch (e) {
    result = { backend: tf.getBackend() ?? '', steps: 0, total: 0, ms: 0, stepsPerSecond: 0, group: 0, error: (e as Error)?.message ?? String(e) };
  }
  self.postMessage({ type: 'result', result });
};

/** Runs `n` steps and waits for one read of the last loss. */
type RunGroup = (n: number) => Promise<void>;

/** The bare loop: nothing but tfjs. */
function bareModel(): () => RunGroup {
  return () => {
    const rng = createRng(SEED); // the widget's starting (w, b) for this seed
    const w = tf.tidy(() => tf.variable(tf.scalar(rng.next() * 4 - 2)));
    const b = tf.tidy(() => tf.variable(tf.scalar(rng.next() * 4 - 2)));
    const x = tf.tensor1d(data.xs);
    const y = tf.tensor1d(data.ys);
    const lr = config.learningRate;
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.add(tf.mul(w, x), b), y))), [w, b]);
        w.assign(tf.sub(w, tf.mul(lr, grads[w.name])));
        b.assign(tf.sub(b, tf.mul(lr, grads[b.name])));
        return value;
      });
    return async (n) => {
      let last: tf.Scalar | null = null;
      for (let i = 0; i < n; i++) {
        last?.dispose();
        last = step();
      }
      await last!.data();
      last!.dispose();
    };
  };
}

/** The app's Trainer and model, without scheduler or host. */
function trainerModel(): () => RunGroup {
  return () => {
    const t = new Trainer(linearRegressionSpec, config, SEED);
    return async (n) => {
      await t.step(n);
    };
  };
}

/** Groups run back to back, sized as the scheduler sizes them (or 1 step per read when not adaptive). */
async function groupedLoop(backend: string, make: () => RunGroup, adaptive: boolean): Promise<Measure> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs refused backend ${backend}`);
  await tf.ready();
  const run = make();
  let n = 1;
  return async (ms) => {
    const t0 = performance.now();
    let steps = 0;
    let groups = 0;
    for (;;) {
      const a = performance.now();
      if (a - t0 >= ms) return { backend: tf.getBackend(), steps, total: steps, ms: a - t0, stepsPerSecond: (steps * 1000) / (a - t0), group: steps / Math.max(1, groups) };
      await run(n);
      steps += n;
      groups++;
      const dt = Math.max(0.01, performance.now() - a);
      if (adaptive) n = Math.max(1, Math.min(4096, Math.round((n * BUDGET_MS) / dt) || 1));
    }
  };
}

/** The site's worker host driven through its protocol; steps counted from the metrics it posts. */
async function hostLoop(backend: string, mode: 'host' | 'host-page'): Promise<Measure> {
  let window: { start: number; ms: number; first?: { t: number; step: number }; last?: { t: number; step: number }; posts: number } | null = null;
  let ran = backend;
  let lastStep = 0;
  let failure: string | null = null;
  let created!: () => void;
  const ready = new Promise<void>((r) => (created = r));
  const post = (m: FromWorker) => {
    self.postMessage(m); // the structured clone and the post are part of the cost
    if (m.type === 'backend') ran = m.backend;
    if (m.type === 'metrics') lastStep = m.step;
    if (m.type === 'error') failure = m.message;
    if (m.type === 'backend' || m.type === 'error') created();
    if (m.type !== 'metrics' || m.state !== 'running' || !window) return;
    const t = performance.now();
    if (!window.first) window.first = { t, step: m.step };
    else if (t - window.start <= window.ms) {
      window.last = { t, step: m.step };
      window.posts++;
    }
  };
  const host = createHost(post, browserBackendHost);
  // create is async (backend choice and its probe): measuring waits until the trainer exists.
  host.handle({ type: 'create', id: 'fit', kind: 'linear-regression', config, seed: SEED, forced: backend, stepsPerSecond: 0 });
  await ready;
  if (failure) throw new Error(failure);
  if (mode === 'host-page') {
    // Chapter 1's other two trainers, idle, as the page's worker held them before trainers were built
    // only near the viewport: with them the running trainer's tensor bookkeeping was up to 2x slower.
    host.handle({ type: 'create', id: 'batches', kind: 'linear-regression-batches', config: { ...config, batchSizes: [1, 8, 30] }, seed: SEED, forced: backend, stepsPerSecond: 30 });
    host.handle({ type: 'create', id: 'challenge', kind: 'linear-regression', config, seed: SEED, forced: backend, stepsPerSecond: 0 });
    await new Promise((r) => setTimeout(r, 500));
  }
  return async (ms) => {
    const w: NonNullable<typeof window> = { start: performance.now(), ms, posts: 0 };
    window = w;
    const before = lastStep;
    host.handle({ type: 'play', id: 'fit' });
    await new Promise((r) => setTimeout(r, ms + 50));
    host.handle({ type: 'pause', id: 'fit' });
    window = null;
    await new Promise((r) => setTimeout(r, 50)); // let the last group finish before another loop runs
    const total = lastStep - before; // pause posts the final step
    if (!w.first || !w.last) return { backend: ran, steps: 0, total, ms: 0, stepsPerSecond: 0, group: 0, error: failure ?? 'no metrics while running' };
    const steps = w.last.step - w.first.step;
    const dt = w.last.t - w.first.t;
    return { backend: ran, steps, total, ms: dt, stepsPerSecond: (steps * 1000) / dt, group: steps / Math.max(1, w.posts) };
  };
}
