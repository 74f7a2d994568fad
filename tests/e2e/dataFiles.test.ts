/**
 * The built site serves every packed data file, byte-exact and parseable by
 * the engine's loaders, through the same fetch-with-retry path the worker
 * uses; a missing file gives the reader-facing message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIRTHS_PATH, fetchBirths } from '../../src/engine/data/births';
import { CMUDICT_PATH, fetchCmudict } from '../../src/engine/data/cmudict';
import { fetchMnist, MNIST_PATH } from '../../src/engine/data/mnist';
import { fetchMobyDick, MOBY_DICK_PATH } from '../../src/engine/data/mobyDick';
import { fetchNames, NAMES_PATH } from '../../src/engine/data/names';
import { fetchSpam, SPAM_PATH } from '../../src/engine/data/spamCorpus';
import { startSite, type Site } from './helpers';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('packed data files in the built site', () => {
  it('every file is served and parses', async () => {
    const url = (p: string) => new URL(p, site.url).href;
    expect((await fetchNames(url(NAMES_PATH))).female.length).toBe(4951);
    expect((await fetchMobyDick(url(MOBY_DICK_PATH))).sections.length).toBe(139);
    expect((await fetchSpam(url(SPAM_PATH))).messages.length).toBe(6046);
    expect((await fetchBirths(url(BIRTHS_PATH))).count).toBe(7305);
    expect((await fetchCmudict(url(CMUDICT_PATH))).entries.length).toBe(8516);
    expect((await fetchMnist(url(MNIST_PATH))).count).toBe(10000);
  });

  it('a missing file is reported by name after the retries', async () => {
    await expect(fetchNames(new URL('data/no-such.bin', site.url).href, { retries: 1, delayMs: 1 })).rejects.toThrow(/Could not load the names \(HTTP 404/);
  });
});
