import { seriesColor } from '../../viz/palette';

/** A k x k confusion matrix (rows: true class, columns: predicted), counts shaded by their share of the row. */
export function ConfusionMatrix({ counts, classes }: { counts: number[]; classes: number }) {
  if (counts.length !== classes * classes || classes === 0) return null;
  const rows = Array.from({ length: classes }, (_, r) => counts.slice(r * classes, r * classes + classes));
  return (
    <table className="confusion-table" aria-label="confusion matrix on the test set">
      <thead>
        <tr>
          <th scope="col">true ↓ / predicted →</th>
          {rows.map((_, c) => (
            <th key={c} scope="col"><i className="swatch" aria-hidden="true" style={{ background: seriesColor(c) }} />class {c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => {
          const total = row.reduce((a, b) => a + b, 0) || 1;
          return (
            <tr key={r}>
              <th scope="row"><i className="swatch" aria-hidden="true" style={{ background: seriesColor(r) }} />class {r}</th>
              {row.map((v, c) => (
                <td key={c} style={{ background: `rgba(${r === c ? '0,158,115' : '213,94,0'},${(0.6 * v) / total})` }}>{v}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
