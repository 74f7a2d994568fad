/**
 * Compare runs: in chapter 1's fit widget a pinned run stays on the loss chart, dashed and named by the
 * setting that differs, through a change of learning rate, Reset and a new run; removing it takes it off.
 * SHOTS=<dir> also saves screenshots of the widget with a pinned run, inline and presenting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, setParam, sleep, startSite, stepOf, stepOnce, until, waitReady, widget, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('compare runs: pins', () => {
  it('a pinned run stays on the chart after a new learning rate, Reset and a new run, and can be removed', async () => {
    const { page, problems } = await openWatched(site, chapterPath('01-linear-regression', 'backend=cpu'));
    const fit = widget(page, 'fit');
    await fit.waitFor();
    await waitReady(fit);
    const pinButton = fit.locator('[data-action=pin]');
    expect(await pinButton.isDisabled()).toBe(true); // nothing to pin before a step
    await setParam(fit, 'lr', '0.05');
    for (let i = 0; i < 6; i++) await stepOnce(fit);
    await pinButton.click();
    const pinned = fit.locator('.chart path[data-pinned]');
    await pinned.waitFor();
    // Same settings as now: the legend says so.
    expect(await fit.locator('.pin-list li').innerText()).toContain('same settings');

    await setParam(fit, 'lr', '0.3');
    await fit.locator('[data-action=reset]').click();
    await until('reset', async () => (await stepOf(fit)) === 0);
    expect(await pinned.count()).toBe(1); // still there after Reset, with the live curve empty
    for (let i = 0; i < 6; i++) await stepOnce(fit);
    await sleep(200);

    expect(await pinned.count()).toBe(1);
    expect(await pinned.getAttribute('data-pin-label')).toBe('learning rate η = 0.05');
    expect(await pinned.getAttribute('stroke-dasharray')).toBeTruthy();
    const d = (await pinned.getAttribute('d')) ?? '';
    expect(d.split(/[ML]/).filter(Boolean)).toHaveLength(6); // the six steps it had when pinned, no more
    const box = await pinned.boundingBox();
    expect(box && box.width > 20 && box.height > 5).toBe(true); // drawn across the chart, not collapsed
    expect(await fit.locator('.pin-list li').innerText()).toContain('pinned: learning rate η = 0.05');
    // The live curve is drawn as well, over the new run.
    expect(await fit.locator('.chart path:not([data-pinned])').count()).toBeGreaterThan(0);

    if (process.env.SHOTS) {
      await fit.scrollIntoViewIfNeeded();
      await fit.screenshot({ path: `${process.env.SHOTS}/pin-inline.png` });
      await fit.locator('[data-action=present]').click();
      await until('presenting', async () => (await fit.getAttribute('class'))?.includes('presenting') ?? false, 5_000);
      await sleep(300);
      await page.screenshot({ path: `${process.env.SHOTS}/pin-present.png` });
      await fit.locator('[data-action=present]').click();
      await sleep(300);
    }

    await fit.locator('[data-action=unpin]').click();
    await until('unpinned', async () => (await pinned.count()) === 0, 5_000);
    expect(await fit.locator('.pin-list').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
