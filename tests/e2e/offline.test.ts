/**
 * Offline: after one visit the service worker has precached the book, so with the network off a chapter
 * loads, its widget trains on the wasm backend (the .wasm files come from the cache), and chapter 6's
 * LeNet reads MNIST from the cache and takes steps. A new deploy is downloaded beside the old copy and the
 * page says so; its Reload button brings the new copy in.
 *
 * The site is served from a copy of dist/, so the "new deploy" can be made by editing the copy.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, ensureDist, lossOf, maxSpeed, playAndSample, stateOf, stepOf, until, waitReady, widget } from './helpers';

type LaunchFn = (opts?: { serviceWorkers?: 'allow' | 'block' }) => Promise<BrowserContext>;
type ServeFn = (root: string) => Promise<{ url: string; close: () => Promise<void> }>;
const BROWSER_MJS = './browser.mjs';
const SERVER_MJS = './staticServer.mjs';

let copy: string;
let server: { url: string; close: () => Promise<void> };
let ctx: BrowserContext;
beforeAll(async () => {
  ensureDist();
  copy = mkdtempSync(join(tmpdir(), 'trainable-offline-'));
  cpSync(DIST, copy, { recursive: true });
  const { launch } = (await import(/* @vite-ignore */ BROWSER_MJS)) as { launch: LaunchFn };
  const { serveStatic } = (await import(/* @vite-ignore */ SERVER_MJS)) as { serveStatic: ServeFn };
  server = await serveStatic(copy);
  ctx = await launch({ serviceWorkers: 'allow' });
});
afterAll(async () => {
  await ctx?.close().catch(() => undefined);
  await server?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const href = (path: string) => new URL(path, server.url).href;

/** Console and page errors of a page; failed requests are expected offline only for what the cache lacks. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  return problems;
}

/** Waits until this page is controlled by an activated service worker whose precache is complete. */
async function waitControlled(page: Page): Promise<void> {
  await page.locator('[data-offline-ready]').waitFor({ timeout: 120_000 });
  await page.reload(); // the first visit installs the worker; from the next load on, it serves the page
  await until('the page is controlled by the service worker', () => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 30_000);
}

describe('offline', () => {
  it('after one visit, a chapter loads and trains with the network off (wasm and MNIST from the cache)', async () => {
    const first = await ctx.newPage();
    await first.goto(href('#/chapters/01-linear-regression'));
    await waitControlled(first);
    await first.close();

    await ctx.setOffline(true);
    try {
      // The network really is off: what the cache lacks fails.
      const probe = await ctx.newPage();
      await probe.goto(href('#/'));
      expect(await probe.evaluate(() => fetch(`not-cached-${Date.now()}.txt`).then(() => 'fetched', () => 'failed'))).toBe('failed');
      await probe.close();

      const page = await ctx.newPage();
      const problems = watch(page);
      await page.goto(href('?backend=wasm#/chapters/01-linear-regression'));
      const fit = widget(page, 'fit');
      await fit.waitFor({ timeout: 30_000 });
      expect(await waitReady(fit)).toBe('wasm');
      const { first: l0, last } = await playAndSample(fit, 1500);
      expect(last).toBeLessThan(l0);
      await fit.locator('[data-action=pause]').click();

      // Chapter 6, never opened in this browser: its chunk, the worker and MNIST all come from the cache.
      await page.goto(href('#/chapters/06-cnn'));
      const lenet = widget(page, 'lenet');
      await lenet.waitFor({ timeout: 30_000 });
      await waitReady(lenet, 120_000);
      await maxSpeed(lenet);
      await lenet.locator('[data-action=step]').click();
      await until('LeNet takes a step offline', async () => (await stepOf(lenet)) >= 1 && Number.isFinite(await lossOf(lenet)), 60_000, 200);
      expect(await stateOf(lenet)).not.toBe('error');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await ctx.setOffline(false);
    }
  }, 300_000);

  it('a new deploy is downloaded beside the cached copy, the page says so, and Reload brings it in', async () => {
    const page = await ctx.newPage();
    const problems = watch(page);
    await page.goto(href('#/'));
    await until('the page is controlled by the service worker', () => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 60_000);
    // Deploy: a changed index.html, and a sw.js whose precache list has its new revision.
    const html = join(copy, 'index.html');
    writeFileSync(html, readFileSync(html, 'utf8').replace('</body>', '<!-- deploy 2 --></body>'));
    const sw = join(copy, 'sw.js');
    const swText = readFileSync(sw, 'utf8');
    const patched = swText.replace(/("url": "index\.html",\s*"revision": ")[^"]+/, '$1deploy-2');
    expect(patched).not.toBe(swText);
    writeFileSync(sw, patched);

    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const notice = page.locator('[data-update-ready]');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.textContent()).toContain('new version');
    await notice.getByRole('button', { name: 'Reload to use it' }).click();
    await until('the new deploy is served', () => page.evaluate(() => document.documentElement.outerHTML.includes('deploy 2')).catch(() => false), 30_000, 200);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
