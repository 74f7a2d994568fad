/**
 * Measures every widget's height as it first renders, in the built site, at several viewport widths, and
 * writes src/mdx/widgetSizes.json, from which a widget's placeholder takes its height while the widget's
 * code loads (src/mdx/WidgetPlaceholder.tsx). Rerun after a widget's layout changes or a widget is added:
 *   npx vite build && node scripts/measureWidgets.mjs && npx vite build
 * With chapter slugs as arguments it measures only those chapters and keeps the other entries of the file.
 * tests/e2e/lazyWidgets.test.ts fails when a placeholder and its widget differ at the test's viewport.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { launch } from '../tests/e2e/browser.mjs';
import { serveStatic } from '../tests/e2e/staticServer.mjs';
import { beforeAndAfter, chapterHasWidgets } from '../tests/e2e/widgetChunks.mjs';

/** Phones, tablets, laptops, desktops; 1280 is the e2e suite's viewport. */
const VIEWPORTS = [360, 390, 768, 1024, 1280, 1440, 1920];
const root = new URL('../', import.meta.url).pathname;
const written = readdirSync(`${root}chapters`).filter((d) => existsSync(`${root}chapters/${d}/index.mdx`)).sort();
const chapters = [];
const only = process.argv.slice(2);
for (const d of written) if ((only.length === 0 || only.includes(d)) && (await chapterHasWidgets(root, d))) chapters.push(d);
const server = await serveStatic(`${root}dist`);
const ctx = await launch();
/** @type {Record<string, Map<number, number>>} */
const sizes = {};
if (only.length) {
  // Keep what the other chapters measured; the chapters named are measured afresh below.
  const kept = JSON.parse(readFileSync(`${root}src/mdx/widgetSizes.json`, 'utf8'));
  for (const [k, pairs] of Object.entries(kept)) sizes[k] = new Map(pairs);
}
try {
  for (const width of VIEWPORTS) {
    for (const slug of chapters) {
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 900 });
      const href = `${server.url}#/chapters/${slug}`;
      // One retry: on a loaded machine a chunk now and then arrives after the wait gives up.
      const { before, after } = await beforeAndAfter(page, href, { showAll: true }).catch(async (e) => {
        console.warn(`${slug} at ${width} px: ${e.message}; retrying`);
        await page.goto('about:blank');
        return beforeAndAfter(page, href, { showAll: true });
      });
      if (before.placeholders.length !== after.widgets.length) throw new Error(`${slug}: ${before.placeholders.length} placeholders but ${after.widgets.length} widgets`);
      before.placeholders.forEach((p, i) => {
        const w = after.widgets[i];
        const samples = (sizes[p.key] ??= new Map());
        const x = Math.round(w.width);
        const h = Math.round(w.height * 10) / 10;
        if (samples.has(x) && Math.abs((samples.get(x) ?? h) - h) > 1) console.warn(`${p.key} (${w.id}): ${samples.get(x)} and ${h} px tall at width ${x}; the key is ambiguous`);
        samples.set(x, h);
      });
      await page.close();
    }
    console.log(`measured at ${width} px`);
  }
} finally {
  await ctx.close();
  await server.close();
}
const out = Object.fromEntries(Object.entries(sizes).sort(([a], [b]) => a.localeCompare(b)).map(([k, m]) => [k, [...m].sort((a, b) => a[0] - b[0])]));
writeFileSync(`${root}src/mdx/widgetSizes.json`, `${JSON.stringify(out).replace(/\],"/g, '],\n"')}\n`);
console.log(`wrote src/mdx/widgetSizes.json: ${Object.keys(out).length} widgets`);
