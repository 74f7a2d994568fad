/**
 * A/B of the fit widget's UI cost between builds: each build's chapter 1 in its own tab, played at max
 * speed in alternating windows; per window, CPU of the page's main, compositor and viz threads (from
 * /proc) and main-thread CPU per frame (Chromium trace, thread time). Not run by `npm run bench`.
 *
 *   npx vite build --outDir /tmp/distA; (change something) npx vite build --outDir /tmp/distB
 *   DISTS=/tmp/distA,/tmp/distB REPS=3 node bench/ab.mjs
 */
import { readFileSync } from 'node:fs';
import { launch } from '../tests/e2e/browser.mjs';
import { serveStatic } from '../tests/e2e/staticServer.mjs';
import { cpuBetween, threadCpu } from './procCpu.mjs';
const DISTS = process.env.DISTS.split(',');
const backend = process.env.BACKEND ?? 'cpu';
const SECONDS = Number(process.env.SECS ?? 3);
const REPS = Number(process.env.REPS ?? 3);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sites = await Promise.all(DISTS.map((d) => serveStatic(d)));
const ctx = await launch();
const pages = [];
for (const [i, site] of sites.entries()) {
  const page = await ctx.newPage();
  await page.goto(`${site.url}?backend=${backend}#/chapters/01-linear-regression`);
  const fit = page.locator('[data-widget=fit]');
  await fit.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-widget=fit] [data-backend]')?.getAttribute('data-backend'), null, { timeout: 60000 });
  await fit.locator('[data-control=speed]').selectOption('0');
  pages.push({ page, fit, name: DISTS[i].split('/').pop() });
}
const acc = new Map();
for (let rep = 0; rep < REPS; rep++) for (const { page, fit, name } of pages) {
  await page.bringToFront();
  await fit.locator('[data-action=play]').click();
  await sleep(700);
  const step = () => page.evaluate(() => Number(document.querySelector('[data-widget=fit]').getAttribute('data-step')));
  const cdp = await ctx.newCDPSession(page);
  const trace = [];
  cdp.on('Tracing.dataCollected', (d) => void trace.push(...d.value));
  const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const s0 = await step(); const a = threadCpu(); const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const b = threadCpu(); const secs = (performance.now() - t0) / 1000; const steps = (await step()) - s0;
  await cdp.send('Tracing.end'); await traced; await cdp.detach();
  await fit.locator('[data-action=pause]').click();
  await page.waitForFunction(() => document.querySelector('[data-widget=fit]').getAttribute('data-state') !== 'running');
  const d = Object.fromEntries(cpuBetween(a, b));
  const mains = trace.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((m) => `${m.pid}/${m.tid}`);
  const byMain = new Map();
  for (const e of trace) if (e.ph === 'X' && e.name === 'RunTask' && mains.includes(`${e.pid}/${e.tid}`)) byMain.set(`${e.pid}/${e.tid}`, (byMain.get(`${e.pid}/${e.tid}`) ?? 0) + (e.tdur ?? 0));
  const mainKey = [...byMain].sort((x, y) => y[1] - x[1])[0]?.[0];
  const mainCpu = (byMain.get(mainKey) ?? 0) / 1000;
  const frames = trace.filter((e) => e.name === 'Paint' && e.args?.data?.nodeName === '#document' && `${e.pid}/${e.tid}` === mainKey).length;
  const ui = ['renderer/main', 'renderer/Compositor', 'gpu-process/VizCompositorTh'].reduce((s, k) => s + (d[k] ?? 0), 0);
  const row = { sps: steps / secs, worker: d['renderer/DedicatedWorker'] / secs, ui: ui / secs, uiPerStep: (ui / steps) * 1e6, mainMsPerFrame: mainCpu / Math.max(1, frames), fps: frames / secs };
  if (!acc.has(name)) acc.set(name, []);
  acc.get(name).push(row);
  console.log(`${name.padEnd(10)} ${row.sps.toFixed(0).padStart(6)} steps/s worker ${(100 * row.worker).toFixed(0)}% UI(main+compositor+viz) ${(100 * row.ui).toFixed(1)}% = ${row.uiPerStep.toFixed(1)} µs/step; main ${row.mainMsPerFrame.toFixed(2)} ms/frame at ${row.fps.toFixed(1)} frames/s; load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
}
const med = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
for (const [name, rows] of acc) console.log(`median ${name}: UI ${(100 * med(rows.map((r) => r.ui))).toFixed(1)}% of a core, main ${med(rows.map((r) => r.mainMsPerFrame)).toFixed(2)} ms/frame, ${med(rows.map((r) => r.fps)).toFixed(1)} frames/s, ${med(rows.map((r) => r.sps)).toFixed(0)} steps/s`);
await ctx.close(); for (const s of sites) await s.close();
