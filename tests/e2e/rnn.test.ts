/**
 * Chapter 7 in the browser: the page loads without console errors; the forecaster's and the
 * long-dependency task's losses fall after Play; the LSTM explorer shows gates from the trained
 * forecaster; a drawn series of one point gets a message, not a blank widget. Screenshots of every
 * widget go to $RNN_SHOTS when it is set (for looking at them, not asserted).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, lossOf, openWatched, sleep, startSite, until, waitReady, widget, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const SHOTS = process.env.RNN_SHOTS;
async function shot(page: Page, w: Locator, name: string): Promise<void> {
  if (!SHOTS) return;
  await w.scrollIntoViewIfNeeded();
  await w.screenshot({ path: `${SHOTS}/${name}.png` });
  void page;
}

/** Plays a widget until its loss is below `fraction` of the first loss it reported. */
async function lossFalls(w: Locator, fraction: number, timeout: number): Promise<{ first: number; last: number }> {
  await w.locator('[data-action="play"]').click();
  let first = NaN;
  await until('a first loss', async () => Number.isFinite((first = await lossOf(w))), 60_000, 200);
  let last = first;
  await until(`loss below ${fraction} of ${first}`, async () => (last = await lossOf(w)) < fraction * first, timeout, 500);
  return { first, last };
}

describe('chapter 7', () => {
  it('loads cleanly; the forecaster trains, and the LSTM explorer reads its gates', async () => {
    const { page, problems } = await openWatched(site, chapterPath('07-rnn-lstm'));
    const f = widget(page, 'forecast');
    await waitReady(f, 120_000);
    const r = await lossFalls(f, 0.5, 120_000);
    console.log(`[rnn] forecast loss ${r.first} → ${r.last}`);
    await sleep(8000);
    await f.locator('[data-action="pause"]').click();
    console.log('[rnn] forecast:', (await f.locator('.widget-summary').textContent()) ?? '');
    await shot(page, f, 'forecast');
    const x = widget(page, 'lstm-cell');
    await x.scrollIntoViewIfNeeded();
    await until('gates from the trained LSTM', async () => (await x.locator('[data-gate="f"] td').count()) === 14, 30_000, 200);
    await expect(x.textContent()).resolves.not.toMatch(/NaN/);
    await shot(page, x, 'lstm-cell');
    for (const id of ['rnn-params']) await shot(page, widget(page, id), id);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('the long-dependency task trains', async () => {
    const { page, problems } = await openWatched(site, chapterPath('07-rnn-lstm'));
    const w = widget(page, 'longdep');
    await waitReady(w, 120_000);
    const r = await lossFalls(w, 0.8, 180_000);
    console.log(`[rnn] longdep loss ${r.first} → ${r.last}:`, (await w.locator('.widget-summary').textContent()) ?? '');
    await w.locator('[data-action="pause"]').click();
    await shot(page, w, 'longdep');
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('a drawn series of one point gets a message', async () => {
    const { page } = await openWatched(site, chapterPath('07-rnn-lstm', '?forecast.source=drawn'));
    const f = widget(page, 'forecast');
    await f.scrollIntoViewIfNeeded();
    await f.locator('[data-action="one-point"]').click();
    await until('the message', async () => ((await f.textContent()) ?? '').includes('Draw at least 12 points'), 60_000, 200);
    await shot(page, f, 'forecast-one-point');
    await page.close();
  }, 120_000);
});
