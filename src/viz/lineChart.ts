import { extent } from 'd3-array';
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { line } from 'd3-shape';

export interface Series {
  label: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  color: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_LAYOUT: ChartLayout = { width: 420, height: 220, margin: { top: 10, right: 12, bottom: 28, left: 48 } };

/** Scales that fit every finite point of every series; a log y-scale when asked and all values are positive. */
export function chartScales(series: Series[], layout: ChartLayout, logY: boolean) {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series)
    for (let i = 0; i < s.xs.length; i++)
      if (Number.isFinite(s.xs[i]) && Number.isFinite(s.ys[i])) {
        xs.push(s.xs[i]);
        ys.push(s.ys[i]);
      }
  const [x0, x1] = extent(xs) as [number | undefined, number | undefined];
  const [y0, y1] = extent(ys) as [number | undefined, number | undefined];
  const { width, height, margin } = layout;
  const x = scaleLinear().domain([x0 ?? 0, x1 !== undefined && x1 > (x0 ?? 0) ? x1 : (x0 ?? 0) + 1]).range([margin.left, width - margin.right]);
  const useLog = logY && (y0 ?? 0) > 0;
  const lo = y0 ?? 0;
  const hi = y1 !== undefined && y1 > lo ? y1 : lo + 1;
  const y: ScaleContinuousNumeric<number, number> = useLog
    ? scaleLog().domain([lo, hi]).range([height - margin.bottom, margin.top]).nice()
    : scaleLinear().domain([Math.min(0, lo), hi]).range([height - margin.bottom, margin.top]).nice();
  return { x, y, logY: useLog };
}

/** The SVG path of one series under the given scales; non-finite points break the line. */
export function seriesPath(s: Series, x: (v: number) => number, y: (v: number) => number): string {
  const idx = Array.from({ length: s.xs.length }, (_, i) => i);
  return (
    line<number>()
      .defined((i) => Number.isFinite(s.ys[i]) && Number.isFinite(s.xs[i]))
      .x((i) => x(s.xs[i]))
      .y((i) => y(s.ys[i]))(idx) ?? ''
  );
}

/** One sentence describing a loss curve, for screen readers and the caption. */
export function curveSummary(s: Series): string {
  const n = s.ys.length;
  if (!n) return `${s.label}: no steps yet.`;
  const first = s.ys[0];
  const last = s.ys[n - 1];
  const fmt = (v: number) => (Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));
  return `${s.label}: from ${fmt(first)} at step ${s.xs[0]} to ${fmt(last)} at step ${s.xs[n - 1]}.`;
}

/** Room left of a y tick label: the rotated axis title (11 px, at x = 9) and the 7 px gap to the axis. */
const Y_TITLE_SPACE = 24;

/** About how wide an 11 px tick label is: digits and letters 7 px, separators half that. */
function tickLabelWidth(label: string): number {
  let w = 0;
  for (const c of label) w += c === ',' || c === '.' ? 3.5 : 7;
  return w;
}

/** The y ticks: about four; on a log scale only powers of ten get a tick and a grid line (d3 would add every minor one). */
export function yTicks(y: { ticks(n: number): number[] }, logY: boolean): number[] {
  return logY ? y.ticks(4).filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9) : y.ticks(4);
}

/**
 * The layout with its left margin grown to the widest y tick label ("4,000" births a day), so that no label runs
 * into the rotated axis title. The y ticks depend on the height only, so a pass at the given margin finds them.
 */
export function fitLeftMargin(series: Series[], layout: ChartLayout, logY: boolean): ChartLayout {
  const { y } = chartScales(series, layout, logY);
  const format = y.tickFormat(4, logY ? '.0e' : undefined);
  const widest = Math.max(0, ...yTicks(y, logY).map((t) => tickLabelWidth(format(t))));
  const left = Math.max(layout.margin.left, Math.ceil(Y_TITLE_SPACE + widest));
  return left === layout.margin.left ? layout : { ...layout, margin: { ...layout.margin, left } };
}
