/**
 * Chapters 9 and 10's sequence-to-sequence widgets in the browser: the toy Transformer's held-out accuracy
 * rises within its first seconds of training, and a source longer than the context gets a message; the
 * pronouncer's alignment matrix answers a typed word, and a word with letters outside A-Z gets a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, maxSpeed, openWatched, startSite, stateOf, until, waitReady, widget, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const num = async (loc: import('playwright-core').Locator, attr: string) => {
  const raw = await loc.getAttribute(attr);
  return raw === null || raw === '' ? NaN : Number(raw);
};

describe('sequence to sequence', () => {
  it('the toy Transformer learns: held-out accuracy rises while it trains; a too-long source is refused', async () => {
    const { page, problems } = await openWatched(site, chapterPath('10-transformers'));
    const toy = widget(page, 'toy');
    await toy.waitFor();
    await waitReady(toy, 60_000);
    const readout = toy.locator('[data-readout=exact]');
    await until('a first held-out evaluation', async () => Number.isFinite(await num(readout, 'data-token')), 30_000);
    const first = await num(readout, 'data-token');
    await maxSpeed(toy);
    await toy.locator('[data-action=play]').click();
    await until('running', async () => (await stateOf(toy)) === 'running', 15_000);
    // Per-token accuracy starts near chance (1 in 13 tokens); it climbs within seconds.
    await until('held-out accuracy rising', async () => (await num(readout, 'data-token')) > first + 0.15, 40_000, 250);
    console.log(`[seq2seq] toy: held-out per-token accuracy ${first} -> ${await num(readout, 'data-token')}, exact ${await num(readout, 'data-exact')}, step ${await toy.getAttribute('data-step')}`);
    await toy.locator('[data-action=pause]').click();
    // Both decodings and the maps of every head answer the example source.
    await until('decodings', async () => (await toy.locator('tr[data-row=free]').count()) === 1, 20_000);
    expect(await toy.locator('[data-maps] canvas').count()).toBe(12);
    const box = toy.locator('input[data-control=source]');
    await box.fill('123456789');
    await toy.locator('[data-error=source]').waitFor();
    expect(await toy.locator('[data-error=source]').textContent()).toMatch(/longer than the model's context of 8/);
    await box.fill('12345x78');
    await until('alphabet message', async () => /not in this task's alphabet/.test((await toy.locator('[data-error=source]').textContent()) ?? ''), 5_000);
    await box.fill('12345678');
    await until('the typed source decoded', async () => (await toy.locator('[data-answer="12345678"]').count()) === 1, 15_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the pronouncer aligns a typed word and refuses letters outside its vocabulary', async () => {
    const { page, problems } = await openWatched(site, chapterPath('09-attention'));
    const w = widget(page, 'pronouncer');
    await w.waitFor();
    await waitReady(w, 60_000);
    await w.locator('[data-action=step]').click();
    const box = w.locator('input[data-control=word]');
    await box.fill('cat');
    await until('an alignment for CAT', async () => (await w.locator('[data-word=CAT]').count()) === 1, 30_000);
    const shape = (await w.locator('[data-alignment]').getAttribute('data-alignment')) ?? '';
    console.log(`[seq2seq] pronouncer: alignment ${shape}, greedy "${await w.locator('tr[data-row=greedy] td').textContent()}"`);
    expect(shape).toMatch(/^\d+x3$/);
    await box.fill('café');
    await w.locator('[data-error=word]').waitFor();
    expect(await w.locator('[data-error=word]').textContent()).toMatch(/“É” is not in the vocabulary/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
