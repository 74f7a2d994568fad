/**
 * Chapter 12 in the browser: the page loads without console problems; a short search trains candidates
 * from all three searchers and its best accuracy so far rises; the latency figure plots the timed
 * candidates; DARTS's α moves from uniform; unticking every depth empties the space with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, maxSpeed, openWatched, startSite, until, waitReady, widget, type Site } from './helpers';

const SLUG = '12-nas';
let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('chapter 12', () => {
  it('searches, plots latency, moves α and refuses an empty space', async () => {
    const { page, problems } = await openWatched(site, chapterPath(SLUG, 'search.budget=4&search.steps=20&darts.search=40&darts.retrain=20'));
    await page.locator('main.chapter h2').first().waitFor();
    for (const id of ['search', 'latency', 'darts', 'space-quiz']) await widget(page, id).waitFor();

    const search = widget(page, 'search');
    expect(await search.locator('[data-space-size]').getAttribute('data-space-size')).toBe('14424');
    await waitReady(search, 90_000);
    await maxSpeed(search);
    await search.locator('[data-action=play]').click();
    await until('six scored candidates', async () => (await search.locator('tr[data-status=ok]').count()) >= 6, 40_000, 200);
    await until('the search is done', async () => (await search.locator('tr[data-status=ok]').count()) >= 12, 40_000, 200);
    const curves = JSON.parse((await search.locator('[data-best]').getAttribute('data-best')) ?? '[]') as number[][];
    console.log(`[nas] best so far per searcher: ${curves.map((c) => c.join(' ')).join(' | ')}`);
    expect(curves).toHaveLength(3);
    expect(curves.every((c) => c.length === 4 && c.every((a) => a > 0.1))).toBe(true);
    // Running maxima: never falling, and at least one searcher improves on its first candidate.
    expect(curves.every((c) => c.every((a, i) => i === 0 || a >= c[i - 1]))).toBe(true);
    expect(curves.some((c) => c[c.length - 1] > c[0])).toBe(true);

    const latency = widget(page, 'latency');
    await until('timed candidates plotted', async () => (await latency.locator('circle').count()) >= 6, 20_000, 200);
    expect(await latency.locator('[data-preferred]').count()).toBe(1);

    const darts = widget(page, 'darts');
    await darts.scrollIntoViewIfNeeded();
    await waitReady(darts, 60_000);
    await maxSpeed(darts);
    await darts.locator('[data-action=play]').click();
    const spread = async () => {
      const a = JSON.parse((await darts.locator('[data-alpha]').getAttribute('data-alpha')) ?? '[]') as number[][];
      return Math.max(0, ...a.flat().map((p) => Math.abs(p - 0.2)));
    };
    await until('α moves away from uniform', async () => (await spread()) > 0.02, 40_000, 200);
    await darts.locator('[data-action=pause]').click();

    // Unticking every depth empties the space: a message, and the search refuses to build.
    await search.scrollIntoViewIfNeeded();
    for (const d of ['d1', 'd2', 'd3']) await search.locator(`input[data-param=${d}]`).click();
    await search.locator('[data-empty-space]').waitFor();
    expect(await search.locator('[data-empty-space]').textContent()).toMatch(/tick at least a depth/);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);
});
