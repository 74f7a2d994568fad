/**
 * Every training widget (a [data-widget] with a play button) on every ready
 * chapter: plays at max speed and its loss falls; pause holds the step; step
 * adds exactly one; reset returns to step 0, idle. Widgets are discovered in
 * the page, so new chapters and widgets are covered without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chapterPath, Failures, openWatched, playAndSample, READY_CHAPTERS, sleep, startSite, stateOf, stepOf, until, waitReady, widget, widgetsLoaded, type Site,
} from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

/** How long each widget trains while its loss is sampled. */
const SAMPLE_MS = 2500;
/**
 * Widgets whose chapter test trains them longer and checks that their loss falls there: here they only have to
 * play (a noisy task's loss need not fall within seconds: chapter 7's long-dependency task with noisy
 * distractors), and the pause, step and reset checks below still run.
 */
const LOSS_CHECKED_ELSEWHERE: Record<string, string> = {
  longdep: 'tests/e2e/rnn.test.ts',
  toy: 'tests/e2e/seq2seq.test.ts',
  pronouncer: 'tests/e2e/seq2seq.test.ts',
  gpt: 'tests/e2e/transformers.test.ts',
  vit: 'tests/e2e/vitbert.test.ts',
  'bert-gpt': 'tests/e2e/vitbert.test.ts',
  // Its data-loss is the current candidate's, back near ln 10 at each new candidate: whether it fell depends on
  // where in a candidate's run the sample lands. nas.test.ts checks that the searchers' best accuracy rises.
  search: 'tests/e2e/nas.test.ts',
};
const SHORT_SAMPLE_MS = 1200;

describe('training widgets', () => {
  for (const c of READY_CHAPTERS) {
    it(`chapter ${c.slug}: every training widget trains, pauses, steps and resets`, async () => {
      const { page, problems } = await openWatched(site, chapterPath(c.slug));
      await page.locator('main.chapter h1').waitFor();
      await until('the chapter body', async () => (await page.locator('main.chapter h2').count()) > 0, 20_000);
      await widgetsLoaded(page);
      const ids = await page.$$eval('[data-widget]', (els) =>
        els.filter((e) => e.querySelector('[data-action=play]')).map((e) => e.getAttribute('data-widget') ?? ''),
      );
      const all = await page.$$eval('[data-widget]', (els) => els.map((e) => e.getAttribute('data-widget')));
      console.log(`[widgets] ${c.slug}: ${all.length} widgets (${all.join(', ')}), training: ${ids.join(', ') || 'none'}`);
      const f = new Failures();
      for (const id of ids) {
        const w = widget(page, id);
        await f.run(id, async () => {
          const backend = await waitReady(w);
          // 1. Plays and the loss falls.
          const elsewhere = LOSS_CHECKED_ELSEWHERE[id];
          const { first, last, steps } = await playAndSample(w, elsewhere ? SHORT_SAMPLE_MS : SAMPLE_MS);
          console.log(`[widgets] ${id}: ${backend}, loss ${first} at step 1 -> ${last} at step ${steps}${elsewhere ? ` (its fall is checked in ${elsewhere})` : ''}`);
          if (elsewhere) f.check(Number.isFinite(last) && steps > 1, `${id}: did not train (step ${steps}, loss ${last})`);
          else f.check(Number.isFinite(last) && last < first, `${id}: loss did not fall (step 1: ${first}, step ${steps}: ${last})`);

          // 2. Pause holds.
          await w.locator('[data-action=pause]').click();
          await until(`${id} paused`, async () => (await stateOf(w)) === 'paused', 10_000);
          await sleep(300); // metrics already in flight may still land
          const held = await stepOf(w);
          await sleep(800);
          f.check((await stepOf(w)) === held, `${id}: step moved while paused (${held} -> ${await stepOf(w)})`);
          f.check((await stateOf(w)) === 'paused', `${id}: state ${await stateOf(w)} after pause`);

          // 3. Step adds exactly one.
          await w.locator('[data-action=step]').click();
          await until(`${id} one step`, async () => (await stepOf(w)) !== held, 10_000, 20);
          await sleep(400);
          f.check((await stepOf(w)) === held + 1, `${id}: step went ${held} -> ${await stepOf(w)}, expected +1`);
          f.check((await stateOf(w)) === 'paused', `${id}: state ${await stateOf(w)} after step`);

          // 4. Reset: step 0, idle.
          await w.locator('[data-action=reset]').click();
          await until(`${id} reset`, async () => (await stepOf(w)) === 0 && (await stateOf(w)) === 'idle', 10_000);
        });
      }
      expect(f.list).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('a widget far down the page builds its trainer only when the reader comes near it', async () => {
    const { page, problems } = await openWatched(site, chapterPath('01-linear-regression'));
    const near = widget(page, 'fit');
    const far = widget(page, 'lr-challenge');
    await waitReady(near);
    await page.evaluate(() => window.scrollTo(0, 0));
    await sleep(1000);
    // Nothing built for it yet: no backend chosen, and Play waits.
    expect(await far.locator('.badge').getAttribute('data-backend')).toBe('');
    expect(await far.locator('[data-action=play]').isDisabled()).toBe(true);
    expect(await waitReady(far)).not.toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });
});
