/**
 * Chapter 6 benchmark (not a test): trains the LeNet widget of the built page in
 * headless Chromium once per backend and prints examples per second and the time
 * from Play to 95% test accuracy (on the widget's 300-digit test subset).
 *   npx vite build && node bench/cnn.mjs [seconds=90] [backends=cpu,wasm,webgl]   (env LENET_BATCH=64: another batch size)
 */
import { serveStatic } from '../tests/e2e/staticServer.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const seconds = Number(process.argv[2] ?? 90);
const backends = (process.argv[3] ?? 'cpu,wasm,webgl').split(',');
/** The widget's batch size (its default is 32); LENET_BATCH=64 measures another through the share link. */
const BATCH = Number(process.env.LENET_BATCH ?? 32);
const server = await serveStatic(new URL('../dist/', import.meta.url).pathname);
const rows = [];
for (const backend of backends) {
  const ctx = await launch();
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const t0 = Date.now();
  await page.goto(`${server.url}?backend=${backend}${BATCH !== 32 ? `&lenet.batch=${BATCH}` : ''}#/chapters/06-cnn`);
  const root = page.locator('[data-widget="lenet"]');
  await root.scrollIntoViewIfNeeded();
  const play = root.locator('[data-action="play"]');
  while (!(await play.isEnabled())) await page.waitForTimeout(200);
  const ready = (Date.now() - t0) / 1000;
  const used = await root.locator('.badge').getAttribute('data-backend');
  await play.click();
  const start = Date.now();
  let to95 = null;
  let first = null;
  let last = null;
  while ((Date.now() - start) / 1000 < seconds) {
    await page.waitForTimeout(500);
    const s = await root.evaluate((e) => ({ step: Number(e.getAttribute('data-step')), acc: Number(e.querySelector('[data-test-acc]')?.getAttribute('data-test-acc') || 0) }));
    const t = (Date.now() - start) / 1000;
    if (!first && s.step > 0) first = { ...s, t };
    last = { ...s, t };
    if (to95 === null && s.acc >= 0.95) to95 = t;
  }
  const exPerS = first && last && last.t > first.t ? ((last.step - first.step) * BATCH) / (last.t - first.t) : 0;
  rows.push({ backend: used || backend, ready, exPerS: Math.round(exPerS), to95, finalAcc: last?.acc ?? 0, steps: last?.step ?? 0 });
  console.log(JSON.stringify(rows.at(-1)));
  await ctx.close();
}
console.log('\n| backend | page ready to Play (s) | examples/s (widget loop, incl. evaluation) | Play to 95% test acc (s) | test acc after run | steps |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.backend} | ${r.ready.toFixed(1)} | ${r.exPerS} | ${r.to95 === null ? `not within ${seconds}` : r.to95.toFixed(1)} | ${(r.finalAcc * 100).toFixed(1)}% | ${r.steps} |`);
await server.close();
