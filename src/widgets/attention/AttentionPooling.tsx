import { useMemo } from 'react';
import { BIRTHS_PATH } from '../../engine/data/births';
import { attentionPool, gaussianAttention, leaveOneOutLoss } from '../../engine/math/kernelRegression';
import type { AttentionPoolingConfig } from '../../engine/models/attentionPooling';
import { functionData } from '../../engine/models/attentionPoolingData';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { HeatCanvas } from './HeatCanvas';
import { weightGrid } from './heatmapGrid';
import { PoolingPlot } from './PoolingPlot';
import './attention.css';

const PARAMS = {
  source: { kind: 'choice', label: 'Data', default: 'function', options: ['function', 'births'], optionLabels: { function: '50 noisy points of 2 sin x + x^0.8', births: 'US births a day, 1988 (366 days)' } },
  sigma: { kind: 'number', label: 'Bandwidth σ of the fixed kernel', default: 0.5, min: 0.02, max: 100, log: true, help: 'Nadaraya-Watson with a Gaussian kernel of width σ (in units of x: days for the births).' },
  lr: { kind: 'number', label: 'Learning rate η (learned kernel)', default: 0.5, min: 0.01, max: 50, log: true },
  w0: { kind: 'number', label: 'Learned kernel: w at the start', default: 1, min: 0.02, max: 20, log: true, help: 'The learned kernel is the same Gaussian with bandwidth 1/|w|; gradient descent moves w.' },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const fmt = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '–');

/**
 * Attention pooling on 1-D data: Nadaraya-Watson with a fixed Gaussian bandwidth (computed here, instantly) against
 * the same kernel with a learned weight w (trained in the worker by gradient descent on the leave-one-out loss).
 * Both fits over the data, and both matrices of attention weights, queries down, keys across.
 */
export function AttentionPooling({ id = 'pooling', title = 'Attention pooling: a fixed kernel against a learned one', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const dataUrl = useMemo(() => new URL(BIRTHS_PATH, document.baseURI).href, []);
  const config: AttentionPoolingConfig = { source: v.source, dataUrl, learningRate: v.lr, initialW: v.w0 };
  const trainer = useTrainer('attention-pooling', config, v.seed, JSON.stringify([v.source, v.w0, v.seed]));
  const view = trainer.view?.data ? trainer.view : null;
  // Until the worker's first view the noisy function is drawn from the same seed here, so the figure has its full
  // height at once; the births need the data file, and a box of the same height waits for them.
  const local = useMemo(() => (v.source === 'function' ? functionData(v.seed) : undefined), [v.source, v.seed]);
  // A view from before a change of data (the old trainer's) is not drawn over the new data.
  const fresh = view && (v.source === 'function') === view.data.truth.length > 0 ? view : null;
  const data = fresh?.data ?? local;
  const w = fresh?.w ?? v.w0;
  // The fixed kernel changes only with σ; the learned one every frame, so its fit comes from the worker and its
  // heatmap is drawn at most 92 × 92 (weightGrid).
  const fixedFit = useMemo(() => (data ? attentionPool(gaussianAttention(data.queries, data.keys, 1 / v.sigma, data.queriesAreKeys), data.values) : null), [data, v.sigma]);
  const fixed = useMemo(() => (data ? weightGrid(data.queries, data.keys, 1 / v.sigma, data.queriesAreKeys) : null), [data, v.sigma]);
  const fixedLoo = useMemo(() => (data ? leaveOneOutLoss(data.keys, data.values, 1 / v.sigma) : NaN), [data, v.sigma]);
  const learnedWeights = useMemo(() => (data ? weightGrid(data.queries, data.keys, w, data.queriesAreKeys) : null), [data, w]);
  const localFit = useMemo(() => (data && !fresh ? attentionPool(gaussianAttention(data.queries, data.keys, w, data.queriesAreKeys), data.values) : null), [data, fresh, w]);
  const learnedFit = fresh?.fit ?? localFit;
  const births = v.source === 'births';
  const unit = births ? ' days' : '';
  const s = trainer.series.get('learned kernel (leave-one-out)');
  const flat = s.xs.length ? { label: `fixed kernel, σ = ${v.sigma}`, xs: [s.xs[0], s.xs[s.xs.length - 1]], ys: [fixedLoo, fixedLoo], color: seriesColor(1) } : null;
  const grid = learnedWeights;
  const rowName = (i: number) => (data && grid ? (births ? `day ${data.queries[grid.rowAt[i]]}` : `x = ${data.queries[grid.rowAt[i]].toFixed(1)}`) : '');
  const colName = (j: number) => {
    if (!data || !grid) return '';
    const a = grid.colAt[j];
    const b = (grid.colAt[j + 1] ?? data.keys.length) - 1;
    return births ? (a === b ? `day ${data.keys[a]}` : `days ${data.keys[a]}-${data.keys[b]}`) : `x = ${data.keys[a].toFixed(2)}`;
  };
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={fresh ? `Learned kernel: w = ${fmt(w)}, bandwidth ${fmt(1 / Math.abs(w))}${unit}, leave-one-out loss ${fmt(fresh.loss)}; fixed kernel σ = ${v.sigma}${unit}: ${fmt(fixedLoo)}.` : `Learned kernel: w = ${fmt(w)} at the start, bandwidth ${fmt(1 / Math.abs(w))}${unit}; fixed kernel σ = ${v.sigma}${unit}.`}>
      {!data && <div className="pool-waiting" role="status">Loading the births series…</div>}
      {data && fixed && fixedFit && learnedFit && learnedWeights && (
        <>
          <p className="pool-readout" data-learned-w={w} data-fixed-loss={fixedLoo}>
            {data.note}. Learned: <b>w = {fmt(w)}</b>, bandwidth 1/|w| = <b>{fmt(1 / Math.abs(w), 2)}{unit}</b>, leave-one-out loss <b>{fmt(fresh?.loss ?? NaN)}</b>.
            {' '}Fixed: σ = {v.sigma}{unit}, leave-one-out loss <b>{fmt(fixedLoo)}</b>.
          </p>
          <div className="widget-grid">
            <PoolingPlot keys={data.keys} values={data.values} queries={data.queries} xLabel={data.xLabel} yLabel={data.yLabel}
              lines={[
                ...(data.truth.length ? [{ label: 'true function', ys: data.truth, color: 'var(--fg)', dash: '4 3' }] : []),
                { label: `fixed kernel, σ = ${v.sigma}${unit}`, ys: fixedFit!, color: seriesColor(1) },
                { label: `learned kernel, σ = ${fmt(1 / Math.abs(w), 2)}${unit}`, ys: learnedFit, color: seriesColor(0) },
              ]} />
            <LineChart yLabel="leave-one-out loss" series={[{ label: 'learned kernel (leave-one-out)', xs: s.xs, ys: s.ys, color: seriesColor(0) }, ...(flat ? [flat] : [])]} />
          </div>
          <div className="heat-pair">
            <HeatCanvas data={fixed.data} rows={fixed.rows} cols={fixed.cols} size={220} range={1}
              label={`attention weights of the fixed kernel (σ = ${v.sigma}), queries down, keys across`} rowName={rowName} colName={colName} />
            <HeatCanvas data={learnedWeights.data} rows={learnedWeights.rows} cols={learnedWeights.cols} size={220} range={1}
              label={`attention weights of the learned kernel (w = ${fmt(w, 2)}), queries down, keys across`} rowName={rowName} colName={colName} />
          </div>
        </>
      )}
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
