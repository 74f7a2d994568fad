/** The playground's drawn points in a share link: round trip per class, refusal of bad lists. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDrawn, encodeDrawn } from '../../src/widgets/mlp/drawnCodec';

const point = fc.record({
  x: fc.integer({ min: -1000, max: 1000 }).map((v) => v / 1000),
  y: fc.integer({ min: -1000, max: 1000 }).map((v) => v / 1000),
  label: fc.integer({ min: 0, max: 1 }),
});

describe('drawn points in a share link', () => {
  it('round-trips any set of points of both classes (grouped by class)', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (drawn) => {
        const search = new URLSearchParams(Object.entries(encodeDrawn(drawn)).map(([k, v]) => [`pg.${k}`, v]));
        const back = decodeDrawn(search, 'pg');
        if (drawn.length === 0) return back === null;
        const byClass = [...drawn.filter((p) => p.label === 0), ...drawn.filter((p) => p.label === 1)];
        return back !== null && back.ok && JSON.stringify(back.value) === JSON.stringify(byClass);
      }),
    );
  });

  it('refuses a malformed or out-of-plot list whole, naming the class', () => {
    for (const bad of ['0.1:abc', '2:0.5', '0.5', ',,']) {
      const r = decodeDrawn(new URLSearchParams({ 'pg.pts1': bad }), 'pg');
      expect(r && !r.ok && r.message).toMatch(/^Drawn points of class 1: /);
    }
    expect(decodeDrawn(new URLSearchParams({ 'other.pts0': '0.1:0.2' }), 'pg')).toBeNull();
  });
});
