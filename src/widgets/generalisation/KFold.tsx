import { useMemo } from 'react';
import { bestDegree, cvByDegree, kfoldSplits, meanStd } from '../../engine/math/kfold';
import { polyData, polyPredict, truth } from '../../engine/math/polynomial';
import type { KFoldConfig } from '../../engine/models/polynomial';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss, formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { CurveLegend, CurvePlot } from './CurvePlot';

export const KFOLD_PARAMS = {
  k: { kind: 'number', label: 'Folds K', default: 5, min: 3, max: 10, integer: true },
  degree: { kind: 'number', label: 'Degree d', default: 3, min: 0, max: 12, integer: true },
  n: { kind: 'number', label: 'Points', default: 30, min: 10, max: 80, integer: true },
  noise: { kind: 'number', label: 'Noise σ', default: 0.3, min: 0, max: 1, step: 0.05 },
  steps: { kind: 'number', label: 'Steps per fold', default: 150, min: 20, max: 1000, integer: true },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.1, min: 0.001, max: 1, log: true },
} as const satisfies Schema;

const MAX_CV_DEGREE = 12;

type Preset = Partial<Record<keyof typeof KFOLD_PARAMS | 'seed', string | number>>;

/**
 * K-fold cross-validation, fold after fold: each fold's polynomial trains on the
 * other K − 1 folds and is scored on its own; then the mean and spread, beside
 * the closed-form CV error of every degree.
 */
export function KFold({ id = 'kfold', title = 'K-fold cross-validation, fold by fold', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, KFOLD_PARAMS, preset);
  const v = params.values;
  const data = useMemo(() => polyData(v.n, v.noise, v.seed), [v.n, v.noise, v.seed]);
  const folds = useMemo(() => kfoldSplits(v.n, v.k, v.seed), [v.n, v.k, v.seed]);
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ xs: data.xs, ys: data.ys }), [data]);
  const config: KFoldConfig = { k: v.k, degree: v.degree, l2: 0, learningRate: v.lr, optimizer: 'adam', stepsPerFold: v.steps, foldSeed: v.seed };
  const trainer = useTrainer('polynomial-kfold', config, v.seed, `${v.seed}|${v.k}|${v.degree}|${v.n}|${v.noise}`, { speed: 100, data: { points } });

  const view = trainer.view;
  // An empty view (no points yet, or points refused) reads as not fresh.
  const fresh = view && view.coef?.length === v.k;
  const coefs = fresh ? view.coef : [];
  const valLoss = fresh ? view.valLoss : [];
  const current = fresh ? view.currentFold : 0;
  const done = fresh ? view.done : false;
  const finished = valLoss.filter((_, i) => i < current);
  const stats = meanStd(finished);

  const cv = useMemo(() => cvByDegree(data, folds, MAX_CV_DEGREE), [data, folds]);
  const best = bestDegree(cv);
  const picked = cv[v.degree];
  const clip = (y: number) => Math.min(1e3, Math.max(1e-3, y));
  const held = seriesColor(5);

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={done
        ? `All ${v.k} folds trained. Validation MSE per fold: ${finished.map((s) => formatLoss(s)).join(', ')}; mean ${formatLoss(stats.mean)} ± ${formatLoss(stats.std)}.`
        : `Training fold ${current + 1} of ${v.k}; ${finished.length} fold${finished.length === 1 ? '' : 's'} scored so far.`}>
      <CurveLegend items={[{ label: 'trained on', color: seriesColor(0) }, { label: 'held out (validation)', color: held, hollow: true }, { label: 'fold model', color: seriesColor(2) }, { label: 'true f', color: '#888', dashed: true }]} />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: '0.4rem' }}>
        {folds.map((f, i) => {
          const heldSet = new Set(f);
          const inX = data.xs.filter((_, j) => !heldSet.has(j));
          const inY = data.ys.filter((_, j) => !heldSet.has(j));
          const started = i < current || (i === current && !done && trainer.steps > 0);
          const c = coefs[i];
          return (
            <div key={i}>
              <CurvePlot width={200} height={150} highlight={i === current && !done && trainer.state === 'running'}
                title={`fold ${i + 1}: ${i < current ? `val ${formatLoss(valLoss[i])}` : i === current && !done ? 'training…' : 'waiting'}`}
                points={[{ label: 'training', xs: inX, ys: inY, color: seriesColor(0) }, { label: 'held out', xs: f.map((j) => data.xs[j]), ys: f.map((j) => data.ys[j]), color: held, hollow: true }]}
                curves={[{ label: 'true', f: truth, color: '#888', dashed: true, width: 1 }, ...(started && c ? [{ label: 'fit', f: (x: number) => polyPredict(c, x), color: seriesColor(2) }] : [])]} />
            </div>
          );
        })}
      </div>
      <div className="widget-grid">
        <div>
          <p style={{ margin: '0.4rem 0' }}>
            {finished.length === 0 ? 'No fold scored yet: press play.' : (
              <>Validation MSE of degree {v.degree}, {finished.length} of {v.k} folds: mean <b>{formatLoss(stats.mean)}</b>, standard deviation {formatLoss(stats.std)}{done ? '' : ' (so far)'}.</>
            )}
          </p>
          <LineChart xLabel="fold" yLabel="validation MSE" series={[
            { label: 'each fold (trained)', xs: finished.map((_, i) => i + 1), ys: finished, color: held },
            ...(finished.length ? [{ label: 'mean', xs: [1, v.k], ys: [stats.mean, stats.mean], color: seriesColor(7) }] : []),
          ]} />
        </div>
        <div>
          <LineChart xLabel="degree" yLabel="CV MSE (least squares)" logY series={[
            { label: `mean over ${v.k} folds`, xs: cv.map((c) => c.degree), ys: cv.map((c) => clip(c.mean)), color: held },
            { label: 'mean + 1 sd', xs: cv.map((c) => c.degree), ys: cv.map((c) => clip(c.mean + c.std)), color: seriesColor(4) },
            { label: `degree ${v.degree}`, xs: [v.degree, v.degree], ys: [clip(Math.min(...cv.map((c) => c.mean))), clip(Math.max(...cv.map((c) => c.mean)))], color: seriesColor(2) },
          ]} />
          <p style={{ margin: 0 }}>
            Closed form: degree {v.degree} scores {formatLoss(picked?.mean)} ± {formatLoss(picked?.std)}; the lowest mean CV error is at degree <b>{best}</b> ({formatNumber(cv[best].mean)}).
          </p>
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
