import { memo } from 'react';

export interface FitLine {
  label: string;
  ys: ArrayLike<number>;
  color: string;
  dash?: string;
}

const W = 560;
const H = 260;
const L = 40;
const B = 26;

/** The data points (keys, values) and fitted curves over the queries, on one SVG that scales to its column. */
export const PoolingPlot = memo(function PoolingPlot({ keys, values, queries, lines, xLabel, yLabel }: { keys: number[]; values: number[]; queries: number[]; lines: FitLine[]; xLabel: string; yLabel: string }) {
  const all = [...values, ...lines.flatMap((l) => Array.from(l.ys))].filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const x0 = Math.min(keys[0], queries[0]);
  const x1 = Math.max(keys[keys.length - 1], queries[queries.length - 1]);
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - 8);
  const sy = (v: number) => H - B - ((v - lo) / span) * (H - B - 10);
  const path = (ys: ArrayLike<number>) => queries.map((q, i) => `${i ? 'L' : 'M'}${sx(q).toFixed(1)},${sy(Number.isFinite(ys[i]) ? ys[i] : lo).toFixed(1)}`).join('');
  const r = keys.length > 100 ? 1.4 : 2.6;
  return (
    <figure className="pool-plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`the data and the fits: ${lines.map((l) => l.label).join(', ')}`}>
        <g className="axis">
          <line x1={L} x2={W - 8} y1={H - B} y2={H - B} />
          <line x1={L} x2={L} y1={10} y2={H - B} />
          <text x={L} y={H - 8}>{x0}</text>
          <text x={W - 8} y={H - 8} textAnchor="end">{x1}</text>
          <text x={(L + W) / 2} y={H - 8} textAnchor="middle">{xLabel}</text>
          <text x={L - 4} y={sy(hi) + 4} textAnchor="end">{hi.toFixed(1)}</text>
          <text x={L - 4} y={sy(lo)} textAnchor="end">{lo.toFixed(1)}</text>
          <text x={L + 4} y={16}>{yLabel}</text>
        </g>
        <Points keys={keys} values={values} lo={lo} span={span} x0={x0} x1={x1} r={r} />
        {lines.map((l) => <path key={l.label} d={path(l.ys)} fill="none" stroke={l.color} strokeWidth={2} strokeDasharray={l.dash} />)}
      </svg>
      <figcaption className="legend">
        <span><i style={{ background: '#999' }} /> data (keys x, values y)</span>
        {lines.map((l) => <span key={l.label}><i style={{ background: l.color }} /> {l.label}</span>)}
      </figcaption>
    </figure>
  );
});

/** The data, redrawn only when the data or the y range change (the fits change every frame). */
const Points = memo(function Points({ keys, values, lo, span, x0, x1, r }: { keys: number[]; values: number[]; lo: number; span: number; x0: number; x1: number; r: number }) {
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - 8);
  const sy = (v: number) => H - B - ((v - lo) / span) * (H - B - 10);
  return <g fill="#999" fillOpacity={0.6}>{keys.map((k, i) => <circle key={i} cx={sx(k)} cy={sy(values[i])} r={r} />)}</g>;
});
