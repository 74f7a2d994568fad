/**
 * Present mode at projector size (1920x1080): in every training widget, the main plot (the largest chart,
 * heatmap or image) fills at least half the screen's width, and no number in the widget wraps onto a
 * second line. Each widget trains for a second first, so its tables hold real numbers. A widget with no
 * chart or image (a quiz) is checked for wrapping only.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, READY_CHAPTERS, startSite, until, widgetsLoaded, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

interface Measure { id: string; plot: number; plotWhat: string; screen: number; wrapped: string[] }

/** The presenting widget's largest svg or canvas, and every number in it that spans two line boxes. */
function measure(w: Locator): Promise<Omit<Measure, 'id'>> {
  return w.evaluate((root) => {
    let best: Element | null = null;
    let area = 0;
    for (const el of root.querySelectorAll('svg, canvas')) {
      const r = el.getBoundingClientRect();
      if (r.width * r.height > area && !el.closest('button')) {
        area = r.width * r.height;
        best = el;
      }
    }
    const wrapped: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (n.parentElement?.closest('svg, option, select, .widget-summary, .widget-backend-reason, .share-url')) continue;
      for (const m of text.matchAll(/[−-]?\d[\d.,]*(e[+−-]?\d+)?%?/g)) {
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) wrapped.push(`${m[0]} in "${text.trim().slice(0, 40)}"`);
      }
    }
    const r = best?.getBoundingClientRect();
    return { plot: Math.round(r?.width ?? 0), plotWhat: best ? `${best.tagName.toLowerCase()} in .${best.parentElement?.className ?? ''}` : 'none', screen: window.innerWidth, wrapped };
  });
}

async function presentEach(page: Page): Promise<Measure[]> {
  const out: Measure[] = [];
  for (const w of await page.locator('[data-widget]:has([data-action=present])').all()) {
    const id = (await w.getAttribute('data-widget')) ?? '?';
    await w.scrollIntoViewIfNeeded();
    // Train for a moment at max speed, so the tables hold the long numbers of a trained model (1.23e-11).
    const step = w.locator('[data-action=step]');
    await until(`${id} ready`, () => step.isEnabled(), 60_000, 100);
    await w.locator('[data-control=speed]').selectOption('0');
    await w.locator('[data-action=play]').click();
    await until(`${id} trains`, async () => Number(await w.getAttribute('data-step')) >= 2, 60_000, 50);
    await page.waitForTimeout(1000);
    await w.locator('[data-action=pause]').click();
    await w.locator('[data-action=present]').click();
    await until(`${id} presenting`, () => w.evaluate((el) => el.classList.contains('presenting')), 5000, 50);
    await page.waitForTimeout(400); // charts re-measure their width (ResizeObserver) and redraw
    out.push({ id, ...(await measure(w)) });
    await w.locator('[data-action=present]').click();
    await until(`${id} back in the page`, () => w.evaluate((el) => !el.classList.contains('presenting')), 5000, 50);
  }
  return out;
}

describe('present mode at 1920x1080', () => {
  for (const c of READY_CHAPTERS) {
    it(`chapter ${c.slug}: every widget's main plot fills half the screen and no number wraps`, async () => {
      const { page, problems } = await openWatched(site, chapterPath(c.slug));
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.locator('main.chapter h2').first().waitFor({ timeout: 20_000 });
      await widgetsLoaded(page);
      const ms = await presentEach(page);
      for (const m of ms) console.log(`[present] ${c.slug} ${m.id}: main plot ${m.plot}/${m.screen} px (${m.plotWhat})${m.wrapped.length ? `; wrapped: ${m.wrapped.join('; ')}` : ''}`);
      expect(ms.filter((m) => m.plot > 0 && m.plot < m.screen / 2).map((m) => `${m.id}: ${m.plot} px (${m.plotWhat})`), 'main plots narrower than half the screen').toEqual([]);
      expect(ms.filter((m) => m.wrapped.length).map((m) => `${m.id}: ${m.wrapped.join('; ')}`), 'numbers that wrap').toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 300_000);
  }
});
