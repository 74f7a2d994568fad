/**
 * Chapter 7 in the browser: the page loads without console errors; the forecaster's and the
 * long-dependency task's losses fall after Play; the LSTM explorer shows gates from the trained
 * forecaster; a drawn series of one point gets a message, not a blank widget; the character model's
 * held-out loss falls and its samples change as it trains; a prompt outside its vocabulary is named. Screenshots of every
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

  it('the character model: held-out loss falls, the samples change, a bad prompt gets a message', async () => {
    const { page, problems } = await openWatched(site, chapterPath('07-rnn-lstm', '?charlm.hidden=32&charlm.window=16'));
    const w = widget(page, 'charlm');
    await waitReady(w, 120_000);
    await w.scrollIntoViewIfNeeded();
    const samples = w.locator('[data-samples]');
    await until('samples before training', async () => (await samples.count()) === 1, 60_000, 200);
    const before = await samples.getAttribute('data-samples');
    const held = w.locator('[data-heldout]');
    await w.locator('[data-action="play"]').click();
    let first = NaN;
    await until('a first held-out loss', async () => Number.isFinite((first = Number((await held.getAttribute('data-heldout')) || NaN))), 60_000, 200);
    let last = first;
    await until(`held-out loss below 0.9 of ${first}`, async () => (last = Number(await held.getAttribute('data-heldout'))) < 0.9 * first, 120_000, 500);
    await w.locator('[data-action="pause"]').click();
    await until('samples after training', async () => (await samples.getAttribute('data-samples')) !== before, 30_000, 200);
    const after = await samples.getAttribute('data-samples');
    console.log(`[rnn] charlm held-out ${first} → ${last}; samples ${before} → ${after}`);
    expect(after).not.toMatch(/NaN|undefined/);
    await shot(page, w, 'charlm');
    const prompt = w.locator('[data-param="prompt"]');
    await prompt.fill('ma7');
    await prompt.press('Enter');
    await until('the out-of-vocabulary message', async () => ((await w.textContent()) ?? '').includes('“7” is not in'), 30_000, 200);
    await shot(page, w, 'charlm-bad-prompt');
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
