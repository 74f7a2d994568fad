import { DecisionMap } from '../../viz/DecisionMap';
import { clipLine } from './boundary';

/** A line over a decision map, in data coordinates of [-1, 1]^2. */
export interface BoundaryLine {
  w: [number, number];
  b: number;
  color: string;
  dashed?: boolean;
  label: string;
}

/**
 * A DecisionMap with optional linear boundaries drawn on top, and a caption.
 * The lines are a separate SVG layer so the shared DecisionMap stays unchanged.
 */
export function BoundaryMap({ probs, size, classes, points, lines = [], caption, width = 260, note }: {
  probs: ArrayLike<number> | null;
  size: number;
  classes: number;
  points: { x: number[]; y: number[]; label: number[] };
  lines?: BoundaryLine[];
  caption: string;
  width?: number;
  note?: string;
}) {
  const s = (v: number) => ((v + 1) / 2) * width;
  const t = (v: number) => ((1 - v) / 2) * width;
  return (
    <figure style={{ margin: 0, flex: `0 1 ${width}px` }}>
      <div style={{ position: 'relative', width, height: width }}>
        <DecisionMap probs={probs} size={size} classes={classes} points={points} width={width} label={caption} />
        <svg viewBox={`0 0 ${width} ${width}`} style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }} aria-hidden="true">
          {lines.map((l, i) => {
            const seg = clipLine(l.w[0], l.w[1], l.b);
            return seg ? (
              <line key={i} x1={s(seg[0][0])} y1={t(seg[0][1])} x2={s(seg[1][0])} y2={t(seg[1][1])} stroke={l.color} strokeWidth={2} strokeDasharray={l.dashed ? '6 4' : undefined} />
            ) : null;
          })}
        </svg>
      </div>
      <figcaption style={{ fontSize: '0.8rem', marginTop: '0.3rem' }}>{caption}</figcaption>
      {note && <p className="widget-note" style={{ fontSize: '0.78rem', margin: '0.2rem 0 0' }}>{note}</p>}
    </figure>
  );
}
