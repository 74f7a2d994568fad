import { seriesColor } from './palette';

/** Ten class probabilities as horizontal bars, the top class highlighted. */
export function ProbBars({ probs, label }: { probs: number[]; label?: number }) {
  const best = probs.reduce((bi, p, i) => (p > probs[bi] ? i : bi), 0);
  return (
    <div className="prob-bars" role="list" aria-label="class probabilities">
      {probs.map((p, i) => (
        <div key={i} role="listitem" className="prob-row" data-digit={i}>
          <span className="prob-digit">{i}{label === i ? '✓' : ''}</span>
          <span className="prob-bar"><i style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%`, background: i === best ? seriesColor(5) : seriesColor(4) }} /></span>
          <span className="prob-value">{Number.isFinite(p) ? `${(p * 100).toFixed(1)}%` : '–'}</span>
        </div>
      ))}
    </div>
  );
}
