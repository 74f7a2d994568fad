/**
 * Search: the index loads only when search opens; `/` opens it, the keyboard alone finds and opens a result,
 * which lands on its heading; widget titles and bold terms are found; the open dialog passes axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { chapterPath, openWatched, startSite, until, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('search', () => {
  it('opens with /, loads its index then, and the keyboard alone reaches a heading', async () => {
    const { page, problems, requests } = await openWatched(site, chapterPath('01-linear-regression'));
    await page.locator('main.chapter h2').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    expect(requests.filter((u) => /search-index|minisearch/i.test(u)), 'nothing of search loads with the page').toEqual([]);

    await page.locator('body').press('/');
    const box = page.locator('[data-search-input]');
    await until('the search box has focus', () => box.evaluate((el) => el === document.activeElement), 5000);
    expect(requests.some((u) => u.includes('search-index.json'))).toBe(true);
    await page.keyboard.type('cross-entropy');
    const first = page.locator('[data-search-hit]').first();
    await first.waitFor({ timeout: 10_000 });
    expect(await first.getAttribute('href')).toMatch(/^#\/chapters\/02-classification\/[a-z0-9-]+$/);
    expect(await page.locator('.search-snippet mark').count()).toBeGreaterThan(0);

    await page.keyboard.press('ArrowDown');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    const href = (await first.getAttribute('href')) ?? '';
    await page.keyboard.press('Enter');
    const anchor = href.split('/').pop() ?? '';
    await until('the chapter 2 heading in view', async () =>
      page.evaluate((id) => {
        const h = document.getElementById(id);
        if (!h) return false;
        const r = h.getBoundingClientRect();
        return r.top >= -2 && r.top < window.innerHeight / 2;
      }, anchor), 20_000);
    expect(await page.evaluate(() => location.hash)).toBe(href);
    expect(await page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds widget titles and defined terms; the open dialog passes axe; Escape closes it', async () => {
    const { page, problems } = await openWatched(site, '#/');
    await page.locator('ol.toc').waitFor();
    await page.locator('.search-open').click();
    const box = page.locator('[data-search-input]');
    await box.fill('Optimiser race');
    const hit = page.locator('[data-search-hit]').first();
    await hit.waitFor({ timeout: 10_000 });
    expect(await hit.getAttribute('href')).toMatch(/^#\/chapters\/04-optimisation\/[a-z0-9-]+$/); // the section holding the race
    expect(await hit.locator('.search-heading').textContent()).toBe('Optimiser race');
    await box.fill('logit');
    await until('a result for logit', async () => ((await page.locator('[data-search-hit]').first().getAttribute('href')) ?? '').includes('02-classification'), 5000);
    expect(await axeViolations(page, 'dialog.search-dialog')).toEqual([]);
    // A glossary term: its result says so, and links to the section that teaches it.
    await box.fill('receptive field');
    const term = page.locator('[data-search-hit="glossary/term-receptive-field"]');
    await term.waitFor({ timeout: 5000 });
    expect(await term.getAttribute('href')).toBe('#/chapters/06-cnn/how-far-one-unit-can-see');
    expect(await term.locator('.search-where').textContent()).toMatch(/glossary/);
    await box.fill('zzzqqqx');
    await page.getByText('No results').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.locator('dialog.search-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
