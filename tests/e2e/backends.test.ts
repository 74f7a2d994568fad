/**
 * `?backend=NAME` forces a backend: the fit widget's badge names it (or, where
 * this browser lacks it, the reason explains the fallback) and its loss falls.
 * A bad name is reported and training still works. Chapter 0's live check
 * reports every backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, playAndSample, READY_CHAPTERS, startSite, until, waitReady, widget, type Site } from './helpers';

const CH1 = '01-linear-regression';
const BACKENDS = ['webgl', 'wasm', 'cpu', 'webgpu'] as const;

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

async function reasonOf(w: import('playwright-core').Locator): Promise<string> {
  const title = (await w.locator('.badge[data-backend]').getAttribute('title')) ?? '';
  const line = (await w.locator('.widget-backend-reason').allTextContents()).join(' ');
  const note = (await w.locator('.widget-note[role=status]').allTextContents()).join(' ');
  return [title, line, note].filter(Boolean).join(' | ');
}

describe('backends', () => {
  for (const name of BACKENDS) {
    it(`?backend=${name}: the fit widget uses it (or explains the fallback) and trains`, async () => {
      const { page, problems } = await openWatched(site, chapterPath(CH1, `backend=${name}`));
      const fit = widget(page, 'fit');
      await fit.waitFor();
      const backend = await waitReady(fit, 60_000);
      const reason = await reasonOf(fit);
      const { first, last, steps } = await playAndSample(fit, 2000, 3);
      console.log(`[backend] asked ${name}, got ${backend}: "${reason}"; loss ${first} -> ${last} at step ${steps}`);
      if (backend === name) {
        expect(reason).toContain(name);
      } else {
        // Only a backend this browser lacks may be replaced, and the reader is told why.
        expect(reason).toMatch(new RegExp(`${name}.*(asked|unavailable|not|fail|using)`, 'i'));
      }
      expect(last).toBeLessThan(first);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('?backend=webgl is really honoured (SwiftShader WebGL is always present here)', async () => {
    const { page } = await openWatched(site, chapterPath(CH1, 'backend=webgl'));
    const fit = widget(page, 'fit');
    await fit.waitFor();
    expect(await waitReady(fit, 60_000)).toBe('webgl');
    await page.close();
  });

  it('?backend=nope shows a message and still trains', async () => {
    const { page, problems } = await openWatched(site, chapterPath(CH1, 'backend=nope'));
    const fit = widget(page, 'fit');
    await fit.waitFor();
    const backend = await waitReady(fit, 60_000);
    const { first, last } = await playAndSample(fit, 1500, 3);
    expect(last).toBeLessThan(first);
    // The message is still there after training started (not a flash during loading).
    const messages = await fit.getByText(/nope/).allTextContents();
    console.log(`[backend] ?backend=nope -> ${backend}: ${JSON.stringify(messages)}`);
    expect(messages.join(' ')).toMatch(/unknown backend "nope"/i);
    expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(backend);
    expect(problems).toEqual([]);
    await page.close();
  });

  const ch0 = READY_CHAPTERS.find((c) => c.slug === '00-how-to-use');
  it.skipIf(!ch0)('chapter 0: the live check reports every backend, and cpu and wasm work', async () => {
    const { page, problems } = await openWatched(site, chapterPath('00-how-to-use'));
    const rows = page.locator('[data-backend-row][data-ok]');
    await until('all four backend rows checked', async () => (await rows.count()) === 4, 60_000, 200);
    const table = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-backend-row')}=${e.getAttribute('data-ok')} (${(e.textContent ?? '').trim()})`));
    console.log(`[backend] chapter 0 check: ${table.join('; ')}`);
    expect(await page.locator('[data-backend-row=cpu]').getAttribute('data-ok')).toBe('true');
    expect(await page.locator('[data-backend-row=wasm]').getAttribute('data-ok')).toBe('true');
    expect(await page.locator('[data-backend-row=webgl]').getAttribute('data-ok')).toBe('true');
    expect(problems).toEqual([]);
    await page.close();
  });
});
