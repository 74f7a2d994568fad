/**
 * Chapter 13 in the browser: the page loads without console errors; the MoE classifier's loss falls and,
 * with the balancing loss on (the default), more than one expert serves the points; the calculator shows
 * the Mixtral account and refuses a bad value with a message, keeping the last valid total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, lossOf, openWatched, startSite, until, waitReady, widget, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('chapter 13', () => {
  it('loads cleanly; the MoE classifier learns with several experts in use', async () => {
    const { page, problems } = await openWatched(site, chapterPath('13-moe'));
    const w = widget(page, 'moe');
    await waitReady(w, 120_000);
    await w.locator('[data-control=speed]').selectOption('0');
    await w.locator('[data-action="play"]').click();
    let first = NaN;
    await until('a first loss', async () => Number.isFinite((first = await lossOf(w))), 60_000, 200);
    let last = first;
    await until(`loss below half of ${first}`, async () => (last = await lossOf(w)) < 0.5 * first, 60_000, 300);
    await w.locator('[data-action="pause"]').click();
    const used = Number(await w.locator('[data-experts-used]').getAttribute('data-experts-used'));
    console.log(`[moe] loss ${first} → ${last}; experts used ${used}; ${await w.locator('.widget-summary').textContent()}`);
    expect(used).toBeGreaterThan(1);

    const calc = widget(page, 'moe-calc');
    await calc.scrollIntoViewIfNeeded();
    const table = calc.locator('table[data-total]');
    expect(await table.getAttribute('data-total')).toBe('46702792704');
    expect(await table.getAttribute('data-active')).toBe('12879925248');
    await calc.locator('input[data-param="topK"]').fill('9');
    await until('a message for k > E', async () => (await calc.locator('[data-error]').count()) > 0, 5000, 100);
    expect(await calc.locator('[data-error]').first().textContent()).toMatch(/more than the 8 experts/);
    expect(await table.getAttribute('data-total')).toBe('46702792704');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
