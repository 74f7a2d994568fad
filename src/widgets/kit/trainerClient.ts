/**
 * The main thread's side of the training worker: one worker per page, created
 * on first use (so the home page, and a chapter's text, load no tfjs), and a
 * router from worker messages to the widget that owns each trainer.
 */
import type { FromWorker, ToWorker } from '../../engine/protocol';

type Listener = (m: FromWorker) => void;

let worker: Worker | null = null;
const listeners = new Map<string, Listener>();
let nextId = 0;

function start(): Worker {
  const w = new Worker(new URL('../../engine/worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (ev: MessageEvent<FromWorker>) => listeners.get(ev.data.id)?.(ev.data);
  w.onerror = (ev) => {
    ev.preventDefault();
    const message = `The training worker failed to start: ${ev.message || 'unknown error'}. Reload the page to try again.`;
    for (const [id, fn] of listeners) fn({ type: 'error', id, message });
  };
  document.addEventListener('visibilitychange', () => send({ type: 'page-hidden', hidden: document.hidden }));
  return w;
}

export function send(m: ToWorker): void {
  worker ??= start();
  worker.postMessage(m);
}

/** Routes this trainer's messages to `fn`; returns the unsubscribe. */
export function subscribe(id: string, fn: Listener): () => void {
  listeners.set(id, fn);
  return () => listeners.delete(id);
}

export function newTrainerId(prefix: string): string {
  return `${prefix}#${++nextId}`;
}

/** `?backend=NAME` from the page URL, passed to the worker, which validates it. */
export function forcedBackend(): string | null {
  return new URLSearchParams(window.location.search).get('backend');
}

/** Asks the worker to check every backend (chapter 0's live check). */
export function checkBackends(onResult: (m: Extract<FromWorker, { type: 'backends-checked' }>) => void): () => void {
  const id = newTrainerId('backend-check');
  const off = subscribe(id, (m) => {
    if (m.type === 'backends-checked') {
      off();
      onResult(m);
    }
  });
  send({ type: 'check-backends', id });
  return off;
}
