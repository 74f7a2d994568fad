/** A 10x10 confusion matrix: rows are true classes, columns predictions; cells shaded by their share of the row. */
export function ConfusionGrid({ counts, size = 10, onPick }: { counts: number[]; size?: number; onPick?: (row: number, col: number) => void }) {
  const cell = 22;
  const pad = 18;
  const rowSums = Array.from({ length: size }, (_, r) => counts.slice(r * size, r * size + size).reduce((a, b) => a + b, 0));
  return (
    <svg viewBox={`0 0 ${pad + size * cell + 2} ${pad + size * cell + 2}`} className="confusion-grid" role="img" aria-label="Confusion matrix: rows are true digits, columns predicted digits">
      {Array.from({ length: size }, (_, i) => (
        <g key={i}>
          <text x={pad + i * cell + cell / 2} y={12} textAnchor="middle" className="tick">{i}</text>
          <text x={8} y={pad + i * cell + cell / 2 + 4} textAnchor="middle" className="tick">{i}</text>
        </g>
      ))}
      {counts.map((n, k) => {
        const r = Math.floor(k / size);
        const c = k % size;
        const share = rowSums[r] ? n / rowSums[r] : 0;
        const diag = r === c;
        const fill = diag ? `rgba(0,158,115,${0.15 + 0.85 * share})` : n ? `rgba(213,94,0,${Math.min(1, 0.15 + 3 * share)})` : 'transparent';
        return (
          <g key={k} onClick={() => onPick?.(r, c)} style={{ cursor: onPick ? 'pointer' : undefined }}>
            <rect x={pad + c * cell} y={pad + r * cell} width={cell - 1} height={cell - 1} fill={fill} stroke="var(--line)" strokeWidth={0.5} />
            {n > 0 && <text x={pad + c * cell + cell / 2} y={pad + r * cell + cell / 2 + 3.5} textAnchor="middle" className="cell">{n}</text>}
            <title>{`true ${r}, predicted ${c}: ${n}`}</title>
          </g>
        );
      })}
    </svg>
  );
}
