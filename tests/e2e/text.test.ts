/**
 * Chapter 8 in the browser: the page loads without console problems; the
 * tokenizer explorer answers empty and huge text; the e-mail classifier's loss
 * falls, a typed message gets a class and probabilities from every model, an
 * empty or 100,000-character message gets a clear answer; a sequence length of
 * 0 in a link is refused with a message; the word map labels words; and the
 * main thread has no task over 50 ms of CPU while the classifier trains.
 */
import { cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, maxSpeed, openWatched, playAndSample, sleep, startSite, stateOf, stepOf, until, waitReady, widget, type Site } from './helpers';

interface TraceEvent { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }

/** CPU time (ms) of the renderer main thread's top-level tasks, from a Chromium trace (as tests/e2e/longtasks.test.ts measures). */
function mainThreadCpu(events: TraceEvent[]): number[] {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = mains.map((m) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined));
  return (tasks.sort((a, b) => b.length - a.length)[0] ?? []).map((e) => (e.tdur ?? e.dur ?? 0) / 1000);
}

const SLUG = '08-text-embeddings';
let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('chapter 8', () => {
  it('loads, explores tokens, trains the classifiers and reads a typed message', async () => {
    const { page, problems } = await openWatched(site, chapterPath(SLUG));
    await page.locator('main.chapter h2').first().waitFor();
    for (const id of ['tokens', 'spam', 'vectors', 'text-params-quiz']) await widget(page, id).waitFor();

    // Tokenizer: the sample has 21 tokens, |V| = 12 leaves one unknown; empty text says so; 100,000 characters are cut.
    const tokens = widget(page, 'tokens');
    expect(await tokens.locator('.tok').count()).toBe(21);
    expect(await tokens.locator('.tok.unk').count()).toBe(1);
    const box = tokens.locator('textarea[data-control=text]');
    await box.fill('');
    await tokens.locator('[data-empty]').waitFor();
    await box.fill('spam '.repeat(20000));
    await tokens.locator('[data-clamped]').waitFor();
    expect(await tokens.locator('.seq-strip .id').count()).toBe(12);

    // The classifier trains and its loss falls.
    const spam = widget(page, 'spam');
    await waitReady(spam, 90_000);
    const { first, last, steps } = await playAndSample(spam, 6000);
    console.log(`[text] spam: loss ${first} at step 1 -> ${last} at step ${steps}`);
    expect(Number.isFinite(last) && last < first).toBe(true);
    await spam.locator('[data-action=pause]').click();
    await until('paused', async () => (await stateOf(spam)) === 'paused', 10_000);

    // A typed message: a class and P(spam) from every model, while paused.
    const message = spam.locator('textarea[data-control=message]');
    await message.fill('Can we move the meeting to Thursday afternoon? I attached the draft.');
    await until('verdicts', async () => (await spam.locator('.verdict').count()) === 3, 20_000);
    const verdicts = await spam.locator('.verdict').evaluateAll((els) => els.map((e) => ({ model: e.getAttribute('data-model'), prob: Number(e.getAttribute('data-prob')), cls: e.getAttribute('data-class') })));
    console.log(`[text] verdicts: ${JSON.stringify(verdicts)}`);
    for (const v of verdicts) {
      expect(v.prob).toBeGreaterThanOrEqual(0);
      expect(v.prob).toBeLessThanOrEqual(1);
      expect(['spam', 'ham']).toContain(v.cls);
    }
    // Empty, then 100,000 characters.
    await message.fill('');
    await spam.locator('[data-empty]').waitFor();
    await message.fill('free money '.repeat(9091));
    await spam.locator('[data-clamped]').waitFor();
    await until('verdicts for a huge message', async () => (await spam.locator('.verdict').count()) === 3, 20_000);
    const huge = await spam.locator('.verdict').first().getAttribute('data-prob');
    expect(Number.isFinite(Number(huge))).toBe(true);

    // The word map trains and labels words at both ends.
    const vectors = widget(page, 'vectors');
    await waitReady(vectors, 60_000);
    const v = await playAndSample(vectors, 3000);
    expect(v.last).toBeLessThan(v.first);
    await until('labelled words', async () => ((await vectors.locator('[data-spam-words]').getAttribute('data-spam-words')) ?? '').length > 0, 20_000);
    await vectors.locator('[data-action=pause]').click();
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('refuses a sequence length of 0 from a link, keeps T = 64, and still trains', async () => {
    const { page } = await openWatched(site, chapterPath(SLUG, 'spam.len=0'));
    const spam = widget(page, 'spam');
    await spam.waitFor();
    const alert = await spam.locator('[role=alert]').first().textContent();
    expect(alert).toMatch(/Sequence length T: 0 is outside 1 to 300; kept 64/);
    await waitReady(spam, 90_000);
    await maxSpeed(spam);
    await spam.locator('[data-action=play]').click();
    await until('a few steps', async () => Number(await spam.getAttribute('data-step')) > 3, 60_000);
    await sleep(200);
    await page.close();
  }, 180_000);

  it('no main-thread task over 50 ms of CPU while the classifier trains at max speed', async () => {
    const { page, problems } = await openWatched(site, chapterPath(SLUG));
    const spam = widget(page, 'spam');
    await spam.waitFor();
    await waitReady(spam, 90_000);
    await maxSpeed(spam);
    await sleep(500);
    const cdp = await page.context().newCDPSession(page);
    const trace: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (d) => void trace.push(...(d.value as unknown as TraceEvent[])));
    const traced = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await spam.locator('[data-action=play]').click();
    await until('running', async () => (await stateOf(spam)) === 'running', 10_000);
    await sleep(5000);
    const steps = await stepOf(spam);
    await spam.locator('[data-action=pause]').click();
    await cdp.send('Tracing.end');
    await traced;
    const cpu = mainThreadCpu(trace);
    const max = Math.max(0, ...cpu);
    console.log(`[text] ${steps} steps; ${cpu.length} main-thread tasks, longest ${max.toFixed(1)} ms CPU; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
    expect(max).toBeLessThanOrEqual(50);
    expect(steps).toBeGreaterThan(3);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
