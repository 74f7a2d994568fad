/**
 * Holds back the widgets' code on a page, to see a chapter as it is before its widgets' chunks arrive, and
 * measures where things are. Shared by tests/e2e/lazyWidgets.test.ts and scripts/measureWidgets.mjs.
 * A widget chunk is any script but the entry (index-*), a chapter's MDX (NN-slug-*) and the worker.
 */

/** @param {string} url */
export function isWidgetChunk(url) {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  return name.endsWith('.js') && !/^(index|worker|\d\d-[a-z0-9-]+)-[\w-]{8}\.js$/.test(name);
}

/** @param {string} url */
const isWorker = (url) => /^worker-/.test(new URL(url).pathname.split('/').pop() ?? '');

/**
 * Holds every widget chunk the page requests until `release()`, and the training worker until `releaseWorker()`:
 * a widget grows once its trainer is ready (its backend line, its first results), so sizes are compared as the
 * widget first renders, which is when its code arrives.
 * @param {import('playwright-core').Page} page
 */
export async function holdWidgetChunks(page) {
  /** @type {import('playwright-core').Route[]} */
  const held = [];
  /** @type {import('playwright-core').Route[]} */
  const heldWorker = [];
  let holding = true;
  let holdingWorker = true;
  await page.route('**/assets/*.js', (route) => {
    const url = route.request().url();
    if (holding && isWidgetChunk(url)) held.push(route);
    else if (holdingWorker && isWorker(url)) heldWorker.push(route);
    else void route.continue();
  });
  return {
    release() {
      holding = false;
      for (const r of held.splice(0)) void r.continue();
    },
    releaseWorker() {
      holdingWorker = false;
      for (const r of heldWorker.splice(0)) void r.continue();
    },
  };
}

/** Lays out every block of the chapter, not only those near the viewport (content-visibility: auto), to measure them all. */
export const SHOW_ALL_CSS = '.chapter > * { content-visibility: visible !important; }';

/**
 * Every placeholder's or widget's size and every heading's top, in page order.
 * @param {import('playwright-core').Page} page
 */
export function layout(page) {
  return page.evaluate(() => {
    const box = (/** @type {Element} */ e) => e.getBoundingClientRect();
    return {
      placeholders: [...document.querySelectorAll('[data-widget-placeholder]')].map((e) => ({ key: e.getAttribute('data-widget-placeholder') ?? '', width: box(e).width, height: box(e).height, top: box(e).top + window.scrollY })),
      widgets: [...document.querySelectorAll('main.chapter [data-widget]')].map((e) => ({ id: e.getAttribute('data-widget') ?? '', width: box(e).width, height: box(e).height })),
      headings: [...document.querySelectorAll('main.chapter > h2, main.chapter > h3')].map((h) => ({ id: h.id, top: box(h).top + window.scrollY })),
      time: performance.now(),
    };
  });
}

/**
 * Opens `href` with the widget chunks and the worker held, waits for the placeholders, and returns the layout
 * before and after the widgets' code arrives (after: once every placeholder became a widget and two frames
 * passed); then lets the worker load.
 * @param {import('playwright-core').Page} page @param {string} href @param {{ showAll?: boolean }} [opts]
 */
export async function beforeAndAfter(page, href, opts = {}) {
  const hold = await holdWidgetChunks(page);
  await page.goto(href);
  if (opts.showAll) await page.addStyleTag({ content: SHOW_ALL_CSS });
  await page.locator('[data-widget-placeholder]').first().waitFor({ timeout: 30_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const before = await layout(page);
  hold.release();
  await page.waitForFunction((n) => document.querySelectorAll('[data-widget-placeholder]').length === 0 && document.querySelectorAll('main.chapter [data-widget]').length >= n, before.placeholders.length, { timeout: 60_000 }).catch(async (e) => {
    const state = await page.evaluate(() => ({ placeholders: document.querySelectorAll('[data-widget-placeholder]').length, widgets: document.querySelectorAll('main.chapter [data-widget]').length, alerts: [...document.querySelectorAll('main.chapter [role=alert]')].map((a) => a.textContent) }));
    throw new Error(`${href}: the widgets did not all arrive (${JSON.stringify(state)} of ${before.placeholders.length}): ${e}`);
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = await layout(page);
  hold.releaseWorker();
  await page.unroute('**/assets/*.js');
  return { before, after };
}

/**
 * Whether a chapter's MDX uses any widget tag (those registered in src/widgets/<topic>/tags.ts as lazy loaders):
 * a page without widgets (the data appendix) has no placeholder to measure or compare.
 * @param {string} root the repository root, ending in '/'
 * @param {string} slug
 */
export async function chapterHasWidgets(root, slug) {
  const { readdirSync, readFileSync, existsSync } = await import('node:fs');
  const names = readdirSync(`${root}src/widgets`)
    .filter((d) => existsSync(`${root}src/widgets/${d}/tags.ts`))
    .flatMap((d) => [...readFileSync(`${root}src/widgets/${d}/tags.ts`, 'utf8').matchAll(/^\s*(\w+): \(\) => import\(/gm)].map((m) => m[1]));
  const mdx = readFileSync(`${root}chapters/${slug}/index.mdx`, 'utf8');
  return names.some((n) => new RegExp(`<${n}[\\s/>]`).test(mdx));
}
