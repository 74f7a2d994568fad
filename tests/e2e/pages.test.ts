/**
 * Every page loads cleanly: no console error, no page error, no failed request;
 * chapter headings carry unique, non-empty ids; the home page loads no tfjs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, READY_CHAPTERS, sleep, startSite, until, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** Settles: let lazy chunks, the worker and its backend probe finish. */
async function settle(page: import('playwright-core').Page, ms: number): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await sleep(ms);
}

describe('pages load cleanly', () => {
  it('has ready chapters in the manifest', () => {
    expect(READY_CHAPTERS.length).toBeGreaterThan(0);
  });

  it('home: table of contents, no errors, no tfjs', async () => {
    const { page, problems, requests } = await openWatched(site, '#/');
    await page.locator('ol.toc').waitFor();
    await settle(page, 1000);
    for (const c of READY_CHAPTERS) {
      await expect(page.locator(`a[href="#/chapters/${c.slug}"]`).count()).resolves.toBe(1);
    }
    expect(problems).toEqual([]);
    const heavy = requests.filter((u) => /worker|\.wasm|tfjs/i.test(u));
    expect(heavy, 'the home page must not load the training worker, tfjs or wasm').toEqual([]);
    // tfjs bundled into the page's own scripts would not show in a URL: look inside them for its strings.
    const scripts = [...new Set(requests.filter((u) => /\.m?js(\?|$)/.test(new URL(u).pathname)))];
    expect(scripts.length).toBeGreaterThan(0);
    for (const u of scripts) {
      const body = await (await fetch(u)).text();
      expect(/Tensor is disposed|Conv2DBackpropFilter/.test(body), `${u} contains tfjs code`).toBe(false);
    }
    await page.close();
  });

  for (const c of READY_CHAPTERS) {
    it(`chapter ${c.slug}: loads, no errors, unique heading ids`, async () => {
      const { page, problems } = await openWatched(site, chapterPath(c.slug));
      await page.locator('main.chapter h1').waitFor();
      await until('the chapter body', async () => (await page.locator('main.chapter h2').count()) > 0, 20_000);
      await expect(page.locator('main.chapter h1').textContent()).resolves.toContain(c.title);
      // Let every widget create its trainer (worker start, backend probe) before judging.
      await settle(page, 2500);
      const headings = await page.$$eval('main.chapter h2, main.chapter h3', (hs) =>
        hs.filter((h) => !h.closest('[data-widget]')).map((h) => ({ tag: h.tagName, id: h.id, text: (h.textContent ?? '').trim() })),
      );
      expect(headings.length).toBeGreaterThan(0);
      const missing = headings.filter((h) => !h.id);
      expect(missing, 'headings without an id').toEqual([]);
      const ids = headings.map((h) => h.id);
      const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(dupes, 'duplicate heading ids').toEqual([]);
      // Element ids on the whole page are unique too (widget roots are id="widget-NAME").
      const allIds = await page.$$eval('[id]', (els) => els.map((e) => e.id));
      expect(allIds.filter((id, i) => allIds.indexOf(id) !== i), 'duplicate element ids').toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('an unknown chapter shows a message, not a crash', async () => {
    const { page, problems } = await openWatched(site, chapterPath('99-no-such-chapter'));
    await page.getByText('not written yet').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
