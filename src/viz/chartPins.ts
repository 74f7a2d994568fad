import { createContext } from 'react';
import type { Series } from './lineChart';

/** One curve of a pinned run, copied when it was pinned (the live arrays keep growing or are cleared). */
export interface PinnedCurve {
  xs: number[];
  ys: number[];
  color: string;
}

/** A pin as a chart draws it: its curves and the label naming how it differs. */
export interface ShownPin {
  id: number;
  label: string;
  curves: ReadonlyMap<string, PinnedCurve>;
}

/** What a widget's frame tells its charts: the pins to draw, and where each chart leaves the curves it draws now (for the next pin). */
export interface PinsContextValue {
  pins: readonly ShownPin[];
  drawn: Map<object, Series[]>;
}

/** Null outside a WidgetFrame: a chart there draws no pins. */
export const PinsContext = createContext<PinsContextValue | null>(null);

/** Dash patterns, one per pin slot: pinned runs differ from the live curve, and from one another, without colour. */
export const PIN_DASHES = ['6 4', '2 3', '9 3 2 3', '1 5'];

/** A pinned curve as a path in data space (x: step, y: value, or log10 of it on a log scale), to be placed by a transform. */
export function dataSpacePath(c: PinnedCurve, logY: boolean): string {
  let d = '';
  let pen = false;
  for (let i = 0; i < c.xs.length; i++) {
    const x = c.xs[i];
    const y = logY ? Math.log10(c.ys[i]) : c.ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x},${y}`;
    pen = true;
  }
  return d;
}

/** The bounding box of some pinned curves as a two-point series, so that the chart's scales take them in; null when empty. */
export function pinnedBounds(curves: readonly PinnedCurve[]): Series | null {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const c of curves)
    for (let i = 0; i < c.xs.length; i++) {
      const x = c.xs[i];
      const y = c.ys[i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  return x0 <= x1 ? { label: 'pinned', xs: [x0, x1], ys: [y0, y1], color: '' } : null;
}
