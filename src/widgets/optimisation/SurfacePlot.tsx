import { scaleLinear } from 'd3-scale';
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { positiveForContours, surfaceGrid, type Surface } from '../../engine/math/surfaces';
import { drawContours } from '../../viz/contourPlot';
import './optimisation.css';

export interface PlotPath {
  xs: number[];
  ys: number[];
  color: string;
  label: string;
}

export interface PlotArrow {
  from: [number, number];
  to: [number, number];
  color: string;
  label: string;
}

interface Props {
  surface: Surface;
  paths?: PlotPath[];
  arrows?: PlotArrow[];
  marks?: { x: number; y: number; label: string; color?: string }[];
  /** Called with surface coordinates when the reader clicks the plot. */
  onPick?: (x: number, y: number) => void;
  pickLabel?: string;
  size?: number;
}

const GRID = 64;

/**
 * A 2-D surface as filled contours with optimiser paths, arrows (eigenvectors,
 * gradients) and marks on top; clicking reports the point in surface coordinates.
 * It scales down with its container, so it fits a phone's width.
 */
export function SurfacePlot({ surface, paths = [], arrows = [], marks = [], onPick, pickLabel = 'Click to choose a point', size = 300 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const values = useMemo(() => positiveForContours(surfaceGrid(surface, GRID, GRID)), [surface]);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) drawContours(ctx, values, GRID, GRID, size, size, 16);
  }, [values, size]);
  const x = scaleLinear().domain(surface.xDomain).range([0, size]);
  const y = scaleLinear().domain(surface.yDomain).range([size, 0]);
  const cx = (v: number) => Math.max(-10, Math.min(size + 10, x(v)));
  const cy = (v: number) => Math.max(-10, Math.min(size + 10, y(v)));
  const pathD = (p: { xs: number[]; ys: number[] }) => p.xs.map((px, i) => `${i ? 'L' : 'M'}${cx(px).toFixed(1)},${cy(p.ys[i]).toFixed(1)}`).join('');
  const pick = (e: MouseEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const r = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * size;
    const py = ((e.clientY - r.top) / r.height) * size;
    onPick(round(x.invert(px)), round(y.invert(py)));
  };
  const ends = paths.filter((p) => p.xs.length).map((p) => `${p.label} at (${p.xs[p.xs.length - 1].toFixed(2)}, ${p.ys[p.ys.length - 1].toFixed(2)})`);
  return (
    <figure className="contour optim-surface" style={{ maxWidth: size }}>
      <div className="contour-stack" style={{ width: '100%', aspectRatio: '1 / 1', cursor: onPick ? 'crosshair' : undefined }}>
        <canvas ref={canvas} width={size} height={size} aria-hidden="true" />
        <svg viewBox={`0 0 ${size} ${size}`} role="img" onClick={pick} aria-label={`${surface.label}${ends.length ? `; ${ends.join('; ')}` : ''}. ${onPick ? pickLabel : ''}`}>
          <defs>
            {arrows.map((a, i) => (
              <marker key={i} id={`head-${i}-${a.color.slice(1)}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                <path d="M0,0L10,5L0,10z" fill={a.color} />
              </marker>
            ))}
          </defs>
          {paths.filter((p) => p.xs.length).map((p) => (
            <g key={p.label}>
              <path d={pathD(p)} fill="none" stroke="#fff" strokeWidth={3} opacity={0.6} />
              <path d={pathD(p)} fill="none" stroke={p.color} strokeWidth={1.6} />
              <circle cx={cx(p.xs[p.xs.length - 1])} cy={cy(p.ys[p.ys.length - 1])} r={4.5} fill={p.color} stroke="#fff" />
            </g>
          ))}
          {arrows.map((a, i) => (
            <g key={`${a.label}-${i}`}>
              <line x1={cx(a.from[0])} y1={cy(a.from[1])} x2={cx(a.to[0])} y2={cy(a.to[1])} stroke="#fff" strokeWidth={4} opacity={0.7} />
              <line x1={cx(a.from[0])} y1={cy(a.from[1])} x2={cx(a.to[0])} y2={cy(a.to[1])} stroke={a.color} strokeWidth={2.2} markerEnd={`url(#head-${i}-${a.color.slice(1)})`} />
              <text x={cx(a.to[0]) + 4} y={cy(a.to[1]) - 4} className="mark-label" fill={a.color}>{a.label}</text>
            </g>
          ))}
          {marks.map((m) => (
            <g key={m.label} transform={`translate(${x(m.x)},${y(m.y)})`}>
              <path d="M-5,-5L5,5M-5,5L5,-5" stroke="#fff" strokeWidth={3.5} />
              <path d="M-5,-5L5,5M-5,5L5,-5" stroke={m.color ?? '#000'} strokeWidth={1.6} />
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="contour-axes">
        <span>x: {surface.xDomain[0]} to {surface.xDomain[1]}</span> · <span>y: {surface.yDomain[0]} to {surface.yDomain[1]}</span>
        {onPick && <span> · {pickLabel}</span>}
      </figcaption>
    </figure>
  );
}

// Two decimals are plenty for a clicked point, and keep share links short.
function round(v: number): number {
  return Math.round(v * 100) / 100;
}
