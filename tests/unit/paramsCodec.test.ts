/**
 * The share-link codec: values within bounds survive encode -> URL string ->
 * decode exactly; anything else is refused with a message and the fallback kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeParams, defaults, encodeParams, parseValue, SEED_SPEC, withPreset, type Schema, type Values } from '../../src/widgets/kit/params';

const SCHEMA = {
  lr: { kind: 'number', label: 'Learning rate', default: 0.1, min: 1e-5, max: 10, log: true },
  shift: { kind: 'number', label: 'Shift', default: 0, min: -5, max: 5 },
  batch: { kind: 'number', label: 'Batch size', default: 16, min: 1, max: 4096, integer: true },
  loss: { kind: 'choice', label: 'Loss', default: 'l2', options: ['l2', 'l1', 'huber'] },
  shuffle: { kind: 'boolean', label: 'Shuffle', default: true },
  seed: SEED_SPEC,
} as const satisfies Schema;

type V = Values<typeof SCHEMA>;
const ID = 'fit';
const base = defaults(SCHEMA);

/** Encodes, goes through a URL string as a share link does, and decodes against the defaults. */
function roundTrip(values: V, id = ID) {
  const url = `https://book.example/ch1?${encodeParams(id, SCHEMA, values).toString()}`;
  return decodeParams(id, SCHEMA, new URL(url).searchParams, base);
}

// -0 is not a setting anyone means; String(-0) is "0", so it comes back as 0.
const noNegZero = (v: number) => (v === 0 ? 0 : v);

const valuesArb: fc.Arbitrary<V> = fc.record({
  lr: fc.oneof(fc.double({ min: 1e-5, max: 10, noNaN: true }), fc.constantFrom(0.1, 1e-4, 1e-5, 10, 0.3, 3e-3)),
  shift: fc.double({ min: -5, max: 5, noNaN: true }).map(noNegZero),
  batch: fc.integer({ min: 1, max: 4096 }),
  loss: fc.constantFrom('l2', 'l1', 'huber'),
  shuffle: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2147483647 }),
});

describe('encodeParams / decodeParams', () => {
  it('round-trips every in-bounds value exactly, with no errors', () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        const { values: back, errors } = roundTrip(values);
        expect(errors).toEqual([]);
        expect(back).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });

  it('writes only what differs from the defaults, under the widget namespace', () => {
    expect(encodeParams(ID, SCHEMA, base).toString()).toBe('');
    const p = encodeParams(ID, SCHEMA, { ...base, lr: 1e-4, shuffle: false });
    expect([...p.keys()].sort()).toEqual(['fit.lr', 'fit.shuffle']);
    expect(p.get('fit.lr')).toBe('0.0001');
  });

  it('ignores the keys of other widgets, even ones with a shared prefix', () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, (mine, theirs) => {
        const search = new URLSearchParams([...encodeParams(ID, SCHEMA, mine), ...encodeParams('fit2', SCHEMA, theirs), ...encodeParams('other', SCHEMA, theirs)]);
        search.append('other.nonsense', 'abc');
        search.append('fitlr', 'abc');
        const { values, errors } = decodeParams(ID, SCHEMA, search, base);
        expect(errors).toEqual([]);
        expect(values).toEqual(mine);
      }),
      { numRuns: 100 },
    );
  });

  it('reports unknown keys of this widget and keeps going', () => {
    const { values, errors } = decodeParams(ID, SCHEMA, new URLSearchParams('fit.momentum=0.9&fit.lr=0.5'), base);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('fit.momentum');
    expect(values).toEqual({ ...base, lr: 0.5 });
  });

  const BAD: [keyof V, string][] = [
    ['lr', 'abc'],
    ['lr', 'NaN'],
    ['lr', 'Infinity'],
    ['lr', '-Infinity'],
    ['lr', ''],
    ['lr', '1e999'],
    ['lr', '0x10'],
    ['lr', '1,5'],
    ['lr', '0'], // below min
    ['lr', '11'], // above max
    ['shift', '-5.0001'],
    ['batch', '1.5'],
    ['batch', '0'],
    ['batch', '1e9'],
    ['seed', '-1'],
    ['seed', '2147483648'],
    ['loss', 'l3'],
    ['loss', 'L2'],
    ['shuffle', 'yes'],
    ['shuffle', ''],
  ];
  for (const [key, raw] of BAD) {
    it(`refuses ${key}=${JSON.stringify(raw)} with a message and keeps the fallback`, () => {
      const fallback: V = { ...base, lr: 0.02, batch: 32, loss: 'huber', shuffle: false, seed: 7 };
      const search = new URLSearchParams();
      search.set(`${ID}.${key}`, raw);
      const { values, errors } = decodeParams(ID, SCHEMA, search, fallback);
      expect(values).toEqual(fallback);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(SCHEMA[key].label);
      expect(errors[0]).toContain(`kept ${String(fallback[key])}`);
    });
  }

  it('refuses any number outside the bounds', () => {
    const outside = fc.oneof(fc.double({ min: 10.000001, max: 1e300, noNaN: true }), fc.double({ min: -1e300, max: 0.99e-5, noNaN: true }));
    fc.assert(
      fc.property(outside, (v) => {
        const r = parseValue(SCHEMA.lr, String(v));
        expect(r.ok).toBe(false);
      }),
    );
  });

  it('refuses any non-integer for an integer spec', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 4096, noNaN: true, noInteger: true }), (v) => {
        expect(parseValue(SCHEMA.batch, String(v)).ok).toBe(false);
      }),
    );
  });

  it('accepts surrounding spaces, a leading plus and an exponent', () => {
    expect(parseValue(SCHEMA.lr, ' 0.5 ')).toEqual({ ok: true, value: 0.5 });
    expect(parseValue(SCHEMA.lr, '+1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseValue(SCHEMA.lr, '.25')).toEqual({ ok: true, value: 0.25 });
    expect(parseValue(SCHEMA.shuffle, '0')).toEqual({ ok: true, value: false });
  });
});

describe('withPreset', () => {
  it('applies good preset values over the defaults', () => {
    const { values, errors } = withPreset(SCHEMA, { lr: 0.5, loss: 'l1', batch: 64, shuffle: false });
    expect(errors).toEqual([]);
    expect(values).toEqual({ ...base, lr: 0.5, loss: 'l1', batch: 64, shuffle: false });
  });

  it('reports each bad preset value and keeps the default', () => {
    const { values, errors } = withPreset(SCHEMA, { lr: 'fast', batch: 2.5, loss: 'l3', shift: 99 } as never);
    expect(values).toEqual(base);
    expect(errors).toHaveLength(4);
    for (const e of errors) expect(e).toMatch(/^preset /);
    expect(errors.join(' ')).toContain('Learning rate');
    expect(errors.join(' ')).toContain('whole number');
  });
});
