import { decodePoints, encodePoints } from '../kit/pointsCodec';
import type { DrawnPoint } from './playgroundParams';

/** Share-link keys of the drawn points, one list per class: `<id>.pts0`, `<id>.pts1`. */
export const DRAWN_KEYS = ['pts0', 'pts1'] as const;
/** At most this many drawn points per class travel in a link (a link must stay a link). */
const MAX_PER_CLASS = 200;

/** The drawn points as share-link values, per class; classes without points are left out. */
export function encodeDrawn(drawn: DrawnPoint[]): Record<string, string> {
  const out: Record<string, string> = {};
  DRAWN_KEYS.forEach((key, label) => {
    const mine = drawn.filter((p) => p.label === label);
    if (mine.length) out[key] = encodePoints({ xs: mine.map((p) => p.x), ys: mine.map((p) => p.y) });
  });
  return out;
}

/**
 * Drawn points from a link's `<id>.pts0` / `<id>.pts1`, or null when the link has none.
 * A malformed or out-of-range list is refused whole, with the reason.
 */
export function decodeDrawn(search: URLSearchParams, id: string): { ok: true; value: DrawnPoint[] } | { ok: false; message: string } | null {
  const value: DrawnPoint[] = [];
  let any = false;
  for (const [label, key] of DRAWN_KEYS.entries()) {
    const raw = search.get(`${id}.${key}`);
    if (raw === null) continue;
    any = true;
    const r = decodePoints(raw, { x: [-1, 1], y: [-1, 1], max: MAX_PER_CLASS });
    if (!r.ok) return { ok: false, message: `Drawn points of class ${label}: ${r.message}` };
    r.value.xs.forEach((x, i) => value.push({ x, y: r.value.ys[i], label }));
  }
  return any ? { ok: true, value } : null;
}
