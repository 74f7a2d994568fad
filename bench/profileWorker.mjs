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
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
const workers = [];
let nextId = 1;
const pending = new Map();
cdp.on('Target.attachedToTarget', (e) => workers.push(e.sessionId));
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
await page.goto(benchSite.url);
await page.waitForFunction(() => typeof window.loops === 'object');

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
  console.log(`\n${mode}: ${r.total} steps in ${(r.ms / 1000).toFixed(2)} s, ${(r.stepsPerSecond).toFixed(0)} steps/s, group ${r.group.toFixed(0)}; ${idle.join(', ')}`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log(`  ${((1000 * v) / r.total).toFixed(2).padStart(7)} µs/step ${((100 * v) / dt).toFixed(1).padStart(5)}%  ${k}`);
}
await ctx.close();
await benchSite.close();
