import { scaleLinear } from 'd3-scale';

export interface CurveSpec {
  label: string;
  f: (x: number) => number;
  color: string;
  dashed?: boolean;
  width?: number;
}

export interface PointSet {
  label: string;
  xs: number[];
  ys: number[];
  color: string;
  hollow?: boolean;
}

interface Props {
  points: PointSet[];
  curves: CurveSpec[];
  yDomain?: [number, number];
  width?: number;
  height?: number;
  /** Drawn as a thicker frame (the fold being trained). */
  highlight?: boolean;
  title?: string;
}

const M = 26;
const SAMPLES = 121;

/** 1-D data with fitted curves y = f(x) on [-1, 1]; curves are clipped to the plot. */
export function CurvePlot({ points, curves, yDomain = [-2.5, 2.5], width = 360, height = 240, highlight = false, title }: Props) {
  const x = scaleLinear().domain([-1, 1]).range([M, width - 8]);
  const y = scaleLinear().domain(yDomain).range([height - M + 8, 8 + (title ? 12 : 0)]);
  const clamp = (v: number) => Math.max(yDomain[0] - 1, Math.min(yDomain[1] + 1, v));
  const path = (f: (t: number) => number) => {
    let d = '';
    for (let i = 0; i < SAMPLES; i++) {
      const t = -1 + (2 * i) / (SAMPLES - 1);
      const v = f(t);
      // A non-finite value breaks the line rather than drawing NaN.
      if (!Number.isFinite(v)) continue;
      d += `${d ? 'L' : 'M'}${x(t).toFixed(1)},${y(clamp(v)).toFixed(1)}`;
    }
    return d;
  };
  const clipId = `clip-${Math.round(width)}-${Math.round(height)}-${title ?? ''}`.replace(/[^a-zA-Z0-9-]/g, '');
  const label = `${points.map((p) => `${p.xs.length} ${p.label}`).join(', ')}; curves: ${curves.map((c) => c.label).join(', ')}`;
  return (
    <svg className="scatter" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title ? `${title}: ${label}` : label}
      style={{ outline: highlight ? '2px solid #D55E00' : undefined, borderRadius: 4 }}>
      <defs>
        <clipPath id={clipId}><rect x={M} y={y(yDomain[1])} width={width - 8 - M} height={y(yDomain[0]) - y(yDomain[1])} /></clipPath>
      </defs>
      {title && <text x={M} y={14} fontSize={12} fontWeight={600} fill="currentColor">{title}</text>}
      <g className="axis">
        {x.ticks(4).map((t) => <text key={`x${t}`} x={x(t)} y={height - 6} textAnchor="middle">{t}</text>)}
        {y.ticks(4).map((t) => <text key={`y${t}`} x={M - 4} y={y(t)} dy="0.32em" textAnchor="end">{t}</text>)}
        <line x1={M} x2={width - 8} y1={y(0)} y2={y(0)} className="grid" />
      </g>
      <g clipPath={`url(#${clipId})`}>
        {curves.map((c) => (
          <path key={c.label} d={path(c.f)} fill="none" stroke={c.color} strokeWidth={c.width ?? 2} strokeDasharray={c.dashed ? '5 4' : undefined} />
        ))}
      </g>
      {points.map((p) =>
        p.xs.map((px, i) => (
          <circle key={`${p.label}${i}`} cx={x(px)} cy={y(clamp(p.ys[i]))} r={3.4} fill={p.hollow ? 'none' : p.color} stroke={p.hollow ? p.color : '#fff'} strokeWidth={p.hollow ? 1.5 : 0.8} />
        )),
      )}
    </svg>
  );
}

/** A legend row for curves and point sets. */
export function CurveLegend({ items }: { items: { label: string; color: string; hollow?: boolean; dashed?: boolean }[] }) {
  return (
    <p className="legend">
      {items.map((it) => (
        <span key={it.label}>
          <i style={it.hollow ? { background: 'none', border: `1.5px solid ${it.color}`, width: '0.5rem', height: '0.5rem', borderRadius: '50%' } : { background: it.dashed ? `repeating-linear-gradient(90deg, ${it.color} 0 4px, transparent 4px 7px)` : it.color }} /> {it.label}
        </span>
      ))}
    </p>
  );
}
