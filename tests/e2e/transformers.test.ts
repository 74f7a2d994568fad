/**
 * Chapter 10 in the browser: the page loads without console problems; the character GPT (small, on the
 * names, through a share link) trains and its held-out loss falls beside the LSTM's; the decoding explorer
 * decodes the GPT with every method, draws the beam tree, and clamps a beam width of 1,000 with a message.
 */
import { cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, maxSpeed, openWatched, startSite, until, waitReady, widget, type Site } from './helpers';

const SLUG = '10-transformers';
/** Long tasks of the page, as tests/e2e/longtasks.test.ts records them. */
const OBSERVE = `window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });`;
const SMALL = 'gpt.corpus=names&gpt.dModel=32&gpt.context=16&gpt.batch=8&gpt.lstmHidden=32&gpt.lr=0.01';
let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('chapter 10', () => {
  it('trains the GPT, its held-out loss falls, and the explorer decodes it with every method', async () => {
    const { page, problems } = await openWatched(site, chapterPath(SLUG, SMALL), { initScript: OBSERVE });
    await page.locator('main.chapter h2').first().waitFor();
    const gpt = widget(page, 'gpt');
    await waitReady(gpt, 90_000);
    const heldOut = async (model: string) => {
      const s = await gpt.locator(`tr[data-model=${model}]`).getAttribute('data-loss').catch(() => null);
      return s ? Number(s) : Number.NaN;
    };
    await maxSpeed(gpt);
    await gpt.locator('[data-action=play]').click();
    await until('a first held-out loss', async () => Number.isFinite(await heldOut('gpt')), 30_000);
    const first = await heldOut('gpt');
    await until('the held-out loss falls', async () => (await heldOut('gpt')) < first - 0.2, 90_000, 200);
    const lstm = await heldOut('lstm');
    console.log(`[transformers] GPT held-out ${first.toFixed(3)} -> ${(await heldOut('gpt')).toFixed(3)}, LSTM ${lstm.toFixed(3)}`);
    expect(Number.isFinite(lstm)).toBe(true);
    await gpt.locator('[data-action=pause]').click();

    // Samples on request.
    await gpt.locator('[data-action=sample]').click();
    await gpt.locator('[data-output]').waitFor({ timeout: 20_000 });

    // The explorer: every method gives output; beam search draws its tree; bad widths are clamped with a message.
    const dec = widget(page, 'decoding');
    await dec.scrollIntoViewIfNeeded();
    const method = dec.locator('select[data-param=method]');
    const output = dec.locator('.dec-output[data-output]');
    for (const m of ['greedy', 'beam', 'sample']) {
      await method.selectOption(m);
      const before = await dec.locator('.widget-summary').textContent();
      await dec.locator('[data-action=decode]').click();
      await until(`${m} output`, async () => (await dec.locator('.widget-summary').textContent()) !== before && (await output.count()) === 1, 20_000);
      expect((await dec.locator('.widget-summary').textContent())?.startsWith(m)).toBe(true);
      expect(await dec.locator('.dec-output button').count()).toBeGreaterThan(0);
      if (m === 'beam') {
        expect(Number(await dec.locator('[data-beams]').getAttribute('data-beams'))).toBeGreaterThan(1);
        expect(await dec.locator('svg.beam-tree rect').count()).toBeGreaterThan(4);
      }
    }
    // Decoding runs in the worker: a widest beam of 80 characters leaves the main thread free (no task over 50 ms).
    await method.selectOption('beam');
    const len = dec.locator('input[data-param=length]');
    await len.fill('80');
    await len.press('Enter');
    const w16 = dec.locator('input[data-param=width]');
    await w16.fill('16');
    await w16.press('Enter');
    const t0 = await page.evaluate(() => performance.now());
    const before = await dec.locator('.widget-summary').textContent();
    await dec.locator('[data-action=decode]').click();
    await until('a 16-wide beam', async () => (await dec.locator('.widget-summary').textContent()) !== before, 60_000);
    await page.waitForTimeout(300);
    const long = await page.evaluate((t) => (window as unknown as { __long: { start: number; duration: number }[] }).__long.filter((e) => e.start >= t).map((e) => Math.round(e.duration)), t0);
    const overloaded = loadavg()[0] > cpus().length;
    console.log(`[transformers] long tasks while decoding a 16-wide beam: ${long.join(', ') || 'none'} (load ${loadavg()[0].toFixed(1)})`);
    if (!overloaded) expect(Math.max(0, ...long)).toBeLessThanOrEqual(50);
    const width = dec.locator('input[data-param=width]');
    await width.fill('1000');
    await width.press('Enter');
    await dec.locator('[data-action=decode]').click();
    await until('the clamp message', async () => /more than 16/.test((await dec.locator('[data-message]').textContent().catch(() => '')) ?? ''), 20_000);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
