/**
 * The offensive-terms filter: it catches the list's words in their usual
 * disguises, leaves innocent words that share letters alone (the Scunthorpe
 * problem), and on the real corpora it flags what it should and little else.
 */
import { describe, expect, it } from 'vitest';
import { parseCmudict } from '../../src/engine/data/cmudict';
import { parseMobyDick } from '../../src/engine/data/mobyDick';
import { parseNames } from '../../src/engine/data/names';
import { messageText, parseSpam, showableMessages } from '../../src/engine/data/spamCorpus';
import { cleanOnly, findOffensive, isClean, maskOffensive } from '../../src/engine/text/offensive';
import { OFFENSIVE_TERMS } from '../../src/engine/text/offensiveTerms';
import { bufferOf, packed } from './support/textDataFixture';

describe('offensive-terms filter', () => {
  it('catches every list entry, in any case, as a whole word', () => {
    for (const t of [...OFFENSIVE_TERMS.exact, ...OFFENSIVE_TERMS.prefix, ...OFFENSIVE_TERMS.infix]) {
      expect(isClean(`a ${t} b`), t).toBe(false);
      expect(isClean(`A ${t.toUpperCase()}!`), t).toBe(false);
    }
  });

  it('catches endings, compounds, URLs and disguises', () => {
    for (const s of ['bitches', 'motherfucker', 'bullshit', 'www.freeporn.com', 'joe@xxxpics.net', 'p0rn', 'pornfree', 'a55', 'f*ck', 'f**king', 'sh*t', 'X X X', 'p.o.r.n', 'S-E-X', "fuckin'", 'SeXy']) {
      expect(isClean(s), s).toBe(false);
    }
  });

  it('leaves innocent words that contain the letters alone', () => {
    const innocent = 'Scunthorpe class assistant passage analysis cumulative cocktail cockpit Hitchcock Moby Dick queer sextant Sussex Essex shuttle therapist grape drape scrape assassin bass compass spice Titicaca document arsenal XXXIX Articles hello* *NEW* 100% $5 C-3PO A B C';
    expect(findOffensive(innocent)).toEqual([]);
  });

  it('masks each offensive span with as many marks as it is long, and keeps the rest', () => {
    const s = 'Get FREE xxx passwords, no bullshit! Class dismissed.';
    const masked = maskOffensive(s);
    expect(masked).toBe('Get FREE ••• passwords, no ••••••••! Class dismissed.');
    expect(masked.length).toBe(s.length);
    expect(maskOffensive('X X X now', '*')).toBe('***** now');
    const hits = findOffensive(s);
    expect(hits.map((h) => [s.slice(h.start, h.end), h.term])).toEqual([['xxx', 'xxx'], ['bullshit', 'shit']]);
  });

  it('cleanOnly skips what fails and keeps order', () => {
    expect(cleanOnly(['whale', 'porn', 'ship', 'sex'])).toEqual(['whale', 'ship']);
    expect(cleanOnly([{ w: 'a' }, { w: 'shit' }], (x) => x.w)).toEqual([{ w: 'a' }]);
  });
});

describe('the filter on the book corpora', () => {
  it('no first name is flagged', () => {
    const d = parseNames(bufferOf(packed('names')));
    expect([...d.female, ...d.male].filter((n) => !isClean(n))).toEqual([]);
  });

  it('Moby-Dick: four hits in 1.2 million characters, each a word the list means', () => {
    const d = parseMobyDick(bufferOf(packed('mobyDick')));
    const text = d.sections.map((s) => s.text).join('\n');
    const hits = findOffensive(text).map((h) => text.slice(h.start, h.end));
    expect(hits).toEqual(['Rape', 'ass', 'sex', 'ass']);
  });

  it('CMUdict subset: one word flagged', () => {
    const d = parseCmudict(bufferOf(packed('cmudict')));
    expect(d.entries.filter((e) => !isClean(e.word)).map((e) => e.word)).toEqual(['ASS']);
  });

  it('spam corpus: flags about one message in twenty, spam more often than ham, and no shown message holds a list word', () => {
    const d = parseSpam(bufferOf(packed('spam')));
    const shown = showableMessages(d.messages);
    const flagged = d.messages.length - shown.length;
    expect(flagged).toBeGreaterThan(250);
    expect(flagged).toBeLessThan(400);
    const flaggedSpam = d.messages.filter((m) => m.spam && !isClean(messageText(m))).length;
    expect(flaggedSpam / d.spamCount).toBeGreaterThan(1.5 * ((flagged - flaggedSpam) / d.hamCount));
    for (const m of shown) expect(findOffensive(messageText(m))).toEqual([]);
    // Both classes keep thousands of messages to show.
    expect(shown.filter((m) => m.spam).length).toBeGreaterThan(1700);
    expect(shown.filter((m) => !m.spam).length).toBeGreaterThan(3900);
  });
});
