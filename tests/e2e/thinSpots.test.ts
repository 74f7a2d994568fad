/**
 * The options and figures added for the review's thin spots, in the built site: what they
 * show at their defaults (the numbers the prose quotes) and the messages bad input gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, startSite, until, widget, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

async function open(slug: string, search: string, id: string) {
  const { page, problems } = await openWatched(site, chapterPath(slug, search));
  const w = widget(page, id);
  await w.waitFor({ timeout: 30_000 });
  await w.scrollIntoViewIfNeeded();
  return { page, problems, w };
}

describe('thin spots filled', () => {
  it('chapter 2: one covariance per class draws the circle at 95.0%; too few points for the quadratic features say which class is singular', async () => {
    const a = await open('02-classification', '', 'qda');
    await until('the Gaussian readout', async () => (await a.w.locator('[data-readout=gaussian-accuracy]').count()) > 0);
    expect(await a.w.locator('[data-readout=gaussian-accuracy]').textContent()).toBe('95.0%');
    expect(a.problems).toEqual([]);
    await a.page.close();
    const b = await open('02-classification', 'qda.n=10&qda.features=quadratic', 'qda');
    await until('the singular message', async () => ((await b.w.textContent()) ?? '').includes('covariance is singular'));
    expect(b.problems).toEqual([]);
    await b.page.close();
  });

  it('chapter 4: the rate table at κ = 20, and an out-of-range κ keeps the last good one with a message', async () => {
    const a = await open('04-optimisation', 'momrate.kappa=2500', 'momrate');
    const rates = await a.w.locator('[data-readout=rate]').allTextContents();
    expect(rates).toEqual(['0.9992', '0.9608']);
    await a.page.close();
    const b = await open('04-optimisation', 'momrate.kappa=0.5', 'momrate');
    expect(await b.w.locator('[data-error]').textContent()).toMatch(/0\.5 is outside 1\.1 to 10000/);
    expect(await b.w.locator('[data-readout=rate]').allTextContents()).toEqual(['0.9048', '0.6345']);
    expect(b.problems).toEqual([]);
    await b.page.close();
  });

  it('chapter 6: the computes table totals, and an unknown network is refused', async () => {
    const a = await open('06-cnn', 'arch.net=vgg11', 'arch');
    expect(await a.w.locator('[data-readout=params]').textContent()).toBe('132,863,336');
    await a.page.close();
    const b = await open('06-cnn', 'arch.net=resnet', 'arch');
    expect(await b.w.locator('[data-error]').textContent()).toMatch(/"resnet" is not one of/);
    expect(await b.w.locator('[data-readout=params]').textContent()).toBe('60,965,224');
    expect(b.problems).toEqual([]);
    await b.page.close();
  });
});
