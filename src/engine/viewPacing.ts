/** How a running trainer's views are spaced (host.ts), apart from the host so that benchmarks can follow the same rule. */

/** How often a running trainer sends its view (weights, predictions) back: views cost a read, metrics are cheap. */
export const VIEW_INTERVAL_MS = 50;
/**
 * A routine view waits at least this many times its last cost, so views take at most a fifth of a running trainer's
 * time: the forecaster's view (878 windows through two cells, two free runs) cost 90 ms on wasm and 350 ms on cpu,
 * a third of the time or more at one view per 200 ms.
 */
export const VIEW_COST_FACTOR = 4;
