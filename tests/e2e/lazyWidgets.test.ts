/**
 * Widgets load lazily (src/mdx/lazyTags.tsx): a chapter's text renders first with a placeholder frame for each
 * widget, then each widget's chunk arrives. The placeholder is as tall as its widget, so nothing below moves:
 * checked here with the widget chunks held back (tests/e2e/widgetChunks.mjs) and then released, at the suite's
 * viewport (1280 px, one of the widths scripts/measureWidgets.mjs measures). A failure after a widget's layout
 * changed: rerun `npx vite build && node scripts/measureWidgets.mjs`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, READY_CHAPTERS, ROOT, startSite, type Site } from './helpers';

interface Layout {
  time: number;
  placeholders: { key: string; width: number; height: number; top: number }[];
  widgets: { id: string; width: number; height: number }[];
  headings: { id: string; top: number }[];
}
type BeforeAndAfter = (page: import('playwright-core').Page, href: string, opts?: { showAll?: boolean }) => Promise<{ before: Layout; after: Layout }>;
const CHUNKS_MJS = './widgetChunks.mjs';
/** Half a pixel of rounding in the measured table, plus sub-pixel layout. */
const TOLERANCE_PX = 2;
const { chapterHasWidgets } = (await import(/* @vite-ignore */ CHUNKS_MJS)) as { chapterHasWidgets: (root: string, slug: string) => Promise<boolean> };
/** Pages with at least one widget (the data appendix has none, so no placeholder to compare). */
const WIDGET_CHAPTERS = (await Promise.all(READY_CHAPTERS.map(async (c) => ((await chapterHasWidgets(`${ROOT}/`, c.slug)) ? c : null)))).filter((c) => c !== null);

let site: Site;
let beforeAndAfter: BeforeAndAfter;
beforeAll(async () => {
  site = await startSite();
  ({ beforeAndAfter } = (await import(/* @vite-ignore */ CHUNKS_MJS)) as { beforeAndAfter: BeforeAndAfter });
});
afterAll(async () => {
  await site?.close();
});

describe('lazy widgets keep the layout still', () => {
  for (const c of WIDGET_CHAPTERS) {
    it(`${c.slug}: each placeholder is as tall as its widget, and no heading moves`, async () => {
      const page = await site.ctx.newPage();
      // Every block laid out (not only those near the viewport), so that every widget's height is compared.
      const { before, after } = await beforeAndAfter(page, site.href(chapterPath(c.slug)), { showAll: true });
      expect(before.placeholders.length).toBeGreaterThan(0);
      expect(after.widgets.length).toBe(before.placeholders.length);
      const wrong = before.placeholders
        .map((p, i) => ({ key: p.key, widget: after.widgets[i].id, placeholder: Math.round(p.height), real: Math.round(after.widgets[i].height) }))
        .filter((d) => Math.abs(d.placeholder - d.real) > TOLERANCE_PX);
      expect(wrong, 'placeholder heights that differ from their widget (rerun scripts/measureWidgets.mjs)').toEqual([]);
      // Each widget above a heading may add its own sub-pixel difference.
      const moved = before.headings
        .map((h, i) => ({ id: h.id, before: Math.round(h.top), after: Math.round(after.headings[i]?.top ?? Number.NaN), above: before.placeholders.filter((p) => p.top < h.top).length }))
        .filter((d) => !(Math.abs(d.before - d.after) <= TOLERANCE_PX * (1 + d.above)));
      expect(moved, 'headings that moved when the widgets arrived').toEqual([]);
      await page.close();
    });
  }

  it('as a reader opens chapter 1: the visible text does not shift (layout-shift entries)', async () => {
    const page = await site.ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: { value: number; time: number }[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.shifts.push({ value: e.value, time: e.startTime });
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const { before, after } = await beforeAndAfter(page, site.href(chapterPath('01-linear-regression')));
    expect(before.placeholders.length).toBeGreaterThan(0);
    // Only shifts between the placeholders' first paint and the widgets' arrival: the chapter body replacing
    // "Loading the chapter…" comes before, and the worker (held until `after`) after.
    const all = await page.evaluate(() => (window as unknown as { shifts: { value: number; time: number }[] }).shifts);
    const shifts = all.filter((s) => s.time > before.time && s.time <= after.time);
    expect(shifts.reduce((a, s) => a + s.value, 0), `layout shifts: ${JSON.stringify(all)}, placeholders at ${before.time}`).toBeLessThan(0.01);
    await page.close();
  });
});
