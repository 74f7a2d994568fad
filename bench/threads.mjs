/**
 * Where the widget's CPU goes, thread by thread: plays chapter 1's fit widget at
 * maximum speed for a few seconds and prints CPU time per Chromium thread
 * (from /proc/<pid>/task/<tid>/stat), beside the same for the bare loop.
 *
 *   npx vite build && node bench/threads.mjs [backend] [seconds]
 */
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/browser.mjs';
import { serveStatic } from '../tests/e2e/staticServer.mjs';
import { cpuBetween, threadCpu } from './procCpu.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const backend = process.argv[2] ?? 'cpu';
const SECONDS = Number(process.argv[3] ?? 3);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function print(title, d, steps, secs) {
  const total = [...d.values()].reduce((s, v) => s + v, 0);
  console.log(`\n${title}: ${steps} steps in ${secs.toFixed(2)} s = ${(steps / secs).toFixed(0)} steps/s; CPU ${total.toFixed(2)} s = ${((total / steps) * 1e6).toFixed(0)} µs/step`);
  for (const [k, v] of [...d].sort((a, b) => b[1] - a[1])) if (v >= 0.02) console.log(`  ${k.padEnd(48)} ${v.toFixed(2)} s  ${((v / steps) * 1e6).toFixed(1)} µs/step  ${((100 * v) / secs).toFixed(0)}%`);
}

const site = await serveStatic(`${root}dist`);
const benchSite = await serveStatic(`${root}bench/out`);
const ctx = await launch();

// bare loop first
const bp = await ctx.newPage();
await bp.goto(benchSite.url);
await bp.waitForFunction(() => typeof window.loops === 'object');
for (const mode of (process.env.MODES ?? 'bare-group,host').split(',')) {
  await bp.evaluate(([b, m]) => window.loops.open(b, m), [backend, mode]);
  await bp.evaluate(([b, m]) => window.loops.measure(b, m, 1500), [backend, mode]);
  const a = threadCpu();
  const t0 = performance.now();
  const r = await bp.evaluate(([b, m, t]) => window.loops.measure(b, m, t), [backend, mode, SECONDS * 1000]);
  const secs = (performance.now() - t0) / 1000;
  print(`${mode}`, cpuBetween(a, threadCpu()), r.total, secs);
}
await bp.evaluate(() => window.loops.closeAll());
await bp.close();

const page = await ctx.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(`${site.url}?backend=${backend}#/chapters/01-linear-regression`);
const fit = page.locator('[data-widget=fit]');
await fit.scrollIntoViewIfNeeded();
await page.waitForFunction(() => document.querySelector('[data-widget=fit] [data-backend]')?.getAttribute('data-backend'), null, { timeout: 60000 });
await fit.locator('[data-control=speed]').selectOption('0');
const step = () => page.evaluate(() => Number(document.querySelector('[data-widget=fit]').getAttribute('data-step')));
await fit.locator('[data-action=play]').click();
await sleep(1500);
const s0 = await step();
const a = threadCpu();
const t0 = performance.now();
if (process.env.TRACE) {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,viz,gpu', transferMode: 'ReturnAsStream' });
  await sleep(SECONDS * 1000);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let data = '';
  for (;;) {
    const c = await cdp.send('IO.read', { handle: stream });
    data += c.data;
    if (c.eof) break;
  }
  (await import('node:fs')).writeFileSync(process.env.TRACE, data);
} else await sleep(SECONDS * 1000);
const secs = (performance.now() - t0) / 1000;
const d = cpuBetween(a, threadCpu());
const s1 = await step();
print('widget', d, s1 - s0, secs);
await fit.locator('[data-action=pause]').click();
await ctx.close();
await site.close();
await benchSite.close();
