/**
 * Points a reader dragged or drew, in a share link: "x:y,x:y,..." with three
 * decimals. Parsing refuses anything malformed or out of bounds with a message.
 */
export interface PointList {
  xs: number[];
  ys: number[];
}

export function encodePoints(p: PointList): string {
  return p.xs.map((x, i) => `${round3(x)}:${round3(p.ys[i])}`).join(',');
}

export function decodePoints(raw: string, bounds: { x: [number, number]; y: [number, number]; max: number }): { ok: true; value: PointList } | { ok: false; message: string } {
  const parts = raw.split(',').filter((s) => s.length > 0);
  if (parts.length === 0) return { ok: false, message: 'The link has an empty list of points.' };
  if (parts.length > bounds.max) return { ok: false, message: `The link has ${parts.length} points; at most ${bounds.max}.` };
  const xs: number[] = [];
  const ys: number[] = [];
  for (const part of parts) {
    const m = /^(-?\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return { ok: false, message: `"${part}" in the link is not a point like 0.5:1.2.` };
    const x = Number(m[1]);
    const y = Number(m[2]);
    if (x < bounds.x[0] || x > bounds.x[1] || y < bounds.y[0] || y > bounds.y[1]) return { ok: false, message: `Point ${part} in the link is outside the plot.` };
    xs.push(x);
    ys.push(y);
  }
  return { ok: true, value: { xs, ys } };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
