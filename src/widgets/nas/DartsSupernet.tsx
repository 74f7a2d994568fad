import { useEffect } from 'react';
import { DARTS_OP_LABELS, DARTS_OPS, EDGES, type CellEdge } from '../../engine/nas/dartsSpace';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { mnistUrl } from '../cnn/useDataUrl';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { DARTS_PARAMS, type DartsPreset } from './nasParams';
import './nas.css';

const PHASES = { search: 'searching: a weight step, then an α step', deriving: 'reading α and deriving the cell', retrain: 'retraining the derived and a random cell from scratch', scoring: 'scoring', done: 'done' } as const;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

const OP_COLORS: Record<string, string> = { relu: '#0072B2', tanh: '#E69F00', sigmoid: '#009E73', skip: '#777777' };

/** The cell as a small graph: nodes h0 to h3, one arc per kept edge, coloured by its operation, listed below. */
function CellDiagram({ cell, label }: { cell: CellEdge[]; label: string }) {
  const nx = (i: number) => 30 + i * 80;
  const text = cell.map((c) => `h${c.from}→h${c.to} ${c.op}`).join(', ');
  return (
    <figure className="cell-fig">
      <svg className="cell-svg" viewBox="0 0 300 80" width={300} height={80} role="img" aria-label={`${label}: ${text}`}>
        {cell.map((c, k) => {
          const x1 = nx(c.from), x2 = nx(c.to);
          const lift = 12 + (c.to - c.from) * 16;
          return <path key={k} d={`M${x1},62 Q${(x1 + x2) / 2},${62 - 2 * lift} ${x2},62`} fill="none" stroke={OP_COLORS[c.op]} strokeWidth={2.2} strokeDasharray={c.op === 'skip' ? '4 3' : undefined} />;
        })}
        {[0, 1, 2, 3].map((i) => <g key={i}><circle cx={nx(i)} cy={62} r={11} fill="#fff" stroke="#333" /><text x={nx(i)} y={66} textAnchor="middle">h{i}</text></g>)}
      </svg>
      <figcaption className="legend"><b>{label}</b> {text}</figcaption>
    </figure>
  );
}

/**
 * DARTS on the chapter's digits: a supernet whose six edges each mix five operations by softmax(α),
 * trained by alternating weight steps (training digits) and α steps (validation digits); softmax(α) per
 * edge drawn as it moves; then the argmax cell and a random cell, each retrained from scratch.
 */
export function DartsSupernet({ id = 'darts', title = 'DARTS: architecture weights α learn by gradient descent', ...preset }: { id?: string; title?: string } & DartsPreset) {
  const params = useWidgetParams(id, DARTS_PARAMS, preset);
  const v = params.values;
  const config = { dataUrl: mnistUrl(), searchSteps: v.search, retrainSteps: v.retrain, width: 32, batchSize: 32, weightLr: v.wlr, alphaLr: v.alr };
  const trainer = useTrainer('nas-darts', config, v.seed, JSON.stringify([v.search, v.retrain, v.wlr, v.alr, v.seed]));
  const view = trainer.view && 'alpha' in trainer.view ? trainer.view : null;
  const { pause } = trainer;
  const done = view?.done ?? false;
  useEffect(() => {
    if (done && trainer.state === 'running') pause();
  }, [done, trainer.state, pause]);
  const alpha = view?.alpha ?? EDGES.map(() => DARTS_OPS.map(() => 1 / DARTS_OPS.length));
  const curve = view?.curve ?? { step: [], train: [], val: [] };
  const s = view?.scores;
  const argmaxOf = (row: number[]) => row.indexOf(Math.max(...row));
  const leading = alpha.map((row) => DARTS_OPS[argmaxOf(row)]);

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={s ? `Supernet ${pct(s.supernetVal)} on validation digits; the derived cell retrained from scratch ${pct(s.derivedVal)} (test ${pct(s.derivedTest)}), a random cell ${pct(s.randomVal)} (test ${pct(s.randomTest)}).` : `Leading operation per edge: ${EDGES.map(([i, j], e) => `h${i}→h${j} ${leading[e]}`).join(', ')}.`}>
      <p className="legend" data-phase={view?.phase ?? 'loading'}>Phase: {view ? PHASES[view.phase] : 'loading the digits'}{view && view.phase === 'search' ? ` (step ${view.steps} of ${view.searchSteps})` : ''}.</p>
      <div className="widget-grid nas-panel">
        <div>
          <h4>softmax(α) per edge</h4>
          <table className="alpha-grid" data-alpha={JSON.stringify(alpha.map((r) => r.map((p) => Number(p.toFixed(4)))))}>
            <thead><tr><th>edge</th>{DARTS_OPS.map((o) => <th key={o} title={DARTS_OP_LABELS[o]}>{o}</th>)}</tr></thead>
            <tbody>
              {EDGES.map(([i, j], e) => (
                <tr key={e}>
                  <th scope="row">h{i}→h{j}</th>
                  {alpha[e].map((p, k) => (
                    <td key={k} className={k === argmaxOf(alpha[e]) ? 'argmax' : undefined}><span className="alpha-bar" style={{ width: `${Math.max(1, p * 3.2)}rem` }} />{(p * 100).toFixed(0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="legend">Percent; orange: the edge’s leading operation. ō(h) = Σ softmax(α)ₒ · o(h).</p>
        </div>
        <div className="chart">
          <LineChart series={[
            { label: 'training loss (w steps)', xs: curve.step, ys: curve.train, color: seriesColor(0) },
            { label: 'validation loss (α steps)', xs: curve.step, ys: curve.val, color: seriesColor(1) },
          ]} xLabel="search step" yLabel="cross-entropy" />
        </div>
      </div>
      <p className="legend">{Object.entries(OP_COLORS).map(([op, c]) => <span key={op}><i style={{ background: c }} /> {op}</span>)}</p>
      <div className="widget-grid nas-panel">
        {view?.derived ? <CellDiagram cell={view.derived} label="derived cell (argmax, top-2 inputs per node)" /> : <p className="legend">The derived cell appears when the search ends.</p>}
        {view && <CellDiagram cell={view.random} label="random cell (same shape)" />}
      </div>
      {s && (
        <table className="cand-table" data-scores={JSON.stringify(s)}>
          <thead><tr><th>network</th><th>validation</th><th>test</th></tr></thead>
          <tbody>
            <tr><td>supernet, end of search (all operations mixed)</td><td>{pct(s.supernetVal)}</td><td>–</td></tr>
            <tr><td>derived cell, retrained from scratch</td><td>{pct(s.derivedVal)}</td><td>{pct(s.derivedTest)}</td></tr>
            <tr><td>random cell, retrained from scratch</td><td>{pct(s.randomVal)}</td><td>{pct(s.randomTest)}</td></tr>
          </tbody>
        </table>
      )}
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
