/**
 * The bench page: one module worker per (backend, mode), as the site has one
 * training worker, so backends and tensors never carry over between loops.
 * bench/run.mjs drives it through window.loops.
 */
import type { LoopMessage, LoopMode, LoopResult } from './protocol';

const workers = new Map<string, Worker>();

/** Sends one message and waits for the worker's result (its other messages, e.g. host metrics, are dropped as the site would render them). */
function ask(worker: Worker, m: LoopMessage): Promise<LoopResult> {
  return new Promise<LoopResult>((resolve) => {
    worker.onmessage = (ev: MessageEvent<{ type: string; result?: LoopResult }>) => {
      if (ev.data.type === 'result' && ev.data.result) resolve(ev.data.result);
    };
    worker.onerror = (e) => resolve({ backend: '', steps: 0, total: 0, ms: 0, stepsPerSecond: 0, group: 0, error: e.message || 'worker error' });
    worker.postMessage(m);
  });
}

const loops = {
  open(backend: string, mode: LoopMode): Promise<LoopResult> {
    const worker = new Worker(new URL('./loopWorker.ts', import.meta.url), { type: 'module' });
    workers.set(`${backend}/${mode}`, worker);
    return ask(worker, { type: 'open', backend, mode });
  },
  measure(backend: string, mode: LoopMode, ms: number): Promise<LoopResult> {
    return ask(workers.get(`${backend}/${mode}`)!, { type: 'measure', ms });
  },
  closeAll(): void {
    workers.forEach((w) => w.terminate());
    workers.clear();
  },
};

(window as unknown as { loops: typeof loops }).loops = loops;
