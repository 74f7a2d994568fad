import { scaleLinear } from 'd3-scale';
import { memo, useCallback, useRef } from 'react';

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

/**
 * Data points with fitted lines y = w x + b; points can be dragged with the pointer or moved with arrow keys.
 * Memoised: a parent re-rendering with the same props (a converged run) repaints nothing here.
 */
export const Scatter = memo(function Scatter({ xs, ys, lines = [], xDomain = [-1.2, 1.2], yDomain = [-3, 4], onMovePoint, width = 360, height = 260 }: Props) {
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

  // Points and axes change only with the data; the fitted lines change every frame while training.
  // Memoised apart, a training frame re-renders two <line>s, not 30 circles and their handlers.
  const onMove = useRef(onMovePoint);
  onMove.current = onMovePoint;
  const move = useCallback((i: number, px: number, py: number) => onMove.current?.(i, px, py), []);
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;

  return (
    <svg
      ref={svg}
      className="scatter"
      viewBox={`0 0 ${width} ${height}`}
      // With draggable points the figure holds focusable controls, which an img's children may not be.
      role={onMovePoint ? 'group' : 'img'}
      aria-label={`${xs.length} data points${lines.length ? ` and ${lines.map((l) => `${l.label}: y = ${l.w.toFixed(2)} x + ${l.b.toFixed(2)}`).join('; ')}` : ''}`}
      onPointerMove={(ev) => {
        if (dragging.current === null || !onMovePoint) return;
        const [dx, dy] = toData(ev);
        onMovePoint(dragging.current, dx, dy);
      }}
      onPointerUp={() => (dragging.current = null)}
      onPointerLeave={() => (dragging.current = null)}
    >
      <Axes x0={x0} x1={x1} y0={y0} y1={y1} width={width} height={height} />
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
      <Points xs={xs} ys={ys} x0={x0} x1={x1} y0={y0} y1={y1} width={width} height={height} dragging={dragging} move={onMovePoint ? move : undefined} />
    </svg>
  );
});

interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  width: number;
  height: number;
}

const scales = ({ x0, x1, y0, y1, width, height }: Frame) => ({
  x: scaleLinear().domain([x0, x1]).range([M, width - 8]),
  y: scaleLinear().domain([y0, y1]).range([height - M, 8]),
});

const Axes = memo(function Axes(f: Frame) {
  const { x, y } = scales(f);
  const { width, height } = f;
  return (
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
  );
});

const Points = memo(function Points({ xs, ys, dragging, move, ...f }: Frame & { xs: number[]; ys: number[]; dragging: React.RefObject<number | null>; move?: (i: number, x: number, y: number) => void }) {
  const { x, y } = scales(f);
  return (
    <>
      {xs.map((px, i) => (
        <circle
          key={i}
          className={move ? 'point draggable' : 'point'}
          cx={x(px)}
          cy={y(ys[i])}
          r={5}
          tabIndex={move ? 0 : undefined}
          role={move ? 'button' : undefined}
          aria-roledescription={move ? 'draggable point' : undefined}
          aria-label={move ? `point ${i + 1} at (${px}, ${ys[i]}); arrow keys move it` : undefined}
          onPointerDown={(ev) => {
            if (!move) return;
            dragging.current = i;
            (ev.target as Element).setPointerCapture?.(ev.pointerId);
          }}
          onKeyDown={(ev) => {
            if (!move) return;
            const d = 0.05;
            const moves: Record<string, [number, number]> = { ArrowUp: [0, d], ArrowDown: [0, -d], ArrowLeft: [-d, 0], ArrowRight: [d, 0] };
            const m = moves[ev.key];
            if (!m) return;
            ev.preventDefault();
            ev.stopPropagation();
            move(i, Math.round((px + m[0]) * 1000) / 1000, Math.round((ys[i] + m[1]) * 1000) / 1000);
          }}
        />
      ))}
    </>
  );
});
