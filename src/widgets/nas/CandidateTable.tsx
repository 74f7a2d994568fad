import { memo } from 'react';
import type { CandidateRecord } from '../../engine/nas/search';
import { SEARCHER_LABELS, SEARCHERS } from '../../engine/nas/searchers';
import { seriesColor } from '../../viz/palette';

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/** Every candidate tried: searcher, architecture, parameters, accuracies, training time and latency; the best per searcher marked. */
export const CandidateTable = memo(function CandidateTable({ records }: { records: CandidateRecord[] }) {
  const bestOf = new Map<string, CandidateRecord>();
  for (const r of records) {
    const b = bestOf.get(r.searcher);
    if (r.status === 'ok' && (!b || r.valAcc > b.valAcc)) bestOf.set(r.searcher, r);
  }
  return (
    <div className="cand-scroll" tabIndex={0} role="region" aria-label="Every candidate trained">
      <table className="cand-table">
        <thead>
          <tr><th>searcher</th><th>#</th><th>architecture</th><th>params</th><th>val acc</th><th>test acc</th><th>train ms</th><th>latency ms</th></tr>
        </thead>
        <tbody>
          {[...records].reverse().map((r) => {
            const best = bestOf.get(r.searcher) === r;
            return (
              <tr key={`${r.searcher}-${r.index}`} data-status={r.status} className={best ? 'best' : undefined}>
                <td><span className="swatch" style={{ background: seriesColor(SEARCHERS.indexOf(r.searcher)) }} /> {SEARCHER_LABELS[r.searcher]}</td>
                <td>{r.index}</td>
                <td className="arch">{r.label}{best && <b> ★ best</b>}{r.reason && <div className="cand-reason" role="note">{r.reason}</div>}</td>
                <td>{r.params.toLocaleString('en-GB')}</td>
                <td>{r.status === 'scoring' ? 'training…' : r.status === 'diverged' ? 'diverged' : pct(r.valAcc)}</td>
                <td>{pct(r.testAcc)}</td>
                <td>{r.status === 'scoring' ? '–' : r.trainMs.toFixed(0)}</td>
                <td>{r.latencyMs === null ? '–' : r.latencyMs.toFixed(2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
