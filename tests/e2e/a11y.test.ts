/**
 * Accessibility: axe-core finds no violations on the home page and on any chapter (every rule axe runs by
 * default, WCAG 2.x A and AA included). The chapter is scrolled top to bottom first, so that every block
 * has rendered (chapter blocks use content-visibility) and every widget has built its trainer.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, READY_CHAPTERS, sleep, startSite, until, type Site } from './helpers';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** Runs axe on the page; returns one readable line per violation (rule, count, first targets). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}x): ${v.help}; e.g. ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

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
