import { DENSE_VS_MOE_NAMES, type DenseVsMoeConfig, type DenseVsMoeName } from '../../engine/models/denseVsMoeConfig';
import type { Schema } from '../kit/params';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import './moe.css';

const PARAMS = {
  experts: { kind: 'number', label: 'Experts E', default: 8, min: 1, max: 16, integer: true, help: 'Rebuilds the networks.' },
  k: { kind: 'number', label: 'Experts per point k', default: 2, min: 1, max: 16, integer: true, help: 'Clamped to E. Rebuilds the networks.' },
  width: { kind: 'choice', label: 'Width d_model = d_ff', default: '128', options: ['16', '64', '128'], help: 'The model width and each expert\'s hidden width; the dense twins get k·d_ff and E·d_ff hidden units. Rebuilds the networks.' },
  batch: { kind: 'number', label: 'Batch size', default: 512, min: 16, max: 2048, integer: true, log: true },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.01, min: 0.0005, max: 0.1, log: true },
} as const satisfies Schema;

const LABELS: Record<DenseVsMoeName, string> = { moe: 'MoE', 'dense-active': 'dense, equal active', 'dense-total': 'dense, equal total' };
/** What each network is, for the table. */
const SHAPES = (e: number, k: number, h: number): Record<DenseVsMoeName, string> => ({ moe: `${e} experts × ${h} units, top-${k}`, 'dense-active': `${k * h} hidden units`, 'dense-total': `${e * h} hidden units` });

/** The MoE against dense FFNs of its active and of its total size: accuracy and measured time per step, side by side. */
export function DenseVsMoe({ id = 'dense-moe', title = 'Dense against sparse: accuracy and time per step', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', string | number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const k = Math.min(v.k, v.experts);
  const width = Number(v.width);
  const config: DenseVsMoeConfig = { experts: v.experts, topK: k, hidden: width, dModel: width, batch: v.batch, points: 600, learningRate: v.lr };
  const trainer = useTrainer('dense-vs-moe', config, v.seed, `${v.seed}|${v.experts}|${k}|${v.width}`);
  const runs = trainer.view?.runs;
  const s = trainer.series;
  const ratio = runs && runs['dense-total'].msPerStep > 0 ? runs.moe.msPerStep / runs['dense-total'].msPerStep : null;
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={runs ? `Held-out accuracy: ${DENSE_VS_MOE_NAMES.map((n) => `${LABELS[n]} ${formatNumber(runs[n].accuracy * 100, 3)}%`).join('; ')}. Time per step: ${DENSE_VS_MOE_NAMES.map((n) => `${formatNumber(runs[n].msPerStep, 3)} ms`).join(', ')}.` : 'Building three networks…'}>
      {v.k > v.experts && <p className="widget-note" role="status">k = {v.k} is more than the {v.experts} experts: using k = {v.experts}.</p>}
      <div className="widget-grid moe-panel">
        <LineChart series={DENSE_VS_MOE_NAMES.map((n, i) => ({ label: LABELS[n], xs: s.get(`${n} accuracy`).xs, ys: s.get(`${n} accuracy`).ys, color: seriesColor(i) }))} yLabel="held-out accuracy" />
        <LineChart series={DENSE_VS_MOE_NAMES.map((n, i) => ({ label: LABELS[n], xs: s.get(`${n} ms`).xs, ys: s.get(`${n} ms`).ys, color: seriesColor(i) }))} yLabel="ms per step (mean so far)" />
      </div>
      <table className="moe-table">
        <thead><tr><th>network</th><th>shape</th><th className="num">FFN parameters</th><th className="num">used per point</th><th className="num">accuracy</th><th className="num">ms per step</th></tr></thead>
        <tbody>
          {DENSE_VS_MOE_NAMES.map((n, i) => (
            <tr key={n} data-run={n} data-ms={runs?.[n].msPerStep ?? ''}>
              <td><span className="swatch" style={{ background: seriesColor(i), height: '0.6rem' }} /> {LABELS[n]}</td>
              <td>{SHAPES(v.experts, k, width)[n]}</td>
              <td className="num">{runs ? runs[n].total.toLocaleString('en-GB') : '–'}</td>
              <td className="num">{runs ? runs[n].active.toLocaleString('en-GB') : '–'}</td>
              <td className="num">{runs ? `${formatNumber(runs[n].accuracy * 100, 3)}%` : '–'}</td>
              <td className="num">{runs && runs[n].msPerStep ? formatNumber(runs[n].msPerStep, 3) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="moe-note">{ratio !== null ? `On this device a step of the MoE costs ${formatNumber(ratio, 2)}× a step of the dense network with the same total parameters.` : 'Times appear after the first steps.'} The MoE’s count includes its router; embedding and head (the same in all three) are left out. Times are means over the run, measured in the training worker.</p>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
