import { latencyAwareLoss, medianOf, paretoFront, preferred } from '../../engine/nas/pareto';
import { SEARCHER_LABELS, SEARCHERS } from '../../engine/nas/searchers';
import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';
import { ParamControls } from '../kit/ParamControls';
import { usePeer } from '../kit/peers';
import { useWidgetParams } from '../kit/useWidgetParams';
import type { SearchPeer } from './ArchitectureSearch';
import { LATENCY_PARAMS, type LatencyPreset } from './nasParams';
import './nas.css';

const W = 460;
const H = 260;
const M = { l: 48, r: 12, t: 10, b: 32 };

/**
 * Latency on the reader's device: every candidate the search above trained, its validation accuracy
 * against the median time of its forward pass on this page's backend, the Pareto front, and the
 * architecture an FBNet-style latency-aware loss prefers at the chosen weight β.
 */
export function LatencyFront({ id = 'latency', follows = 'search', title = 'Accuracy against latency on this device', ...preset }: { id?: string; follows?: string; title?: string } & LatencyPreset) {
  const params = useWidgetParams(id, LATENCY_PARAMS, preset);
  const beta = params.values.beta;
  const peer = usePeer<SearchPeer>(follows);
  const timed = (peer?.records ?? []).filter((r) => r.status === 'ok' && r.latencyMs !== null && r.latencyMs > 0);
  const points = timed.map((r) => ({ latencyMs: r.latencyMs!, acc: r.valAcc, loss: r.valLoss }));
  const front = paretoFront(points);
  const pick = preferred(points, beta);
  const pickAcc = preferred(points, 0);
  const ref = points.length ? medianOf(points.map((p) => p.latencyMs)) : 1;
  const backend = peer?.backend ?? null;

  const lats = points.map((p) => p.latencyMs);
  const lo = Math.log10(Math.min(...lats, 1) * 0.8);
  const hi = Math.log10(Math.max(...lats, 1) * 1.25);
  const accs = points.map((p) => p.acc);
  const aLo = Math.max(0, Math.min(...accs, 0.8) - 0.02);
  const aHi = Math.min(1, Math.max(...accs, 0.9) + 0.01);
  const x = (ms: number) => M.l + ((Math.log10(ms) - lo) / (hi - lo || 1)) * (W - M.l - M.r);
  const y = (a: number) => H - M.b - ((a - aLo) / (aHi - aLo || 1)) * (H - M.t - M.b);
  const xTicks = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100].filter((t) => Math.log10(t) >= lo && Math.log10(t) <= hi);
  const yTicks = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1].filter((t) => t >= aLo && t <= aHi);
  const frontPath = front.map((i, k) => `${k ? 'L' : 'M'}${x(points[i].latencyMs).toFixed(1)},${y(points[i].acc).toFixed(1)}`).join('');
  const chosen = pick >= 0 ? timed[pick] : null;
  const accurate = pickAcc >= 0 ? timed[pickAcc] : null;
  const badge = backend ? (peer?.plainJs ? `${backend} (training in plain JS)` : backend) : 'no backend yet';

  return (
    <ComputeFrame id={id} title={title} className="widget-wide"
      summary={chosen ? `Measured on ${badge}: ${points.length} candidates timed, ${front.length} on the Pareto front. At β = ${beta} the latency-aware loss prefers ${chosen.label} (${(chosen.valAcc * 100).toFixed(1)}%, ${chosen.latencyMs!.toFixed(2)} ms); by accuracy alone, ${accurate!.label}.` : 'Run the search above: each candidate it trains is timed here.'}>
      <p className="legend">Backend: <span className="nas-badge" data-latency-backend={backend ?? "none"}>{badge}</span> · forward pass of 64 digits, median of 7 timed runs (10 passes each) after 2 warm-up runs.</p>
      {!points.length && <p className="legend" role="status" data-empty>No candidate is timed yet: press play in the search figure above, and its candidates appear here as they finish.</p>}
      <div className="widget-grid nas-panel">
        <div className="chart">
          <svg className="front-svg" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Validation accuracy against latency for ${points.length} candidates, with the Pareto front`}>
            {xTicks.map((t) => <g key={`x${t}`}><line x1={x(t)} x2={x(t)} y1={M.t} y2={H - M.b} stroke="#eee" /><text x={x(t)} y={H - M.b + 13} textAnchor="middle">{t}</text></g>)}
            {yTicks.map((t) => <g key={`y${t}`}><line x1={M.l} x2={W - M.r} y1={y(t)} y2={y(t)} stroke="#eee" /><text x={M.l - 4} y={y(t) + 3} textAnchor="end">{(t * 100).toFixed(0)}%</text></g>)}
            <text x={(W + M.l) / 2} y={H - 4} textAnchor="middle">latency, ms (log scale)</text>
            <text transform={`translate(11 ${(H - M.b) / 2}) rotate(-90)`} textAnchor="middle">validation accuracy</text>
            {frontPath && <path d={frontPath} fill="none" stroke="#555" strokeDasharray="4 3" data-front={front.length} />}
            {timed.map((r, i) => (
              <circle key={`${r.searcher}-${r.index}`} cx={x(points[i].latencyMs)} cy={y(points[i].acc)} r={front.includes(i) ? 4.5 : 3} fill={seriesColor(SEARCHERS.indexOf(r.searcher))} opacity={0.85}>
                <title>{`${SEARCHER_LABELS[r.searcher]} #${r.index}: ${r.label}, ${(r.valAcc * 100).toFixed(1)}%, ${r.latencyMs!.toFixed(2)} ms`}</title>
              </circle>
            ))}
            {chosen && <circle cx={x(points[pick].latencyMs)} cy={y(points[pick].acc)} r={8} fill="none" stroke="#D55E00" strokeWidth={2} data-preferred />}
          </svg>
          <p className="legend">{SEARCHERS.map((s, i) => <span key={s}><span className="swatch" style={{ background: seriesColor(i) }} /> {SEARCHER_LABELS[s]} </span>)} · dashed: Pareto front · ring: preferred at β.</p>
        </div>
        <div>
          <ParamControls params={params} keys={['beta']} />
          {chosen && (
            <table className="cand-table" data-preferred-label={chosen.label}>
              <thead><tr><th>rule</th><th>architecture</th><th>val acc</th><th>ms</th></tr></thead>
              <tbody>
                <tr><td>accuracy only (β = 0)</td><td className="arch">{accurate!.label}</td><td>{(accurate!.valAcc * 100).toFixed(1)}%</td><td>{accurate!.latencyMs!.toFixed(2)}</td></tr>
                <tr className="best"><td>CE · (LAT/{ref.toFixed(2)} ms)^{beta}</td><td className="arch">{chosen.label}</td><td>{(chosen.valAcc * 100).toFixed(1)}%</td><td>{chosen.latencyMs!.toFixed(2)}</td></tr>
              </tbody>
            </table>
          )}
          {chosen && <p className="legend">Its latency-aware loss: {chosen.valLoss.toFixed(3)} × ({chosen.latencyMs!.toFixed(2)} / {ref.toFixed(2)})^{beta} = {latencyAwareLoss(chosen.valLoss, chosen.latencyMs!, ref, beta).toFixed(3)}.</p>}
        </div>
      </div>
    </ComputeFrame>
  );
}
