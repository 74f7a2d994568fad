/**
 * Points on the data path: chapter 2's classifier gets its points by name (useTrainer's `data`), not in
 * its config, and still trains on them in the page; a share link's data settings still pick the points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, playAndSample, startSite, waitReady, widget, type Site } from './helpers';

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
});
