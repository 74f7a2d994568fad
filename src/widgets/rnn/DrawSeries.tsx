import { useRef } from 'react';

const W = 600;
const H = 140;

/** A series the reader draws: drag across the pad to set each point's value (0 … 1). */
export function DrawSeries({ values, onChange }: { values: number[]; onChange: (v: number[]) => void }) {
  const ref = useRef<SVGSVGElement>(null);
  const down = useRef(false);
  const n = values.length;
  const set = (e: React.PointerEvent) => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || !down.current) return;
    const i = Math.round(((e.clientX - box.left) / box.width) * (n - 1));
    const v = 1 - (e.clientY - box.top) / box.height;
    if (i < 0 || i >= n) return;
    const next = values.slice();
    next[i] = Math.max(0, Math.min(1, v));
    onChange(next);
  };
  const d = values.map((v, i) => `${i ? 'L' : 'M'}${((i / Math.max(1, n - 1)) * W).toFixed(1)},${((1 - v) * H).toFixed(1)}`).join('');
  return (
    <svg ref={ref} className="rnn-draw" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="draw a series: drag across the pad"
      onPointerDown={(e) => { down.current = true; (e.target as Element).setPointerCapture?.(e.pointerId); set(e); }}
      onPointerMove={set} onPointerUp={() => (down.current = false)}>
      <line x1={W * 0.75} x2={W * 0.75} y1={0} y2={H} stroke="var(--muted)" strokeDasharray="3 3" />
      <text x={W * 0.75 + 4} y={12} fontSize={11} fill="var(--muted)">held out</text>
      <path d={d} fill="none" stroke="var(--fg)" strokeWidth={1.8} />
    </svg>
  );
}
