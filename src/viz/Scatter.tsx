import { scaleLinear } from 'd3-scale';
import { useRef } from 'react';

export interface ScatterLine {
  w: number;
  b: number;
  color: string;
  label: string;
  dashed?: boolean;
}

interface Props {
  xs: number[];
  ys: number[];
  lines?: ScatterLine[];
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Called with a point's new position while it is dragged (or moved with arrow keys). */
  onMovePoint?: (i: number, x: number, y: number) => void;
  width?: number;
  height?: number;
}

const M = 34;

/** Data points with fitted lines y = w x + b; points can be dragged with the pointer or moved with arrow keys. */
export function Scatter({ xs, ys, lines = [], xDomain = [-1.2, 1.2], yDomain = [-3, 4], onMovePoint, width = 360, height = 260 }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef<number | null>(null);
  const x = scaleLinear().domain(xDomain).range([M, width - 8]);
  const y = scaleLinear().domain(yDomain).range([height - M, 8]);

  const toData = (ev: React.PointerEvent): [number, number] => {
    const r = svg.current!.getBoundingClientRect();
    const px = ((ev.clientX - r.left) / r.width) * width;
    const py = ((ev.clientY - r.top) / r.height) * height;
    const clamp = (v: number, [a, b]: [number, number]) => Math.max(a, Math.min(b, v));
    return [Math.round(clamp(x.invert(px), xDomain) * 1000) / 1000, Math.round(clamp(y.invert(py), yDomain) * 1000) / 1000];
  };

  return (
    <svg
      ref={svg}
      className="scatter"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${xs.length} data points${lines.length ? ` and ${lines.map((l) => `${l.label}: y = ${l.w.toFixed(2)} x + ${l.b.toFixed(2)}`).join('; ')}` : ''}`}
      onPointerMove={(ev) => {
        if (dragging.current === null || !onMovePoint) return;
        const [dx, dy] = toData(ev);
        onMovePoint(dragging.current, dx, dy);
      }}
      onPointerUp={() => (dragging.current = null)}
      onPointerLeave={() => (dragging.current = null)}
    >
      <g className="axis">
        {x.ticks(5).map((t) => (
          <text key={`x${t}`} x={x(t)} y={height - 10} textAnchor="middle">{t}</text>
        ))}
        {y.ticks(5).map((t) => (
          <text key={`y${t}`} x={M - 5} y={y(t)} dy="0.32em" textAnchor="end">{t}</text>
        ))}
        <line x1={M} x2={width - 8} y1={y(0)} y2={y(0)} className="grid" />
        <line x1={x(0)} x2={x(0)} y1={8} y2={height - M} className="grid" />
      </g>
      {lines.map((l) => (
        <line
          key={l.label}
          x1={x(xDomain[0])}
          x2={x(xDomain[1])}
          y1={y(l.w * xDomain[0] + l.b)}
          y2={y(l.w * xDomain[1] + l.b)}
          stroke={l.color}
          strokeWidth={2.2}
          strokeDasharray={l.dashed ? '6 4' : undefined}
        />
      ))}
      {xs.map((px, i) => (
        <circle
          key={i}
          className={onMovePoint ? 'point draggable' : 'point'}
          cx={x(px)}
          cy={y(ys[i])}
          r={5}
          tabIndex={onMovePoint ? 0 : undefined}
          aria-label={onMovePoint ? `point ${i + 1} at (${px}, ${ys[i]}); arrow keys move it` : undefined}
          onPointerDown={(ev) => {
            if (!onMovePoint) return;
            dragging.current = i;
            (ev.target as Element).setPointerCapture?.(ev.pointerId);
          }}
          onKeyDown={(ev) => {
            if (!onMovePoint) return;
            const d = 0.05;
            const moves: Record<string, [number, number]> = { ArrowUp: [0, d], ArrowDown: [0, -d], ArrowLeft: [-d, 0], ArrowRight: [d, 0] };
            const m = moves[ev.key];
            if (!m) return;
            ev.preventDefault();
            ev.stopPropagation();
            onMovePoint(i, Math.round((px + m[0]) * 1000) / 1000, Math.round((ys[i] + m[1]) * 1000) / 1000);
          }}
        />
      ))}
    </svg>
  );
}
