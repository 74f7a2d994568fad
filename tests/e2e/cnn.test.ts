/**
 * Chapter 6 in the browser: LeNet's test accuracy rises above chance within a
 * minute of Play, the draw pad classifies a drawn stroke, and a corrupt digit
 * file shows an error with a working Retry instead of a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, startSite, until, waitReady, widget, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const PATH = chapterPath('06-cnn');

describe('chapter 6', () => {
  it('loads cleanly and LeNet rises above chance within a minute of Play', async () => {
    const { page, problems } = await openWatched(site, PATH);
    const w = widget(page, 'lenet');
    await w.scrollIntoViewIfNeeded();
    await waitReady(w, 120_000);
    await w.locator('[data-action="play"]').click();
    const acc = w.locator('[data-test-acc]');
    await until('LeNet test accuracy above 30%', async () => Number((await acc.getAttribute('data-test-acc')) || 0) > 0.3, 60_000, 500);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('the draw pad classifies a drawn stroke, with probabilities', async () => {
    const { page, problems } = await openWatched(site, PATH);
    const w = widget(page, 'digit-pad');
    await w.scrollIntoViewIfNeeded();
    await waitReady(w, 120_000);
    const pad = w.locator('[data-control="draw-pad"]');
    const b = (await pad.boundingBox())!;
    await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.15);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * (0.15 + 0.07 * i));
    await page.mouse.up();
    const pred = w.locator('[data-prediction]');
    await until('a prediction for the stroke', async () => /^\d$/.test((await pred.getAttribute('data-prediction')) ?? ''), 30_000, 200);
    await expect(w.locator('.prob-row').count()).resolves.toBe(10);
    await w.locator('[data-action="clear"]').click();
    await until('prediction cleared', async () => ((await pred.getAttribute('data-prediction')) ?? '') === '', 10_000);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('a corrupt digit file shows an error and Retry recovers', async () => {
    await site.ctx.route('**/data/mnist.bin', (r) => r.fulfill({ status: 200, body: 'not the digits' }));
    const { page } = await openWatched(site, PATH);
    const w = widget(page, 'lenet');
    await w.scrollIntoViewIfNeeded();
    const retry = w.locator('[data-action="retry"]');
    await retry.waitFor({ timeout: 60_000 });
    await expect(w.locator('[data-error]').first().textContent()).resolves.toMatch(/digit file/);
    await site.ctx.unroute('**/data/mnist.bin');
    await retry.click();
    await waitReady(w, 120_000);
    await page.close();
  }, 240_000);
});
