/**
 * Screenshots one widget after playing it for a while, to look at it as a reader would:
 *   node scripts/shotWidget.mjs '#/chapters/03-mlp-backprop' pg out.png [playMs=3000] [query] [width=1280]
 */
import { serveStatic } from '../tests/e2e/staticServer.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const [route, id, out = '/tmp/widget.png', playMs = '3000', query = '', width = '1280'] = process.argv.slice(2);
const server = await serveStatic(new URL('../dist/', import.meta.url).pathname);
const ctx = await launch();
const page = await ctx.newPage();
await page.setViewportSize({ width: Number(width), height: 1000 });
page.on('console', (m) => m.type() === 'error' && console.log(`[console.error] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(`${server.url}${query ? `?${query}` : ''}${route}`);
const w = page.locator(`[data-widget="${id}"]`);
await w.scrollIntoViewIfNeeded();
await page.waitForFunction((sel) => document.querySelector(sel)?.querySelector('.badge')?.getAttribute('data-backend'), `[data-widget="${id}"]`, { timeout: 120_000 });
const play = w.locator('[data-action=play]');
if (Number(playMs) > 0 && (await play.count())) {
  await play.click();
  await page.waitForTimeout(Number(playMs));
}
// A widget taller than the viewport would come out blank below the fold (content-visibility: auto): make room.
const box = await w.boundingBox();
if (box && box.height > 900) {
  await page.setViewportSize({ width: Number(width), height: Math.ceil(box.height) + 100 });
  await w.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
}
await w.screenshot({ path: out });
console.log(`state=${await w.getAttribute('data-state')} step=${await w.getAttribute('data-step')} loss=${await w.getAttribute('data-loss')}`);
console.log(`badge: ${await w.locator('.badge').textContent()}`);
console.log(`reason: ${await w.locator('.widget-backend-reason').textContent().catch(() => '')}`);
await ctx.close();
await server.close();
