/**
 * A V8 CPU profile of one bench loop's worker thread in the browser, by function (self time).
 * Where the host's extra time per step goes, which a Node profile does not show.
 *
 *   npx vite build --config bench/vite.bench.config.ts && node bench/profileWorker.mjs [backend] [seconds] [modes]
 */
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/e2e/browser.mjs';
import { serveStatic } from '../tests/e2e/staticServer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const backend = process.argv[2] ?? 'cpu';
const SECONDS = Number(process.argv[3] ?? 3);
const MODES = (process.argv[4] ?? 'bare-group,host').split(',');

const benchSite = await serveStatic(`${root}bench/out`);
const ctx = await launch();
/**
 * Attaches to every worker a page starts (CDP auto-attach, unflattened): `sessions` fills with their
 * session ids in start order, and `send(session, method, params)` runs a CDP command in one of them.
 */
async function workerTargets(p) {
  const cdp = await ctx.newCDPSession(p);
  const sessions = [];
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => sessions.push(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m.result ?? m.error);
      pending.delete(m.id);
    }
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((r) => {
      const id = nextId++;
      pending.set(id, r);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return { sessions, send };
}

const page = await ctx.newPage();
const { sessions: workers, send } = await workerTargets(page);
await page.goto(benchSite.url);
await page.waitForFunction(() => typeof window.loops === 'object');

function report(mode, profile, total, ms, stepsPerSecond, group) {
  const dt = (profile.endTime - profile.startTime) / 1000;
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  const per = dt / profile.samples.length;
  for (const [id, c] of counts) {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + c * per);
  }
  const idle = [...self].filter(([k]) => /^\(idle\)|^\(program\)|^\(garbage/.test(k)).map(([k, v]) => `${k.split(' ')[0]} ${((100 * v) / dt).toFixed(1)}%`);
  console.log(`\n${mode}: ${total} steps in ${(ms / 1000).toFixed(2)} s, ${stepsPerSecond.toFixed(0)} steps/s, group ${group.toFixed(0)}; ${idle.join(', ')}`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log(`  ${((1000 * v) / total).toFixed(2).padStart(7)} µs/step ${((100 * v) / dt).toFixed(1).padStart(5)}%  ${k}`);
}

for (const mode of MODES) {
  const before = workers.length;
  await page.evaluate(([b, m]) => window.loops.open(b, m), [backend, mode]);
  const session = workers[before];
  await page.evaluate(([b, m]) => window.loops.measure(b, m, 1500), [backend, mode]);
  await send(session, 'Profiler.enable');
  await send(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await send(session, 'Profiler.start');
  const r = await page.evaluate(([b, m, t]) => window.loops.measure(b, m, t), [backend, mode, SECONDS * 1000]);
  const { profile } = await send(session, 'Profiler.stop');
  report(mode, profile, r.total, r.ms, r.stepsPerSecond, r.group);
}

if (process.env.WIDGET) {
  // The chapter's own worker, the fit widget playing at max speed: what the widget's steps cost there.
  const site = await serveStatic(`${root}dist`);
  const wp = await ctx.newPage();
  const { sessions, send: wsend } = await workerTargets(wp);
  await wp.goto(`${site.url}?backend=${backend}#/chapters/01-linear-regression`);
  const fit = wp.locator('[data-widget=fit]');
  await fit.scrollIntoViewIfNeeded();
  await wp.waitForFunction(() => document.querySelector('[data-widget=fit] [data-backend]')?.getAttribute('data-backend'), null, { timeout: 60000 });
  await fit.locator('[data-control=speed]').selectOption('0');
  await fit.locator('[data-action=play]').click();
  await new Promise((r) => setTimeout(r, 1500));
  const session = sessions[sessions.length - 1];
  await wsend(session, 'Profiler.enable');
  await wsend(session, 'Profiler.setSamplingInterval', { interval: 100 });
  const step = () => wp.evaluate(() => Number(document.querySelector('[data-widget=fit]').getAttribute('data-step')));
  const s0 = await step();
  await wsend(session, 'Profiler.start');
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const { profile } = await wsend(session, 'Profiler.stop');
  const ms = performance.now() - t0;
  const steps = (await step()) - s0;
  report('widget page worker', profile, steps, ms, (steps * 1000) / ms, 0);
  await site.close();
}
await ctx.close();
await benchSite.close();
