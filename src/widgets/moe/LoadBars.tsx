import { seriesColor } from '../../viz/palette';

/**
 * Tokens per expert as bars: the assignments each expert was sent (outline) and those it processed
 * (filled); the dashed line is the even share, total / E, and a capacity line when there is one.
 */
export function LoadBars({ demand, load, capacityShare, label, colors = true }: { demand: number[]; load: number[]; capacityShare?: number; label: string; colors?: boolean }) {
  const E = demand.length;
  const total = demand.reduce((a, b) => a + b, 0) || 1;
  const W = 320;
  const H = 150;
  const top = 12;
  const base = 128;
  const share = demand.map((d) => d / total);
  const max = Math.max(2 / E, ...share, capacityShare ?? 0);
  const y = (v: number) => base - ((base - top) * v) / max;
  const bw = (W - 40) / E;
  const even = 1 / E;
  return (
    <svg className="moe-bars" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${share.map((s, e) => `expert ${e + 1} ${Math.round(s * 100)}%`).join(', ')}`}>
      {demand.map((d, e) => {
        const x = 30 + e * bw + 2;
        const kept = load[e] / total;
        const color = colors ? seriesColor(e) : '#0072B2';
        return (
          <g key={e}>
            <rect x={x} y={y(d / total)} width={bw - 4} height={base - y(d / total)} fill="none" stroke={color} strokeWidth={1.2} />
            <rect x={x} y={y(kept)} width={bw - 4} height={base - y(kept)} fill={color} opacity={0.85} />
            <text x={x + (bw - 4) / 2} y={base + 12} textAnchor="middle">{e + 1}</text>
          </g>
        );
      })}
      <line x1={28} x2={W - 8} y1={y(even)} y2={y(even)} stroke="#555" strokeDasharray="4 3" />
      <text x={W - 8} y={y(even) - 3} textAnchor="end">even share</text>
      {capacityShare !== undefined && Number.isFinite(capacityShare) && (
        <>
          <line x1={28} x2={W - 8} y1={y(capacityShare)} y2={y(capacityShare)} stroke="#D55E00" />
          <text x={30} y={y(capacityShare) - 3}>capacity</text>
        </>
      )}
      <line x1={28} x2={28} y1={top} y2={base} stroke="#888" />
      <text x={24} y={top + 4} textAnchor="end">{Math.round(max * 100)}%</text>
      <text x={24} y={base} textAnchor="end">0</text>
    </svg>
  );
}
