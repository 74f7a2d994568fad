import { scaleLinear } from 'd3-scale';
import { memo, useEffect, useRef } from 'react';
import { drawContours } from './contourPlot';

interface Props {
  values: ArrayLike<number>;
  nx: number;
  ny: number;
  xDomain: [number, number];
  yDomain: [number, number];
  xLabel: string;
  yLabel: string;
  /** Paths drawn over the surface, e.g. the (w, b) visited by gradient descent. */
  paths?: { xs: number[]; ys: number[]; color: string; label: string }[];
  /** Marked points, such as the closed-form minimum. */
  marks?: { x: number; y: number; label: string }[];
  size?: number;
}

/** A loss surface as filled contours on canvas, with the descent path and marks in SVG on top; memoised like Scatter. */
export const ContourPlot = memo(function ContourPlot({ values, nx, ny, xDomain, yDomain, xLabel, yLabel, paths = [], marks = [], size = 260 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) drawContours(ctx, values, nx, ny, size, size);
  }, [values, nx, ny, size]);
  const x = scaleLinear().domain(xDomain).range([0, size]);
  const y = scaleLinear().domain(yDomain).range([size, 0]);
  const clampX = (v: number) => Math.max(-10, Math.min(size + 10, x(v)));
  const clampY = (v: number) => Math.max(-10, Math.min(size + 10, y(v)));
  const pathD = (p: { xs: number[]; ys: number[] }) => p.xs.map((px, i) => `${i ? 'L' : 'M'}${clampX(px).toFixed(1)},${clampY(p.ys[i]).toFixed(1)}`).join('');
  const ends = paths.filter((p) => p.xs.length).map((p) => `${p.label} at (${p.xs[p.xs.length - 1].toFixed(2)}, ${p.ys[p.ys.length - 1].toFixed(2)})`);
  return (
    <figure className="contour" style={{ width: size + 34 }}>
      <div className="contour-stack" style={{ width: size, height: size }}>
        <canvas ref={canvas} width={size} height={size} aria-hidden="true" />
        <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`Loss surface over ${xLabel} and ${yLabel}${ends.length ? `; ${ends.join('; ')}` : ''}`}>
          {paths.filter((p) => p.xs.length).map((p) => {
            const d = pathD(p);
            return (
            <g key={p.label}>
              <path d={d} fill="none" stroke="#fff" strokeWidth={3} opacity={0.7} />
              <path d={d} fill="none" stroke={p.color} strokeWidth={1.6} />
              <circle cx={clampX(p.xs[p.xs.length - 1])} cy={clampY(p.ys[p.ys.length - 1])} r={4.5} fill={p.color} stroke="#fff" />
            </g>
            );
          })}
          {marks.map((m) => (
            <g key={m.label} transform={`translate(${x(m.x)},${y(m.y)})`}>
              <path d="M-5,-5L5,5M-5,5L5,-5" stroke="#fff" strokeWidth={2.5} />
              <text x={7} y={-6} className="mark-label">{m.label}</text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="contour-axes">
        <span>{xLabel}: {xDomain[0]} to {xDomain[1]}</span> · <span>{yLabel}: {yDomain[0]} to {yDomain[1]}</span>
      </figcaption>
    </figure>
  );
});
