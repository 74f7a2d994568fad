/**
 * Takes screenshots of built pages, to look at them as a reader would:
 *   node scripts/screenshot.mjs '#/chapters/01-linear-regression' out.png [playSelector]
 */
import { serveStatic } from '../tests/e2e/staticServer.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const [route = '', out = '/tmp/shot.png', play = '', waitMs = '4000', width = '1280'] = process.argv.slice(2);
const server = await serveStatic(new URL('../dist/', import.meta.url).pathname);
const ctx = await launch();
const page = await ctx.newPage();
await page.setViewportSize({ width: Number(width), height: 900 });
page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(server.url + route);
// Widgets are ready once their backend badge names a backend (tfjs loaded, probe done).
await page.waitForFunction(() => [...document.querySelectorAll('.badge')].every((b) => b.getAttribute('data-backend')), null, { timeout: 120_000 }).catch(() => console.log('some widget never became ready'));
if (play) {
  for (const el of await page.locator(`${play} [data-action="play"]`).all()) await el.click();
}
await page.waitForTimeout(Number(waitMs));
await page.screenshot({ path: out, fullPage: true, timeout: 120_000 });
const widgets = await page.locator('[data-widget]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-widget')} state=${e.getAttribute('data-state')} step=${e.getAttribute('data-step')} loss=${e.getAttribute('data-loss')}`));
console.log(widgets.join('\n'));
await ctx.close();
await server.close();
