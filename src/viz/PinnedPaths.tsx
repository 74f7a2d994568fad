import { useContext, useEffect, useMemo, useRef } from 'react';
import { dataSpacePath, PIN_DASHES, pinnedBounds, PinsContext, type PinnedCurve } from './chartPins';
import type { Series } from './lineChart';

/** One pinned curve a chart draws: the pin's curve with the same label as one of the chart's series. */
export interface ChartPin {
  pinId: number;
  slot: number;
  pinLabel: string;
  seriesLabel: string;
  curve: PinnedCurve;
}

/**
 * The pinned runs' curves for a chart drawing `series` (matched by label), with their bounding box;
 * also leaves `series` with the widget's frame, which copies them when the reader pins this run.
 */
export function usePinnedCurves(series: Series[]): { curves: ChartPin[]; bounds: Series | null } {
  const ctx = useContext(PinsContext);
  const key = useRef({}).current;
  // A map write per render, no state: the frame reads it only when the reader pins.
  ctx?.drawn.set(key, series);
  useEffect(() => () => void ctx?.drawn.delete(key), [ctx, key]);
  const labels = series.map((s) => s.label).join('\n');
  return useMemo(() => {
    const curves: ChartPin[] = [];
    const wanted = labels.split('\n');
    ctx?.pins.forEach((p, slot) => {
      for (const l of wanted) {
        const curve = p.curves.get(l);
        if (curve) curves.push({ pinId: p.id, slot, pinLabel: p.label, seriesLabel: l, curve });
      }
    });
    return { curves, bounds: pinnedBounds(curves.map((c) => c.curve)) };
  }, [ctx?.pins, labels]);
}

/**
 * Pinned curves, faded and dashed. Their paths are built once in data space and placed by one affine
 * transform (both a linear and a log10 axis are affine in what the path holds), so a chart whose scales
 * move every frame redraws them without rebuilding a path; the stroke does not scale with the transform.
 */
export function PinnedPaths({ curves, x, y, logY }: { curves: ChartPin[]; x: (v: number) => number; y: (v: number) => number; logY: boolean }) {
  const paths = useMemo(() => curves.map((c) => dataSpacePath(c.curve, logY)), [curves, logY]);
  if (!curves.length) return null;
  const [y0, y1] = logY ? [1, 10] : [0, 1];
  const ax = x(1) - x(0);
  const ay = y(y1) - y(y0);
  if (!Number.isFinite(ax) || !Number.isFinite(ay)) return null;
  return (
    <g className="pinned-curves" transform={`matrix(${ax} 0 0 ${ay} ${x(0)} ${y(y0)})`}>
      {curves.map((c, i) => (
        <path key={`${c.pinId}:${c.seriesLabel}`} d={paths[i]} fill="none" stroke={c.curve.color} strokeWidth={1.6} strokeOpacity={0.5}
          strokeDasharray={PIN_DASHES[c.slot % PIN_DASHES.length]} vectorEffect="non-scaling-stroke"
          data-pinned={c.pinId} data-pin-label={c.pinLabel}>
          <title>{`${c.seriesLabel}, pinned: ${c.pinLabel}`}</title>
        </path>
      ))}
    </g>
  );
}
