/**
 * Points on the data path: chapter 2's classifier gets its points by name (useTrainer's `data`), not in
 * its config, and still trains on them in the page; a share link's data settings still pick the points.
 * Chapter 3's playground starts with no drawn points (refused with a message) and trains once points are
 * clicked onto its map: good points after bad ones train again. Chapter 7's forecaster gets a drawn series
 * the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, playAndSample, startSite, until, waitReady, widget, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('points on the data path', () => {
  it("chapter 2's classifier trains on the points it was sent, from a share link's settings", async () => {
    const { page, problems } = await openWatched(site, chapterPath('02-classification', 'logreg.data=xor&logreg.features=quadratic&logreg.seed=3'));
    const w = widget(page, 'logreg');
    await w.waitFor({ timeout: 30_000 });
    await w.scrollIntoViewIfNeeded();
    await waitReady(w);
    const { first, last, steps } = await playAndSample(w, 1500);
    expect(steps).toBeGreaterThan(5);
    expect(last).toBeLessThan(first);
    expect(await w.locator('select[data-param="data"], [data-param="data"]').first().inputValue()).toBe('xor');
    expect(problems).toEqual([]);
    await page.close();
  });

  it("chapter 3's playground: no drawn points is refused, then clicked points train", async () => {
    const { page, problems } = await openWatched(site, chapterPath('03-mlp-backprop', 'pg.data=drawn&pg.test=0'));
    const w = widget(page, 'pg');
    await w.waitFor({ timeout: 30_000 });
    await waitReady(w);
    await until('the no-points message', async () => /No training points/.test((await w.textContent()) ?? ''), 20_000, 100);
    const map = w.locator('.output-map');
    const box = (await map.boundingBox())!;
    const at = (x: number, y: number) => map.click({ position: { x: ((x + 1) / 2) * box.width, y: ((1 - y) / 2) * box.height } });
    await w.locator('[data-action="draw-0"]').click();
    for (const [x, y] of [[-0.5, -0.5], [-0.4, -0.6], [-0.6, -0.4]]) await at(x, y);
    await w.locator('[data-action="draw-1"]').click();
    for (const [x, y] of [[0.5, 0.5], [0.4, 0.6], [0.6, 0.4]]) await at(x, y);
    await until('6 training points', async () => ((await w.textContent()) ?? '').includes('6 training and 0 test points'), 10_000, 100);
    const { first, last } = await playAndSample(w, 1500);
    expect(last).toBeLessThan(first);
    expect((await w.textContent()) ?? '').not.toMatch(/No training points/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("chapter 7's forecaster: a series of one point is refused, then the drawing trains", async () => {
    const { page, problems } = await openWatched(site, chapterPath('07-rnn-lstm', 'forecast.source=drawn&forecast.units=8'));
    const f = widget(page, 'forecast');
    await f.waitFor({ timeout: 30_000 });
    await waitReady(f, 60_000);
    await f.locator('[data-action="one-point"]').click();
    await until('the message', async () => ((await f.textContent()) ?? '').includes('Draw at least 12 points'), 30_000, 100);
    await f.locator('[data-action="use-drawing"]').click();
    await until('held-out errors of the drawing', async () => (await f.locator('[data-rmse]').count()) > 0, 30_000, 100);
    const { first, last } = await playAndSample(f, 1500);
    expect(last).toBeLessThan(first * 1.5);
    expect((await f.textContent()) ?? '').not.toContain('Draw at least 12 points');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
