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
/** Requests awaiting their answer, by requestId. */
const pending = new Map<number, { id: string; resolve: (a: unknown) => void; reject: (e: Error) => void }>();
let nextRequest = 0;

function settle(m: Extract<FromWorker, { type: 'answer' }>): void {
  const p = pending.get(m.requestId);
  if (!p) return;
  pending.delete(m.requestId);
  if (m.error !== undefined) p.reject(new Error(m.error));
  else p.resolve(m.answer);
}

function start(): Worker {
  const w = new Worker(new URL('../../engine/worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (ev: MessageEvent<FromWorker>) => (ev.data.type === 'answer' ? settle(ev.data) : listeners.get(ev.data.id)?.(ev.data));
  w.onerror = (ev) => {
    ev.preventDefault();
    const message = `The training worker failed to start: ${ev.message || 'unknown error'}. Reload the page to try again.`;
    for (const [id, fn] of listeners) fn({ type: 'error', id, message });
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  document.addEventListener('visibilitychange', () => send({ type: 'page-hidden', hidden: document.hidden }));
  return w;
}

/** Posts one message to the worker; `transfer` hands typed arrays' buffers over instead of copying them (the caller's copies are emptied). */
export function send(m: ToWorker, transfer: Transferable[] = []): void {
  worker ??= start();
  worker.postMessage(m, transfer);
}

/** Asks trainer `id`'s model one question; resolves with its answer, rejects with the worker's reason. */
export function request(id: string, question: unknown): Promise<unknown> {
  const requestId = ++nextRequest;
  return new Promise((resolve, reject) => {
    pending.set(requestId, { id, resolve, reject });
    send({ type: 'request', id, requestId, request: question });
  });
}

/** Rejects every request still waiting on trainer `id` (it is being disposed or rebuilt). */
export function abandonRequests(id: string, reason: string): void {
  for (const [requestId, p] of pending) {
    if (p.id !== id) continue;
    pending.delete(requestId);
    p.reject(new Error(reason));
  }
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
