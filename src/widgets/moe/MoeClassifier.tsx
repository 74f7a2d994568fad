import { useMemo } from 'react';
import { clusteredSet } from '../../engine/data/clusters2d';
import type { MoeClassifierConfig } from '../../engine/models/moeClassifier';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { ExpertMap } from './ExpertMap';
import { LoadBars } from './LoadBars';
import { MOE_CLASSIFIER_PARAMS, type MoeClassifierPreset } from './moeParams';
import './moe.css';

const POINTS = 360;
const GRID = 40;

/**
 * Chapter 13's first figure: a classifier built around one MoE layer trains on six clusters; the plane is
 * coloured by the expert that serves each part of it, the bars count tokens per expert, and two entropies
 * tell a decisive router (per-token entropy falls) from a collapsed one (the load's entropy falls too).
 */
export function MoeClassifier({ id = 'moe', title = 'A mixture of experts learns to share the plane', ...preset }: { id?: string; title?: string } & MoeClassifierPreset) {
  const params = useWidgetParams(id, MOE_CLASSIFIER_PARAMS, preset);
  const v = params.values;
  const k = Math.min(v.k, v.experts);
  const clamped = v.k > v.experts;
  const config: MoeClassifierConfig = {
    experts: v.experts, topK: k, noisy: v.noise, hidden: 8, dModel: 8, balanceWeight: v.balance ? v.alpha : 0,
    capacityFactor: v.capacity ? v.factor : Infinity, learningRate: v.lr, batch: 64, points: POINTS, gridSize: GRID,
  };
  const trainer = useTrainer('moe-classifier', config, v.seed, `${v.seed}|${v.experts}|${k}|${v.noise}`);
  const view = trainer.view;
  const train = useMemo(() => clusteredSet(POINTS, v.seed), [v.seed]);
  const E = v.experts;
  const demand = view?.demand ?? new Array(E).fill(0);
  const load = view?.load ?? new Array(E).fill(0);
  const total = demand.reduce((a, b) => a + b, 0);
  const busiest = total ? Math.max(...load) / total : 0;
  const used = load.filter((c) => total && c / total >= 0.02).length;
  const s = trainer.series;
  const entropySeries = [
    { label: 'router entropy (per point)', xs: s.get('router entropy').xs, ys: s.get('router entropy').ys, color: seriesColor(0) },
    { label: 'load entropy', xs: s.get('load entropy').xs, ys: s.get('load entropy').ys, color: seriesColor(1) },
    { label: `ln E = ${formatNumber(Math.log(E), 3)}`, xs: s.get('load entropy').xs.length ? [s.get('load entropy').xs[0], s.get('load entropy').xs[s.get('load entropy').xs.length - 1]] : [], ys: [Math.log(E), Math.log(E)], color: '#888888' },
  ];
  const summary = view
    ? `Held-out accuracy ${formatNumber(view.testAccuracy * 100, 3)}%; ${used} of ${E} experts take at least 2% of the points, the busiest ${formatNumber(busiest * 100, 3)}%; ${formatNumber(view.droppedShare * 100, 2)}% of training points overflowed.`
    : 'Building the mixture…';
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide" summary={summary}>
      {clamped && <p className="widget-note" role="status">k = {v.k} is more than the {E} experts: using k = {E}.</p>}
      <div className="widget-grid moe-panel" data-experts-used={view ? used : ''} data-busiest={view ? busiest : ''}>
        <div>
          <h4>Which expert serves each point (router’s first choice)</h4>
          <ExpertMap cells={view?.gridExpert ?? null} size={GRID} points={train} label={`The plane coloured by the expert that serves it; ${POINTS} training points, class 0 filled, class 1 hollow`} />
          <p className="legend">{Array.from({ length: E }, (_, e) => <span key={e}><i className="swatch" style={{ background: seriesColor(e), height: '0.6rem' }} />expert {e + 1}</span>)}</p>
        </div>
        <div>
          <h4>Tokens per expert (recent training batches)</h4>
          <LoadBars demand={demand} load={load} capacityShare={v.capacity ? v.factor / E : undefined} label="Share of routed points per expert" />
          <p className="moe-note">Outline: sent; filled: processed. {view ? `Held-out accuracy ${formatNumber(view.testAccuracy * 100, 3)}%; balancing loss E Σ fᵢPᵢ = ${formatNumber(view.balance, 3)} (1 is perfectly even).` : ''}</p>
          <LineChart series={entropySeries} yLabel="entropy (nats)" />
        </div>
      </div>
      <LineChart series={[{ label: 'train loss', xs: s.get('train loss').xs, ys: s.get('train loss').ys, color: seriesColor(0) }]} yLabel="cross-entropy" />
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
