/**
 * Training runs in a worker, so the page must stay responsive: while the fit
 * widget trains at max speed for about 4 s, no main-thread task exceeds 50 ms.
 *
 * Two measures of the same tasks: the Long Tasks API (wall-clock, what a
 * reader feels) and a Chromium trace of the renderer's main thread, whose
 * `tdur` is the CPU time each task really used (what the page's code costs).
 * The CPU measure is asserted always. The wall-clock one is asserted unless
 * the machine is oversubscribed (1-minute load average above the core count),
 * where a 10 ms task can wait 200 ms for a core and the number measures the
 * machine, not the page; then it is printed with a warning. Set
 * E2E_STRICT_LONGTASKS=1 to assert it regardless.
 */
import { cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, maxSpeed, openWatched, sleep, startSite, stateOf, stepOf, until, waitReady, widget, type Site } from './helpers';

const LONG_TASK_LIMIT_MS = 50;
const TRAIN_MS = 4000;

/** Registered before any page script: records every long task with its start time. */
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__longTasksUnsupported = String(e); }
`;

interface TraceEvent { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }

/** The renderer main thread's top-level tasks from a trace: wall and CPU (thread) time in ms. */
function mainThreadTasks(events: TraceEvent[]): { wall: number; cpu: number }[] {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasksOf = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined);
  // The page's main thread is the busy one (other renderers, if any, idle).
  const best = mains.map(tasksOf).sort((a, b) => b.length - a.length)[0] ?? [];
  return best.map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? e.dur ?? 0) / 1000 }));
}

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** The names inside the longest traced task (by CPU), with their summed wall time (ms): what made it long. */
function longestBreakdown(events: TraceEvent[]): string {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const on = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.dur !== undefined);
  const all = mains.map(on).sort((a, b) => b.length - a.length)[0] ?? [];
  const top = all.filter((e) => e.name === 'RunTask').sort((a, b) => (b.tdur ?? b.dur ?? 0) - (a.tdur ?? a.dur ?? 0))[0];
  if (!top) return 'none';
  const inside = all.filter((e) => e !== top && e.ts >= top.ts && e.ts + (e.dur ?? 0) <= top.ts + (top.dur ?? 0));
  const sums = new Map<string, number>();
  for (const e of inside) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  return [...sums].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ');
}

/** Trains one widget at max speed for TRAIN_MS and checks the main thread's longest task. */
async function checkResponsive(slug: string, id: string, search = '', minSteps = 10): Promise<void> {
  {
    const { page, problems } = await openWatched(site, chapterPath(slug, search), { initScript: OBSERVE_LONG_TASKS });
    // Closed whatever happens: a page left open keeps its trace running, and the retry could not start its own.
    try {
      expect(await page.evaluate(() => (window as unknown as { __longTasksUnsupported?: string }).__longTasksUnsupported ?? null)).toBeNull();
      const fit = widget(page, id);
      await fit.waitFor();
      await waitReady(fit, 120_000);
      await fit.scrollIntoViewIfNeeded();
      await maxSpeed(fit);
      await sleep(500); // let the scroll and any layout settle before the window opens
      const cdp = await page.context().newCDPSession(page);
      const trace: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', (d) => void trace.push(...(d.value as unknown as TraceEvent[])));
      const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
      const t0 = await page.evaluate(() => performance.now());
      await fit.locator('[data-action=play]').click();
      await until('running', async () => (await stateOf(fit)) === 'running', 10_000);
      await sleep(TRAIN_MS);
      const steps = await stepOf(fit);
      await fit.locator('[data-action=pause]').click();
      await sleep(200);
      const t1 = await page.evaluate(() => performance.now());
      await cdp.send('Tracing.end');
      await traced;
      const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
      const during = tasks.filter((t) => t.start >= t0 && t.start <= t1);
      const before = tasks.filter((t) => t.start < t0);
      const max = Math.max(0, ...during.map((t) => t.duration));
      const cpu = mainThreadTasks(trace);
      const maxCpu = Math.max(0, ...cpu.map((t) => t.cpu));
      console.log(`[longtask] ${id}: inside the longest task (ms): ${longestBreakdown(trace)}`);
      const load = loadavg()[0];
      const cores = cpus().length;
      const overloaded = load > cores;
      console.log(
        `[longtask] ${id}: ${steps} steps in ${Math.round(t1 - t0)} ms at max speed; ${during.length} long tasks while training, max ${max.toFixed(0)} ms wall ` +
          `(durations: ${during.map((t) => Math.round(t.duration)).join(', ') || 'none'}); ${before.length} before play (ignored, max ${Math.max(0, ...before.map((t) => t.duration)).toFixed(0)} ms); ` +
          `main-thread tasks traced: ${cpu.length}, max CPU time ${maxCpu.toFixed(1)} ms (longest wall ${Math.max(0, ...cpu.map((t) => t.wall)).toFixed(0)} ms); load average ${load.toFixed(1)} on ${cores} cores`,
      );
      expect(maxCpu, 'longest main-thread task CPU time while training (ms)').toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
      if (overloaded && !process.env.E2E_STRICT_LONGTASKS) {
        if (max > LONG_TASK_LIMIT_MS) console.warn(`[longtask] WARNING: wall-clock long task ${max.toFixed(0)} ms > ${LONG_TASK_LIMIT_MS} ms, not asserted: load average ${load.toFixed(1)} > ${cores} cores`);
      } else {
        expect(max, 'longest main-thread task (Long Tasks API, wall ms) while training').toBeLessThanOrEqual(LONG_TASK_LIMIT_MS);
      }
      expect(steps).toBeGreaterThan(minSteps);
      expect(problems).toEqual([]);
    } finally {
      await page.close().catch(() => undefined);
    }
  }
}

// One retry: on 2 cores the training worker holds one core, so a 15 ms task of the page now and then waits for
// the other and reads 60 ms of wall time (seen in CI for the depth widget, 14.7 ms of CPU). A page whose tasks
// really are long fails both tries.
describe('responsiveness', { retry: 1 }, () => {
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the fit widget trains at max speed`, async () => {
    await checkResponsive('01-linear-regression', 'fit');
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the separate-covariance classifier trains (chapter 2)`, async () => {
    await checkResponsive('02-classification', 'qda');
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the spatial transformer trains (chapter 6)`, async () => {
    // A LeNet with a transformer in front: a few steps a second on a loaded 2-core machine.
    await checkResponsive('06-cnn', 'stn', '', 2);
  });
  // The heaviest views: a deep net's gradient norms, LeNet's forty canvases, the augmentation comparison.
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the depth widget trains (chapter 5)`, async () => {
    await checkResponsive('05-generalisation', 'depth', '', 3);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while LeNet trains (chapter 6)`, async () => {
    await checkResponsive('06-cnn', 'lenet', '', 3);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the augmentation widget trains (chapter 6)`, async () => {
    await checkResponsive('06-cnn', 'augment', '', 2);
  });
  // Once 61 ms on a loaded 2-core machine: the forecasts (four 366-day paths, the error table) redrew at every view
  // and the LSTM explorer re-rendered with them. They now redraw at most twice a second (ForecastCompare.tsx).
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the chapter 7 forecaster trains`, async () => {
    await checkResponsive('07-rnn-lstm', 'forecast', '', 2);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the chapter 7 long-dependency task trains`, async () => {
    await checkResponsive('07-rnn-lstm', 'longdep', '', 2);
  });
  // Training and sampling together: the character model draws new names at every held-out point.
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the chapter 7 character model trains and samples`, async () => {
    await checkResponsive('07-rnn-lstm', 'charlm', '', 2);
  });
  // Chapter 10's ViT race: its digit panel (some 25 canvases) redraws at every second curve point. (BERT against
  // GPT draws far less: 10 ms of CPU at most when measured once, 2026-12-02, not kept to save CI time.)
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the ViT and LeNet race (chapter 10)`, async () => {
    await checkResponsive('10-transformers', 'vit', '', 3);
  });
  // The births: the page recomputes a 366 x 366 matrix of weights (and its heatmap) for every view.
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while chapter 9's learned kernel trains on a year of births`, async () => {
    await checkResponsive('09-attention', 'pooling', 'pooling.source=births', 3);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the chapter 10 character GPT and its LSTM train`, async () => {
    await checkResponsive('10-transformers', 'gpt', 'gpt.corpus=names&gpt.dModel=32&gpt.context=16&gpt.batch=8&gpt.lstmHidden=32', 2);
  });
  // Twelve attention maps redrawn at each held-out evaluation, and the alignment matrix of a typed word.
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the chapter 10 toy Transformer trains`, async () => {
    await checkResponsive('10-transformers', 'toy', '', 2);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the chapter 9 pronouncer trains`, async () => {
    await checkResponsive('09-attention', 'pronouncer', '', 2);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while chapter 12's architecture search trains`, async () => {
    await checkResponsive('12-nas', 'search', '', 10);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while chapter 12's DARTS supernet trains`, async () => {
    // Long phases, so that the run (which pauses itself when done) is still training when the window closes.
    await checkResponsive('12-nas', 'darts', 'darts.search=3000&darts.retrain=3000', 5);
  });
  it(`no long task over ${LONG_TASK_LIMIT_MS} ms while the MoE classifier trains (13-moe)`, async () => {
    await checkResponsive('13-moe', 'moe', '', 5);
  });
});
