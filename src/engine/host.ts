import * as tf from '@tensorflow/tfjs';
import { BACKENDS, checkAll, chooseBackend, fallbackAfter, isBackendName, type BackendChoice, type BackendHost, type BackendName } from './backend';
import type { FromWorker, ToWorker } from './protocol';
import { modelSpec } from './registry';
import { newSlot, Scheduler, type Slot } from './scheduler';
import { Trainer } from './trainer';
import type { ModelSpec } from './model';

/** How often a running trainer sends its view (weights, predictions) back: views cost a read, metrics are cheap. */
const VIEW_INTERVAL_MS = 50;

interface Entry {
  trainer: Trainer<unknown>;
  slot: Slot;
  backend: BackendName;
  lastView: number;
  /** Operations on one trainer run in order, even though some are async. */
  queue: Promise<void>;
}

/**
 * The training side of the page: builds trainers on request, runs them on one
 * scheduler, picks a backend per model kind and falls back when one fails.
 * `post` sends a message to the widgets; in the browser this runs in a worker.
 */
export function createHost(post: (m: FromWorker) => void, backendHost: BackendHost) {
  const scheduler = new Scheduler();
  const entries = new Map<string, Entry>();
  const choices = new Map<string, Promise<BackendChoice>>();

  const choose = (own: ModelSpec<unknown>, forced: BackendName | null): Promise<BackendChoice> => {
    const spec = own.probeAs ? modelSpec(own.probeAs) : own;
    const key = `${spec.kind}|${forced ?? ''}`;
    let c = choices.get(key);
    if (!c) {
      c = chooseBackend(backendHost, (ms) => probeSpec(spec, ms), forced);
      choices.set(key, c);
    }
    return c;
  };

  const sendMetrics = async (id: string, e: Entry, rate: number, withView: boolean) => {
    const t = performance.now();
    const view = withView || t - e.lastView >= VIEW_INTERVAL_MS ? await e.trainer.view() : null;
    if (view) e.lastView = t;
    post({ type: 'metrics', id, ...e.trainer.metrics, stepsPerSecond: rate, view });
  };

  const onStepError = async (id: string, e: Entry, err: unknown) => {
    const failed = e.backend;
    const why = (err as Error)?.message ?? String(err);
    if (failed === 'cpu') {
      e.trainer.fail(`Training failed on cpu: ${why}`);
      await sendMetrics(id, e, 0, false);
      return;
    }
    const weights = await e.trainer.exportWeights().catch(() => null);
    e.backend = await fallbackAfter(failed, backendHost);
    e.trainer.rebuild(weights);
    const fallback = `${failed} failed mid-run (${why}); continuing on ${e.backend}` + (weights ? ' with the same weights' : ' from fresh weights');
    post({ type: 'backend', id, backend: e.backend, reason: fallback, fallback });
  };

  const enqueue = (id: string, op: (e: Entry) => Promise<void> | void) => {
    const e = entries.get(id);
    if (!e) return;
    e.queue = e.queue.then(() => op(e)).catch((err) => post({ type: 'error', id, message: (err as Error)?.message ?? String(err) }));
  };

  async function create(m: Extract<ToWorker, { type: 'create' }>) {
    const spec = modelSpec(m.kind);
    const forced = m.forced && isBackendName(m.forced) ? m.forced : null;
    if (m.forced && !forced) post({ type: 'error', id: m.id, message: `Unknown backend "${m.forced}" in the URL; expected one of ${BACKENDS.join(', ')}. Choosing automatically.` });
    await spec.prepare?.(m.config);
    const choice = await choose(spec, forced);
    await tf.setBackend(choice.backend);
    const trainer = new Trainer(spec, m.config, m.seed);
    const entry: Entry = { trainer, backend: choice.backend, lastView: 0, queue: Promise.resolve(), slot: undefined as unknown as Slot };
    entry.slot = newSlot(trainer, {
      before: async () => {
        if (tf.getBackend() !== entry.backend) await tf.setBackend(entry.backend);
      },
      report: (rate) => sendMetrics(m.id, entry, rate, false),
      onError: (err) => onStepError(m.id, entry, err),
    });
    entry.slot.stepsPerSecond = m.stepsPerSecond > 0 ? m.stepsPerSecond : Infinity;
    entries.set(m.id, entry);
    scheduler.add(m.id, entry.slot);
    post({ type: 'backend', id: m.id, backend: choice.backend, reason: choice.reason, fallback: null });
    await sendMetrics(m.id, entry, 0, true);
  }

  function handle(m: ToWorker): void {
    switch (m.type) {
      case 'create':
        create(m).catch((err) => post({ type: 'error', id: m.id, message: (err as Error)?.message ?? String(err) }));
        return;
      case 'check-backends':
        void checkBackendsWithTimings(backendHost).then(({ statuses, timings }) => post({ type: 'backends-checked', id: m.id, statuses, timings }));
        return;
      case 'page-hidden':
        scheduler.setPageHidden(m.hidden);
        return;
      case 'dispose': {
        const e = entries.get(m.id);
        if (!e) return;
        scheduler.remove(m.id);
        entries.delete(m.id);
        void e.queue.then(() => e.trainer.dispose());
        return;
      }
    }
    enqueue(m.id, async (e) => {
      switch (m.type) {
        case 'step':
          if (e.trainer.state === 'running') e.trainer.pause();
          e.trainer.markStepped();
          try {
            await e.slot.before();
            await e.trainer.step(m.n);
          } catch (err) {
            await onStepError(m.id, e, err);
          }
          return sendMetrics(m.id, e, e.slot.rate, true);
        case 'play':
          e.trainer.play();
          scheduler.wake();
          return sendMetrics(m.id, e, e.slot.rate, false);
        case 'pause':
          e.trainer.pause();
          return sendMetrics(m.id, e, e.slot.rate, true);
        case 'reset':
          await e.slot.before();
          e.trainer.reset(m.seed);
          return sendMetrics(m.id, e, 0, true);
        case 'configure':
          await e.slot.before();
          e.trainer.configure(m.config);
          return sendMetrics(m.id, e, e.slot.rate, true);
        case 'speed':
          e.slot.stepsPerSecond = m.stepsPerSecond > 0 ? m.stepsPerSecond : Infinity;
          return;
        case 'visible':
          e.slot.visible = m.visible;
          scheduler.wake();
          return;
      }
    });
  }

  return { handle };
}

/** Steps per second of a throwaway model of this kind on the active backend, over about `budgetMs`. */
async function probeSpec(spec: ModelSpec<unknown>, budgetMs: number): Promise<number> {
  const t = new Trainer(spec, spec.probeConfig, 1);
  try {
    await t.step(2); // warm-up: shader compilation and first allocations are not the steady state
    let steps = 0;
    let n = 1;
    const start = performance.now();
    while (performance.now() - start < budgetMs) {
      await t.step(n);
      steps += n;
      n = Math.min(n * 2, 64);
    }
    return (steps * 1000) / (performance.now() - start);
  } finally {
    t.dispose();
  }
}

/** Chapter 0's live check: each backend's status and, where it works, the linear-regression probe rate. */
async function checkBackendsWithTimings(host: BackendHost) {
  const statuses = await checkAll(host);
  const timings: Partial<Record<BackendName, number>> = {};
  const previous = tf.getBackend();
  const spec = modelSpec('linear-regression');
  for (const s of statuses) {
    if (!s.ok) continue;
    await tf.setBackend(s.name);
    timings[s.name] = await probeSpec(spec, 300).catch(() => 0);
  }
  if (previous) await tf.setBackend(previous);
  return { statuses, timings };
}
