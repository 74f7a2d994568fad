/**
 * Shared plumbing for the browser tests: the built site on a loopback server,
 * one headless system Chromium per test file, a page that records every
 * console error, page error and failed request, and small helpers that speak
 * the widget testing contract (data-widget, data-state, data-step, data-loss,
 * data-action, data-param).
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { CHAPTERS } from '../../chapters/manifest';

// The two .mjs helpers are plain JavaScript with JSDoc; typed here, loaded by path.
type LaunchFn = () => Promise<BrowserContext>;
type ServeFn = (root: string) => Promise<{ url: string; close: () => Promise<void> }>;
const BROWSER_MJS = './browser.mjs';
const SERVER_MJS = './staticServer.mjs';
async function loadJs(): Promise<{ launch: LaunchFn; serveStatic: ServeFn }> {
  const b = (await import(/* @vite-ignore */ BROWSER_MJS)) as { launch: LaunchFn };
  const s = (await import(/* @vite-ignore */ SERVER_MJS)) as { serveStatic: ServeFn };
  return { launch: b.launch, serveStatic: s.serveStatic };
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist');

/** The chapters whose MDX exists (that is what makes a chapter ready), in book order. New chapters are picked up automatically. */
export const READY_CHAPTERS = CHAPTERS.filter((c) => existsSync(join(ROOT, 'chapters', c.slug, 'index.mdx')));

/** Builds dist/ once if it is missing (`npm run test:e2e` builds it first anyway). */
export function ensureDist(): void {
  if (existsSync(join(DIST, 'index.html'))) return;
  execSync('npx vite build', { cwd: ROOT, stdio: 'inherit' });
}

export interface Site {
  url: string;
  ctx: BrowserContext;
  /** `path` is everything after the origin: `?backend=wasm#/chapters/01-linear-regression`. */
  href(path: string): string;
  close(): Promise<void>;
}

/** Serves dist/ and launches one browser; call in beforeAll, close in afterAll. */
export async function startSite(): Promise<Site> {
  ensureDist();
  const { launch, serveStatic } = await loadJs();
  const server = await serveStatic(DIST);
  const ctx = await launch();
  return {
    url: server.url,
    ctx,
    href: (path: string) => new URL(path.replace(/^\//, ''), server.url).href,
    async close() {
      await ctx.close().catch(() => undefined);
      await server.close();
    },
  };
}

export interface Watched {
  page: Page;
  /** Console errors, page errors, failed requests and HTTP >= 400 responses, as readable lines. */
  problems: string[];
  /** Every URL the page (and its workers) requested. */
  requests: string[];
}

/** Opens a fresh page that records everything that goes wrong. Close it when done. */
export async function openWatched(site: Site, path: string, opts: { initScript?: string } = {}): Promise<Watched> {
  const page = await site.ctx.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} (${r.failure()?.errorText ?? '?'})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => requests.push(r.url()));
  // Requests made by the training worker are seen through the context as well.
  page.on('worker', (w) => {
    w.on('console', (m) => {
      if (m.type() === 'error') problems.push(`worker console.error: ${m.text()}`);
    });
  });
  if (opts.initScript) await page.addInitScript(opts.initScript);
  await page.goto(site.href(path));
  return { page, problems, requests };
}

export function chapterPath(slug: string, search = ''): string {
  return `${search ? `?${search.replace(/^\?/, '')}` : ''}#/chapters/${slug}`;
}

/** Waits until every widget's lazily loaded code has arrived (no placeholder frame left), so that a test listing a page's widgets sees all of them. */
export async function widgetsLoaded(page: Page, timeout = 60_000): Promise<void> {
  await until('every widget chunk', async () => (await page.locator('[data-widget-placeholder]').count()) === 0, timeout);
}

export function widget(page: Page, id: string): Locator {
  return page.locator(`[data-widget="${id}"]`);
}

export async function stepOf(w: Locator): Promise<number> {
  return Number(await w.getAttribute('data-step'));
}

export async function stateOf(w: Locator): Promise<string> {
  return (await w.getAttribute('data-state')) ?? '';
}

/** data-loss as a number; NaN when empty. */
export async function lossOf(w: Locator): Promise<number> {
  const s = await w.getAttribute('data-loss');
  return s === null || s === '' ? Number.NaN : Number(s);
}

/** Polls `fn` until it returns true; throws with `what` after `timeout` ms. */
export async function until(what: string, fn: () => Promise<boolean>, timeout = 20_000, every = 50): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(every);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the widget's worker trainer exists: the backend badge names a backend. A trainer is built
 * only once its widget comes near the viewport, so the widget is scrolled into view first, as a reader would.
 */
export async function waitReady(w: Locator, timeout = 30_000): Promise<string> {
  await w.scrollIntoViewIfNeeded();
  const badge = w.locator('.badge[data-backend]');
  await until(`backend of ${await w.getAttribute('data-widget')}`, async () => Boolean(await badge.getAttribute('data-backend')), timeout);
  return (await badge.getAttribute('data-backend')) ?? '';
}

/** Types a value into a parameter's text box and commits it with Enter. */
export async function setParam(w: Locator, name: string, value: string | number): Promise<void> {
  const box = w.locator(`input[data-param="${name}"]`);
  await box.fill(String(value));
  await box.press('Enter');
}

/** Sets the speed select to max ("0"). */
export async function maxSpeed(w: Locator): Promise<void> {
  await w.locator('[data-control=speed]').selectOption('0');
}

/** Clicks step once and waits until data-step has gone up by exactly one. */
export async function stepOnce(w: Locator): Promise<number> {
  const before = await stepOf(w);
  await w.locator('[data-action=step]').click();
  await until(`step ${before + 1}`, async () => (await stepOf(w)) >= before + 1, 15_000, 20);
  return stepOf(w);
}

/**
 * Samples data-loss every `every` ms for `ms` ms (the widget must be running);
 * returns the finite readings with their steps.
 */
export async function sampleLoss(w: Locator, ms: number, every = 200): Promise<{ step: number; loss: number }[]> {
  const out: { step: number; loss: number }[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const loss = await lossOf(w);
    if (Number.isFinite(loss)) out.push({ step: await stepOf(w), loss });
    await sleep(every);
  }
  return out;
}

/**
 * Takes one step (so the loss at step 1 is known exactly, before fast training
 * can race past it), then plays at max speed for about `ms` ms, sampling the loss.
 * The caller checks that `last < first`.
 */
export async function playAndSample(w: Locator, ms = 2500, minSteps = 5): Promise<{ first: number; last: number; steps: number }> {
  await w.scrollIntoViewIfNeeded();
  await maxSpeed(w);
  await stepOnce(w);
  await until('a loss after one step', async () => Number.isFinite(await lossOf(w)), 10_000, 20);
  const first = await lossOf(w);
  await w.locator('[data-action=play]').click();
  await until('running', async () => (await stateOf(w)) === 'running', 15_000);
  await until(`more than ${minSteps} steps`, async () => (await stepOf(w)) > minSteps, 30_000);
  const readings = await sampleLoss(w, ms);
  if (readings.length < 1) throw new Error('no finite loss reading while playing');
  return { first, last: readings[readings.length - 1].loss, steps: readings[readings.length - 1].step };
}

/** Collects failures instead of stopping at the first, so one run reports every broken widget. */
export class Failures {
  readonly list: string[] = [];
  check(cond: unknown, message: string): void {
    if (!cond) this.list.push(message);
  }
  async run(label: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.list.push(`${label}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}
