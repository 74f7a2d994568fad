/// <reference lib="webworker" />
/**
 * The page's training worker: holds tfjs, every backend, and the scheduler, so
 * that a slow step never freezes the page. Widgets talk to it through protocol.ts.
 */
import { registerBrowserBackends, browserBackendHost } from './browserBackends';
import { createHost } from './host';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

registerBrowserBackends();
const host = createHost((m: FromWorker) => self.postMessage(m), browserBackendHost);
self.onmessage = (ev: MessageEvent<ToWorker>) => host.handle(ev.data);
