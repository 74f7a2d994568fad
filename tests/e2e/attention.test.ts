/**
 * Chapter 9 in the browser: the page loads without console problems; the attention-pooling figure's learned
 * kernel trains and its loss falls; the self-attention calculator shows finite numbers, reacts to the causal
 * mask, and answers an empty sequence, 100 tokens and a head count that does not divide d_model with a message
 * (keeping the last good numbers); a d_k of 0 is refused; the shuffle test reports equivariance and its breaking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterPath, openWatched, playAndSample, setParam, startSite, until, waitReady, widget, type Site } from './helpers';

const SLUG = '09-attention';
let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

const cells = (w: import('playwright-core').Locator, matrix: string) => w.locator(`[data-matrix="${matrix}"] td`).evaluateAll((tds) => tds.map((td) => td.getAttribute('data-v') ?? ''));

describe('chapter 9', () => {
  it('trains the learned kernel, computes attention with masks, and answers bad input', async () => {
    const { page, problems } = await openWatched(site, chapterPath(SLUG));
    await page.locator('main.chapter h2').first().waitFor();
    for (const id of ['pooling', 'calc', 'positions', 'patterns', 'attention-quiz']) await widget(page, id).waitFor();

    // The learned kernel: its leave-one-out loss falls.
    const pooling = widget(page, 'pooling');
    await waitReady(pooling, 90_000);
    const { first, last, steps } = await playAndSample(pooling, 2000);
    console.log(`[attention] pooling: loss ${first} at step 1 -> ${last} at step ${steps}`);
    expect(Number.isFinite(last) && last < first).toBe(true);
    await pooling.locator('[data-action=pause]').click();

    // The calculator: finite weights whose rows sum to 1; the causal mask blocks the future.
    const calc = widget(page, 'calc');
    await calc.scrollIntoViewIfNeeded();
    const weights = (await cells(calc, 'weights')).map(Number);
    expect(weights.length).toBe(36);
    expect(weights.every(Number.isFinite)).toBe(true);
    expect(weights.slice(0, 6).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    await calc.locator('input[data-param="causal"]').check();
    await until('the causal mask', async () => (await cells(calc, 'masked')).filter((v) => v === '-inf').length === 15, 10_000);
    const causal = (await cells(calc, 'weights')).map(Number);
    expect(causal[0]).toBeCloseTo(1, 9);
    expect(causal[1]).toBe(0);

    // Bad input: empty, 100 tokens, 3 heads for d_model = 8; each gets a message and the last good numbers stay.
    const alert = calc.locator('[role=alert]');
    await setParam(calc, 'tokens', '');
    await until('an empty-sequence message', async () => /empty/.test((await alert.allTextContents()).join(' ')), 10_000);
    expect((await cells(calc, 'weights')).length).toBe(36);
    await setParam(calc, 'tokens', Array(100).fill('a').join(' '));
    await until('a too-long message', async () => /100 tokens is more than 12/.test((await alert.allTextContents()).join(' ')), 10_000);
    await setParam(calc, 'tokens', 'one two three');
    await until('three tokens', async () => (await cells(calc, 'weights')).length === 9, 10_000);
    await setParam(calc, 'heads', 3);
    await until('a heads message', async () => /3 heads do not divide d_model = 8/.test((await alert.allTextContents()).join(' ')), 10_000);
    expect((await cells(calc, 'weights')).length).toBe(9);
    await setParam(calc, 'dk', 0);
    await until('a d_k message', async () => /d_k for the scaling experiment: 0 is outside 1 to 1024; kept 64/.test((await alert.allTextContents()).join(' ')), 10_000);
    expect(await calc.locator('[data-scaling-dk]').getAttribute('data-scaling-dk')).toBe('64');

    // The shuffle test: equivariant without positions, not with them.
    const positions = widget(page, 'positions');
    await positions.scrollIntoViewIfNeeded();
    expect(await positions.locator('[data-equivariant]').getAttribute('data-equivariant')).toBe('true');
    await positions.locator('input[data-param="positions"]').check();
    await until('positions break it', async () => (await positions.locator('[data-equivariant]').getAttribute('data-equivariant')) === 'false', 10_000);

    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);
});
