import * as tf from '@tensorflow/tfjs';
import { BACKENDS, checkAll, chooseBackend, fallbackAfter, isBackendName, preferPlainJs, type BackendChoice, type BackendHost, type BackendName } from './backend';
import type { FromWorker, ToWorker } from './protocol';
import { modelSpec } from './registry';
import { newSlot, Scheduler, type Slot } from './scheduler';
import { Trainer } from './trainer';
import type { View } from './model';
import type { AnySpec } from './registry';
import { createMutex } from './mutex';
import { VIEW_COST_FACTOR, VIEW_INTERVAL_MS } from './viewPacing';

/**
 * At speed "max" the page renders at most every 100 ms, and on a slow device about every 200 ms (useTrainer
 * paces renders by their cost): metrics every 100 ms and a view (on a GPU backend, a readback that stalls
 * training) every 200 ms are all it draws.
 */
const MAX_SPEED_VIEW_INTERVAL_MS = 200;
const MAX_SPEED_METRICS_INTERVAL_MS = 100;
/**
 * A running trainer's routine metrics go out at most this often: the page renders at most every 50 ms
 * (useTrainer), so more messages would only cost both threads a post and a handler each (on 2 cores,
 * time taken from training). The loss of every group in between travels in the message's trail.
 */
const METRICS_INTERVAL_MS = 50;

interface Entry {
  trainer: Trainer<unknown, unknown, unknown, unknown>;
  slot: Slot;
  backend: BackendName;
  lastView: number;
  /** What the last view took (ms), to space routine views by their cost. */
  viewCost: number;
  lastPost: number;
  lastState: string;
  /** The widget's configuration as this trainer runs it (plain-JS steps where the probe chose them). */
  adapt: (config: unknown) => unknown;
  plainJs: boolean;
  /** Steps and losses of the groups run since the last metrics message. */
  trail: { steps: number[]; losses: number[] };
  /** The last step put in a trail: each group's loss is sent once. */
  trailed: number;
  /** Operations on one trainer run in order, even though some are async. */
  queue: Promise<void>;
}

/**
 * The training side of the page: builds trainers on request, runs them on one
 * scheduler, picks a backend per model kind and falls back when one fails.
 * `post` sends a message to the widgets; in the browser this runs in a worker.
 */
export function createHost(post: (m: FromWorker) => void, backendHost: BackendHost) {
  const exclusive = createMutex();
  const scheduler = new Scheduler(12, 40, () => performance.now(), exclusive);
  const entries = new Map<string, Entry>();
  const choices = new Map<string, Promise<BackendChoice>>();

  const choose = (own: AnySpec, forced: BackendName | null): Promise<BackendChoice> => {
    const spec = own.probeAs ? modelSpec(own.probeAs) : own;
    const key = `${spec.kind}|${forced ?? ''}`;
    let c = choices.get(key);
    if (!c) {
      c = exclusive(async () => {
        const tfChoice = await chooseBackend(backendHost, (ms) => probeSpec(spec, ms), forced);
        // A forced backend means the reader wants to see that backend train: no plain-JS steps then.
        if (forced || !spec.plainJs) return tfChoice;
        const rate = await probeSpec(spec, 150, spec.plainJs(spec.probeConfig)).catch(() => 0);
        return preferPlainJs(tfChoice, rate);
      });
      choices.set(key, c);
    }
    return c;
  };

  const sendMetrics = async (id: string, e: Entry, rate: number, withView: boolean) => {
    const t = performance.now();
    const { stepCount, loss } = e.trainer;
    const trail = e.trail;
    if (loss !== null && stepCount > 0 && stepCount !== e.trailed) {
      trail.steps.push(stepCount);
      trail.losses.push(loss);
      e.trailed = stepCount;
    }
    // A running trainer's routine report can wait for the next frame; state changes and explicit views cannot.
    const max = e.slot.stepsPerSecond === Infinity;
    if (!withView && e.trainer.state === e.lastState && t - e.lastPost < (max ? MAX_SPEED_METRICS_INTERVAL_MS : METRICS_INTERVAL_MS)) return;
    e.trail = { steps: [], losses: [] }; // taken before the view's await: a report meanwhile starts the next trail
    const viewEvery = max ? MAX_SPEED_VIEW_INTERVAL_MS : VIEW_INTERVAL_MS;
    const wantView = withView || t - e.lastView >= Math.max(viewEvery, VIEW_COST_FACTOR * e.viewCost);
    const view = wantView
      ? await exclusive(async () => {
          await e.slot.before();
          const started = performance.now();
          const v = await e.trainer.view();
          e.viewCost = performance.now() - started;
          return v;
        })
      : null;
    if (view) e.lastView = t;
    e.lastPost = t;
    e.lastState = e.trainer.state;
    post({ type: 'metrics', id, ...e.trainer.metrics, stepsPerSecond: rate, view: view as View | null, trail: trail.steps.length ? trail : null });
  };

  const onStepError = async (id: string, e: Entry, err: unknown) => {
    const failed = e.backend;
    const why = (err as Error)?.message ?? String(err);
    if (failed === 'cpu') {
      e.trainer.fail(`Training failed on cpu: ${why}`);
      await sendMetrics(id, e, 0, false);
      return;
    }
    const weights = await exclusive(async () => {
      const w = await e.trainer.exportWeights().catch(() => null);
      e.backend = await fallbackAfter(failed, backendHost);
      e.trainer.rebuild(w);
      return w;
    });
    const fallback = `${failed} failed mid-run (${why}); continuing on ${e.backend}` + (weights ? ' with the same weights' : ' from fresh weights');
    post({ type: 'backend', id, backend: e.backend, plainJs: e.plainJs, reason: fallback, fallback });
  };

  const enqueue = (id: string, op: (e: Entry) => Promise<void> | void) => {
    const e = entries.get(id);
    if (!e) return;
    e.queue = e.queue.then(() => op(e)).catch((err) => post({ type: 'error', id, message: (err as Error)?.message ?? String(err) }));
  };

  /**
   * Answers one request between the scheduler's groups (the mutex), on the trainer's backend, whether it runs
   * or is paused; in the trainer's queue, so it sees every configure and reset sent before it.
   */
  const answer = (m: Extract<ToWorker, { type: 'request' }>) => {
    const reply = (r: { answer?: unknown; error?: string }) => post({ type: 'answer', id: m.id, requestId: m.requestId, ...r });
    const e = entries.get(m.id);
    if (!e) return reply({ error: `No trainer "${m.id}" to answer: it was disposed, or could not be built.` });
    e.queue = e.queue.then(async () => {
      try {
        reply({ answer: await exclusive(async () => {
          await e.slot.before();
          return e.trainer.answer(m.request);
        }) });
      } catch (err) {
        reply({ error: (err as Error)?.message ?? String(err) });
      }
    });
  };

  async function create(m: Extract<ToWorker, { type: 'create' }>) {
    const spec = modelSpec(m.kind);
    const forced = m.forced && isBackendName(m.forced) ? m.forced : null;
    // Reported as the backend message's note, which stays on screen: an 'error' is cleared by the first metrics.
    const unknown = m.forced && !forced ? `Unknown backend "${m.forced}" in the URL; expected one of ${BACKENDS.join(', ')}. Chose automatically.` : null;
    await spec.prepare?.(m.config);
    const choice = await choose(spec, forced);
    const plainJs = choice.plainJs && spec.plainJs ? spec.plainJs : null;
    const adapt = (c: unknown) => (plainJs ? plainJs(c) : c);
    const trainer = await exclusive(async () => {
      await tf.setBackend(choice.backend);
      return new Trainer(spec, adapt(m.config), m.seed);
    });
    const entry: Entry = {
      trainer, backend: choice.backend, adapt, plainJs: Boolean(plainJs), lastView: 0, viewCost: 0, lastPost: 0, lastState: '',
      trail: { steps: [], losses: [] }, trailed: 0, queue: Promise.resolve(), slot: undefined as unknown as Slot,
    };
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
    post({ type: 'backend', id: m.id, backend: choice.backend, plainJs: Boolean(plainJs), reason: choice.reason, fallback: unknown });
    await sendMetrics(m.id, entry, 0, true);
  }

  /** Trainers still being created (choosing a backend takes a probe): their later messages wait, so none is dropped. */
  const creating = new Map<string, Promise<void>>();

  function handle(m: ToWorker): void {
    const waitFor = m.type !== 'create' && 'id' in m ? creating.get(m.id) : undefined;
    if (waitFor) {
      // Handled in arrival order once the create settles (by then it has left `creating`).
      void waitFor.then(() => handle(m));
      return;
    }
    switch (m.type) {
      case 'create': {
        const done = create(m)
          .catch((err) => post({ type: 'error', id: m.id, message: (err as Error)?.message ?? String(err) }))
          .finally(() => creating.delete(m.id));
        creating.set(m.id, done);
        return;
      }
      case 'check-backends':
        void exclusive(() => checkBackendsWithTimings(backendHost)).then(({ statuses, timings }) => post({ type: 'backends-checked', id: m.id, statuses, timings }));
        return;
      case 'page-hidden':
        scheduler.setPageHidden(m.hidden);
        return;
      case 'request':
        answer(m);
        return;
      case 'dispose': {
        const e = entries.get(m.id);
        if (!e) return;
        scheduler.remove(m.id);
        entries.delete(m.id);
        void e.queue.then(() => exclusive(async () => e.trainer.dispose()));
        return;
      }
    }
    enqueue(m.id, async (e) => {
      switch (m.type) {
        case 'step':
          if (e.trainer.state === 'running') e.trainer.pause();
          e.trainer.markStepped();
          try {
            await exclusive(async () => {
              await e.slot.before();
              await e.trainer.step(m.n);
            });
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
          await exclusive(async () => {
            await e.slot.before();
            e.trainer.reset(m.seed);
          });
          e.trail = { steps: [], losses: [] }; // the old run's losses are not this one's
          e.trailed = 0;

          return sendMetrics(m.id, e, 0, true);
        case 'configure':
          await exclusive(async () => {
            await e.slot.before();
            e.trainer.configure(e.adapt(m.config));
          });
          return sendMetrics(m.id, e, e.slot.rate, true);
        case 'speed':
          e.slot.stepsPerSecond = m.stepsPerSecond > 0 ? m.stepsPerSecond : Infinity;
          return;
        case 'visible':
          e.slot.visible = m.visible;
          scheduler.wake();
          return;
        case 'data':
          await exclusive(async () => {
            await e.slot.before();
            e.trainer.setData(m.name, m.payload);
          });
          return sendMetrics(m.id, e, e.slot.rate, true);
      }
    });
  }

  return { handle };
}

/** Steps per second of a throwaway model of this kind on the active backend, over about `budgetMs`. */
async function probeSpec(spec: AnySpec, budgetMs: number, config = spec.probeConfig): Promise<number> {
  const t = new Trainer(spec, config, 1);
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
