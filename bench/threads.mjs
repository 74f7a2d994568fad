/**
 * Where the widget's CPU goes, thread by thread: plays chapter 1's fit widget at
 * maximum speed for a few seconds and prints CPU time per Chromium thread
 * (from /proc/<pid>/task/<tid>/stat), beside the same for the bare loop.
 *
 *   npx vite build && node bench/threads.mjs [backend] [seconds]
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/browser.mjs';
import { serveStatic } from '../tests/e2e/staticServer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const backend = process.argv[2] ?? 'cpu';
const SECONDS = Number(process.argv[3] ?? 3);
const CLK_TCK = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' })) || 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU ticks per "process type/thread name" for every process under this one. */
function threadTicks() {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(f.slice(f.lastIndexOf(')') + 2).split(' ')[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(d)]);
    } catch {}
  }
  const out = new Map();
  const todo = [...(kids.get(process.pid) ?? [])];
  while (todo.length) {
    const p = todo.pop();
    todo.push(...(kids.get(p) ?? []));
    let type = 'browser';
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      if (/--extension-process/.test(cmd)) type += '(ext)';
    } catch {
      continue;
    }
    let tids = [];
    try {
      tids = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tids) {
      try {
        const f = readFileSync(`/proc/${p}/task/${t}/stat`, 'utf8');
        const name = f.slice(f.indexOf('(') + 1, f.lastIndexOf(')'));
        const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
        const key = `${type}#${p}/${name}`;
        out.set(key, (out.get(key) ?? 0) + Number(rest[11]) + Number(rest[12]));
      } catch {}
    }
  }
  return out;
}

function diff(a, b) {
  const d = new Map();
  for (const [k, v] of b) {
    const x = v - (a.get(k) ?? 0);
    if (x > 0) d.set(k, x / CLK_TCK);
  }
  return d;
}

function print(title, d, steps, secs) {
  const total = [...d.values()].reduce((s, v) => s + v, 0);
  console.log(`\n${title}: ${steps} steps in ${secs.toFixed(2)} s = ${(steps / secs).toFixed(0)} steps/s; CPU ${total.toFixed(2)} s = ${((total / steps) * 1e6).toFixed(0)} µs/step`);
  // merge pids of same type
  const merged = new Map();
  for (const [k, v] of d) {
    const [tp, rest] = k.split('#');
    const name = rest.split('/').slice(1).join('/');
    const key = `${tp}/${name}`;
    merged.set(key, (merged.get(key) ?? 0) + v);
  }
  for (const [k, v] of [...merged].sort((a, b) => b[1] - a[1])) if (v >= 0.02) console.log(`  ${k.padEnd(48)} ${v.toFixed(2)} s  ${((v / steps) * 1e6).toFixed(1)} µs/step  ${((100 * v) / secs).toFixed(0)}%`);
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
  const a = threadTicks();
  const t0 = performance.now();
  const r = await bp.evaluate(([b, m, t]) => window.loops.measure(b, m, t), [backend, mode, SECONDS * 1000]);
  const secs = (performance.now() - t0) / 1000;
  print(`${mode}`, diff(a, threadTicks()), r.total, secs);
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
const a = threadTicks();
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
const d = diff(a, threadTicks());
const s1 = await step();
print('widget', d, s1 - s0, secs);
await fit.locator('[data-action=pause]').click();
await ctx.close();
await site.close();
await benchSite.close();
