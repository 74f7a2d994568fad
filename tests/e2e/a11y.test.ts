/**
 * Accessibility: axe-core finds no violations on the home page and on any chapter (every rule axe runs by
 * default, WCAG 2.x A and AA included). The chapter is scrolled top to bottom first, so that every block
 * has rendered (chapter blocks use content-visibility) and every widget has built its trainer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { chapterPath, openWatched, READY_CHAPTERS, sleep, startSite, until, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** Scrolls the whole chapter a screen at a time, so every content-visibility block renders once. */
async function scrollThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 800) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await sleep(60);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe('accessibility (axe-core)', () => {
  it('home: no violations', async () => {
    const { page } = await openWatched(site, '#/');
    await page.locator('ol.toc').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  for (const c of READY_CHAPTERS) {
    it(`chapter ${c.slug}: no violations`, async () => {
      const { page } = await openWatched(site, chapterPath(c.slug));
      await until('the chapter body', async () => (await page.locator('main.chapter h2').count()) > 0, 20_000);
      await scrollThrough(page);
      await sleep(500);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
