/**
 * The `text` parameter kind (a prompt, a sequence the reader types): kept exactly, spaces
 * included; bounded and validated with a message; through a share link and back unchanged
 * when short, left out of the link when long.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeParams, defaults, encodeParams, parseValue, URL_TEXT_MAX, type Schema } from '../../src/widgets/kit/params';

const SCHEMA = {
  prompt: { kind: 'text', label: 'Prompt', default: 'Call me', maxLength: 2000 },
  dna: { kind: 'text', label: 'Sequence', default: 'ACGT', maxLength: 12, allowed: /^[ACGT]$/, allowedHint: 'A, C, G or T' },
} as const satisfies Schema;
const base = defaults(SCHEMA);

function roundTrip(values: typeof base) {
  const url = `https://book.example/?${encodeParams('gen', SCHEMA, values).toString()}#/chapters/08-text`;
  return decodeParams('gen', SCHEMA, new URL(url).searchParams, base);
}

describe('text parameters', () => {
  it('any text within bounds survives a share link exactly, spaces, &, =, # and emoji included', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.stringMatching(/^[ACGT]{0,12}$/), (prompt, dna) => {
        const back = roundTrip({ prompt, dna });
        expect(back.errors).toEqual([]);
        expect(back.values).toEqual({ prompt, dna });
      }),
    );
    expect(roundTrip({ prompt: '  a & b = #c 🐳 ', dna: 'GATTACA' }).values.prompt).toBe('  a & b = #c 🐳 ');
  });

  it('too long or a character not allowed: refused with a message that says why', () => {
    expect(parseValue(SCHEMA.dna, 'ACGTACGTACGTA')).toEqual({ ok: false, message: 'Sequence: 13 characters is more than 12' });
    expect(parseValue(SCHEMA.dna, 'ACGU')).toEqual({ ok: false, message: 'Sequence: "U" is not allowed (A, C, G or T)' });
    const bad = decodeParams('gen', SCHEMA, new URLSearchParams('gen.dna=ACXG'), base);
    expect(bad.values.dna).toBe('ACGT');
    expect(bad.errors[0]).toMatch(/"X" is not allowed.*kept ACGT/);
  });

  it('text longer than URL_TEXT_MAX stays out of the link (the widget keeps it)', () => {
    const long = 'x'.repeat(URL_TEXT_MAX + 1);
    expect(encodeParams('gen', SCHEMA, { ...base, prompt: long }).has('gen.prompt')).toBe(false);
    expect(encodeParams('gen', SCHEMA, { ...base, prompt: long.slice(1) }).get('gen.prompt')).toBe(long.slice(1));
  });
});
