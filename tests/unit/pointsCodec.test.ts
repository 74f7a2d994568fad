/** Dragged points in a share link: round trip, and refusal of malformed or out-of-bounds lists. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePoints, encodePoints } from '../../src/widgets/kit/pointsCodec';

const bounds = { x: [-1.2, 1.2] as [number, number], y: [-10, 10] as [number, number], max: 200 };

describe('points in a share link', () => {
  it('round-trips any list of points on the 0.001 grid', () => {
    const coord = (lo: number, hi: number) => fc.integer({ min: lo * 1000, max: hi * 1000 }).map((v) => v / 1000);
    fc.assert(
      fc.property(fc.array(fc.tuple(coord(-1.2, 1.2), coord(-10, 10)), { minLength: 1, maxLength: 200 }), (pts) => {
        const p = { xs: pts.map((q) => q[0]), ys: pts.map((q) => q[1]) };
        const r = decodePoints(encodePoints(p), bounds);
        expect(r.ok && r.value).toEqual(p);
      }),
    );
  });

  it.each([
    ['', /empty/],
    ['1:2,abc', /not a point/],
    ['0.5:NaN', /not a point/],
    ['5:1', /outside/],
    ['0:11', /outside/],
    [Array.from({ length: 201 }, () => '0:0').join(','), /at most 200/],
  ])('refuses %s', (raw, message) => {
    const r = decodePoints(raw, bounds);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
