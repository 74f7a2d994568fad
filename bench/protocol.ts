/** What bench/page.ts asks of bench/loopWorker.ts, and what comes back. */

/**
 * - bare-group: plain tfjs (variables, variableGrads, assign), steps grouped to
 *   fill 12 ms and one `await loss.data()` per group, as the scheduler groups them.
 * - bare-every: the same, reading the loss back after every step (context).
 * - trainer: the app's Trainer + linear-regression model, same grouping, no
 *   scheduler: isolates the model code (mini-batch bookkeeping, tidy, reads).
 * - host: the app's worker host (scheduler + metrics + views every 50 ms),
 *   posting its metrics to a page that ignores them: everything but React.
 * Diagnostics, for bench/profileWorker.mjs (not in `npm run bench`):
 * - bare-checked: the bare loop in a worker that first initialised every backend, as the host does.
 * - host-page: the host with chapter 1's other two trainers built and idle beside the running one.
 */
export type LoopMode = 'bare-group' | 'bare-every' | 'trainer' | 'host' | 'bare-checked' | 'host-page';

/**
 * A worker is opened once per (backend, mode) and then measured in short windows
 * that alternate with the widget's, so that the load of a shared machine hits
 * both sides alike. State (model, group size) carries over between windows.
 */
export type LoopMessage = { type: 'open'; backend: string; mode: LoopMode } | { type: 'measure'; ms: number };

export interface LoopResult {
  /** The backend that really ran (tfjs may refuse the one asked for). */
  backend: string;
  steps: number;
  ms: number;
  stepsPerSecond: number;
  /** Every step taken during the call, window edges included: what the CPU time of the call paid for. */
  total: number;
  /** Mean steps per read-back group while measuring. */
  group: number;
  error?: string;
}
