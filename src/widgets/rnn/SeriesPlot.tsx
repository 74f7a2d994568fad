/** One SVG plot of several series over the same days (the forecasts against the truth). */
export interface PlotLine {
  label: string;
  ys: ArrayLike<number>;
  color: string;
  dash?: string;
  width?: number;
}

const W = 640;
const H = 260;
const PAD = 40;

/** Lines over x = 0 … n − 1 with a shared y range; `labels` name the first and last day. */
export function SeriesPlot({ lines, n, labels, yLabel, aria }: { lines: PlotLine[]; n: number; labels: [string, string]; yLabel: string; aria: string }) {
  const all = lines.flatMap((l) => Array.from(l.ys).filter(Number.isFinite));
  const lo = all.length ? Math.min(...all) : 0;
  const hi = all.length ? Math.max(...all) : 1;
  const span = hi - lo || 1;
  const sx = (i: number) => PAD + (i / Math.max(1, n - 1)) * (W - 1.5 * PAD);
  const sy = (v: number) => H - 24 - ((v - lo) / span) * (H - 40);
  const path = (ys: ArrayLike<number>) => Array.from(ys).map((v, i) => `${i ? 'L' : 'M'}${sx(i).toFixed(1)},${sy(Number.isFinite(v) ? v : lo).toFixed(1)}`).join('');
  return (
    <figure className="rnn-plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={aria}>
        <g className="axis">
          <line x1={PAD} x2={W - PAD / 2} y1={H - 24} y2={H - 24} />
          <text x={PAD} y={H - 8}>{labels[0]}</text>
          <text x={W - PAD / 2} y={H - 8} textAnchor="end">{labels[1]}</text>
          <text x={4} y={sy(hi) + 4}>{Math.round(hi).toLocaleString('en-GB')}</text>
          <text x={4} y={sy(lo)}>{Math.round(lo).toLocaleString('en-GB')}</text>
          <text x={PAD} y={12}>{yLabel}</text>
        </g>
        {lines.map((l) => <path key={l.label} d={path(l.ys)} fill="none" stroke={l.color} strokeWidth={l.width ?? 1.6} strokeDasharray={l.dash} />)}
      </svg>
      <figcaption className="legend">
        {lines.map((l) => <span key={l.label}><i style={{ background: l.color }} /> {l.label}</span>)}
      </figcaption>
    </figure>
  );
}
