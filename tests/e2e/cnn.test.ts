/**
 * Chapter 6 in the browser: LeNet's test accuracy rises above chance within a
 * minute of Play; the draw pad classifies a drawn stroke with the LeNet
 * figure's network (and follows it when that figure resets); a blank and an
 * all-ink pad get an answer marked low confidence; a corrupt digit file shows
 * an error with a working Retry instead of a hang.
 */
import type { Locator, Page } from 'playwright-core';
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

  it('the draw pad classifies a drawn stroke with the LeNet figure\'s network, with probabilities', async () => {
    const { page, problems } = await openWatched(site, PATH);
    const lenet = widget(page, 'lenet');
    const w = widget(page, 'digit-pad');
    await w.scrollIntoViewIfNeeded();
    // The pad has no trainer of its own: no transport buttons, no backend badge.
    await expect(w.locator('[data-action="play"], .badge').count()).resolves.toBe(0);
    const status = w.locator('[role="status"]');
    await until('the pad asks for training first', async () => ((await status.textContent()) ?? '').includes('Press Play on the LeNet figure above to train the model, then draw.'), 120_000, 200);
    await expect(w.locator('[data-prediction]').getAttribute('data-prediction')).resolves.toBe('');

    const trainedTo = await trainLenet(lenet);
    await w.scrollIntoViewIfNeeded();
    await drawStroke(page, w);
    const pred = w.locator('[data-prediction]');
    const note = w.locator('[data-model-step]');
    await until('a prediction for the stroke from the trained LeNet', async () =>
      /^\d$/.test((await pred.getAttribute('data-prediction')) ?? '') && Number(await note.getAttribute('data-model-step')) >= trainedTo, 30_000, 200);
    // The answer came from the LeNet figure's network at (at most) its current step, and the pad says which.
    const modelStep = Number(await note.getAttribute('data-model-step'));
    expect(modelStep).toBeLessThanOrEqual(Number(await lenet.getAttribute('data-step')));
    await expect(note.textContent()).resolves.toMatch(/LeNet of .LeNet learns to read digits. above .*step \d+.*test accuracy \d/);
    await expect(w.locator('.prob-row').count()).resolves.toBe(10);
    await expect(w.textContent()).resolves.not.toMatch(/NaN/);

    // Reset the LeNet figure: the pad now reads with an untrained network and says so.
    await lenet.locator('[data-action="reset"]').click();
    await until('the pad follows the reset', async () => ((await status.textContent()) ?? '').includes('Press Play on the LeNet figure above'), 20_000, 200);
    await expect(pred.getAttribute('data-prediction')).resolves.toBe('');
    await w.locator('[data-action="clear"]').click();
    await expect(w.textContent()).resolves.not.toMatch(/NaN/);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('a blank pad and an all-ink pad each get an answer marked low confidence, never NaN', async () => {
    const { page, problems } = await openWatched(site, PATH);
    const lenet = widget(page, 'lenet');
    const w = widget(page, 'digit-pad');
    await trainLenet(lenet);
    await w.scrollIntoViewIfNeeded();
    const pred = w.locator('[data-prediction]');
    const status = w.locator('[role="status"]');
    const answered = async (what: string, text: RegExp) => {
      await until(what, async () => /^\d$/.test((await pred.getAttribute('data-prediction')) ?? '') && text.test((await status.textContent()) ?? ''), 30_000, 200);
      await expect(pred.getAttribute('data-confidence')).resolves.toBe('low');
      await expect(w.locator('.prob-row').count()).resolves.toBe(10);
      const said = (await status.textContent()) ?? '';
      expect(said).toMatch(/\(\d+, \d+%\)|\d \(\d+%\)/);
      expect(said).toMatch(/^Low confidence: .*means little/);
      await expect(w.textContent()).resolves.not.toMatch(/NaN/);
      console.log(`[cnn] ${what}: ${said}`);
    };
    await answered('the blank pad answered', /blank/);

    // Ink over the whole pad: rows of strokes closer together than the brush is wide.
    const pad = w.locator('[data-control="draw-pad"]');
    const b = (await pad.boundingBox())!;
    for (let r = 0; r <= 24; r++) {
      const y = b.y + b.height * (0.02 + 0.04 * r);
      await page.mouse.move(b.x + 2, y);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width - 2, y, { steps: 4 });
      await page.mouse.up();
    }
    await answered('the all-ink pad answered', /solid ink/);

    await w.locator('[data-action="clear"]').click();
    await answered('the cleared pad answered as blank again', /blank/);
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

/** Plays the LeNet figure until it has trained a little (a test-accuracy point above chance), pauses it, and returns its step. */
async function trainLenet(lenet: Locator): Promise<number> {
  await lenet.scrollIntoViewIfNeeded();
  await waitReady(lenet, 120_000);
  await lenet.locator('[data-action="play"]').click();
  const acc = lenet.locator('[data-test-acc]');
  await until('LeNet test accuracy above 20%', async () => Number((await acc.getAttribute('data-test-acc')) || 0) > 0.2, 90_000, 300);
  await lenet.locator('[data-action="pause"]').click();
  await until('LeNet paused', async () => (await lenet.getAttribute('data-state')) === 'paused', 10_000);
  return Number(await lenet.getAttribute('data-step'));
}

/** One vertical stroke down the middle of the pad, as a reader draws a 1. */
async function drawStroke(page: Page, w: Locator): Promise<void> {
  const pad = w.locator('[data-control="draw-pad"]');
  const b = (await pad.boundingBox())!;
  await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * (0.15 + 0.07 * i));
  await page.mouse.up();
}
