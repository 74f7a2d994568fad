/**
 * Chapter 10's ViT and BERT-against-GPT figures in the browser: the page loads without console
 * problems; the ViT race's loss falls within seconds and both models get a held-out accuracy and a
 * measured examples-per-second; a patch side that does not divide 28 is clamped with a message; the
 * BERT/GPT loss falls, both held-out curves get points, BERT fills the blank of "ma_y" and GPT
 * continues "ma"; an empty word, no blank, two blanks and a letter outside the alphabet each get a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, playAndSample, startSite, until, waitReady, widget, type Site } from './helpers';

const SLUG = '10-transformers';
let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('chapter 10: ViT and BERT against GPT', () => {
  it('trains both figures, fills the blank and answers bad input with messages', async () => {
    const { page, problems } = await openWatched(site, chapterPath(SLUG));
    await page.locator('main.chapter h2').first().waitFor();

    // The ViT and LeNet race: the (ViT's) loss falls, both get an accuracy and a measured rate.
    const vit = widget(page, 'vit');
    await waitReady(vit, 90_000);
    const v = await playAndSample(vit, 3000);
    console.log(`[vitbert] vit: loss ${v.first} at step 1 -> ${v.last} at step ${v.steps}`);
    expect(Number.isFinite(v.last) && v.last < v.first).toBe(true);
    await until('both accuracies and rates', async () => {
      const rows = await vit.locator('tr[data-model]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-acc'), e.getAttribute('data-rate')]));
      return rows.length === 2 && rows.every(([a, r]) => Number(a) > 0 && Number(r) > 0);
    }, 30_000);
    await vit.locator('[data-layer="0"] canvas').waitFor();
    await vit.locator('[data-action=pause]').click();
    // Patch side 5 does not divide 28: clamped to 4 (49 patches, 50 tokens) with a message.
    const patch = vit.locator('input[data-param=patch]');
    await patch.fill('5');
    await patch.press('Enter');
    await vit.locator('[data-clamped]').waitFor();
    await until('49 patches', async () => (await vit.locator('[data-tokens]').getAttribute('data-tokens')) === '50', 30_000);

    // BERT and GPT: the loss falls and both held-out curves get points.
    const bg = widget(page, 'bert-gpt');
    await waitReady(bg, 90_000);
    const b = await playAndSample(bg, 4000);
    console.log(`[vitbert] bert-gpt: loss ${b.first} at step 1 -> ${b.last} at step ${b.steps}`);
    expect(Number.isFinite(b.last) && b.last < b.first).toBe(true);
    for (const name of ['BERT, masked characters', 'GPT, next character'])
      await until(`${name} held-out`, async () => Number(await bg.locator(`tr[data-series="${name}"]`).getAttribute('data-loss')) > 0, 20_000);
    // The blank of the default word: BERT fills the middle, GPT continues the prefix, both generate.
    await until('a filled blank', async () => /^ma[a-z-]y$/.test((await bg.locator('[data-model=bert] [data-fill]').getAttribute('data-fill')) ?? ''), 30_000);
    expect(await bg.locator('[data-model=gpt] [data-fill]').getAttribute('data-fill')).toMatch(/^ma[a-z-]y$/);
    const gptNames = (await bg.locator('[data-names=gpt]').textContent()) ?? '';
    expect(gptNames.split(', ').every((n) => n.startsWith('ma'))).toBe(true);
    await bg.locator('[data-action=pause]').click();

    // Bad words: a message each, and the figure keeps working.
    const word = bg.locator('input[data-param=word]');
    for (const [text, message] of [['', /Type a name with one blank/], ['mary', /no blank/], ['m__y', /2 blanks/], ['zoë_', /not in the names' alphabet/]] as const) {
      await word.fill(text);
      await word.press('Enter');
      await until(`message for "${text}"`, async () => message.test((await bg.locator('[data-word-error]').textContent().catch(() => '')) ?? ''), 10_000);
    }
    await word.fill('_nna');
    await word.press('Enter');
    await until('a fill for _nna', async () => /^[a-z-]nna$/.test((await bg.locator('[data-model=bert] [data-fill]').getAttribute('data-fill').catch(() => '')) ?? ''), 20_000);

    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
