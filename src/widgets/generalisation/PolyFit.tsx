import { useMemo } from 'react';
import { errorByDegree, polyData, polyLeastSquares, polyMse, polyPredict, truth } from '../../engine/math/polynomial';
import type { PolynomialConfig } from '../../engine/models/polynomial';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { CurveLegend, CurvePlot } from './CurvePlot';

export const POLY_PARAMS = {
  degree: { kind: 'number', label: 'Degree d', default: 3, min: 0, max: 15, integer: true, help: 'Highest power of x the model can use: d + 1 coefficients.' },
  n: { kind: 'number', label: 'Training points', default: 20, min: 3, max: 100, integer: true },
  noise: { kind: 'number', label: 'Noise σ', default: 0.3, min: 0, max: 1, step: 0.05 },
  l2: { kind: 'number', label: 'Weight decay λ', default: 0, min: 0, max: 0.1, step: 0.0005, help: 'Adds λ Σ c_k² to the loss (the constant term is not penalised).' },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.05, min: 0.0001, max: 1, log: true },
  optimizer: { kind: 'choice', label: 'Optimiser', default: 'adam', options: ['adam', 'sgd'], optionLabels: { adam: 'Adam', sgd: 'gradient descent' } },
} as const satisfies Schema;

/** Validation points: a separate draw from the same distribution, never trained on. */
export const VAL_POINTS = 60;
const VAL_SEED_OFFSET = 7919;

type Preset = Partial<Record<keyof typeof POLY_PARAMS | 'seed', string | number>>;

/**
 * Polynomial regression with a degree slider: the live fit trained by gradient
 * descent, the closed-form least-squares fit of the same degree, train and
 * validation loss over steps, and the closed-form U-curve over all degrees.
 */
export function PolyFit({ id = 'poly', title = 'Fit a polynomial: training vs validation error', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, POLY_PARAMS, preset);
  const v = params.values;
  const train = useMemo(() => polyData(v.n, v.noise, v.seed), [v.n, v.noise, v.seed]);
  const val = useMemo(() => polyData(VAL_POINTS, v.noise, v.seed + VAL_SEED_OFFSET), [v.noise, v.seed]);
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ xs: train.xs, ys: train.ys, valXs: val.xs, valYs: val.ys }), [train, val]);
  const config: PolynomialConfig = { degree: v.degree, l2: v.l2, learningRate: v.lr, optimizer: v.optimizer };
  const trainer = useTrainer('polynomial', config, v.seed, `${v.seed}|${v.degree}`, { speed: 100, data: { points } });

  const { coef, trainLoss, valLoss } = trainer.view ?? {};
  const live = coef && coef.length === v.degree + 1 ? coef : null;
  const curve = (name: string) => ({ xs: trainer.series.get(name).xs, ys: trainer.series.get(name).ys });

  const closed = useMemo(() => polyLeastSquares(train.xs, train.ys, v.degree, v.l2), [train, v.degree, v.l2]);
  const closedTrain = polyMse(closed, train.xs, train.ys);
  const closedVal = polyMse(closed, val.xs, val.ys);
  const ucurve = useMemo(() => errorByDegree(train, val, 15, v.l2), [train, val, v.l2]);
  const uMin = Math.max(1e-4, Math.min(...ucurve.train));
  const uMax = Math.min(1e3, Math.max(...ucurve.val));
  const clip = (ys: number[]) => ys.map((y) => Math.min(1e3, Math.max(1e-4, y)));

  const colors = { train: seriesColor(0), val: seriesColor(1), live: seriesColor(5), closed: seriesColor(2), truth: '#888' };
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`Degree ${v.degree}: trained fit MSE ${formatLoss(trainLoss)} on training points, ${formatLoss(valLoss)} on validation points; least squares ${formatLoss(closedTrain)} and ${formatLoss(closedVal)}.`}>
      <div className="widget-grid">
        <div>
          <CurvePlot
            points={[{ label: 'validation points', ...val, color: colors.val, hollow: true }, { label: 'training points', ...train, color: colors.train }]}
            curves={[
              { label: 'true function', f: truth, color: colors.truth, width: 1.2, dashed: true },
              { label: 'least squares', f: (x) => polyPredict(closed, x), color: colors.closed, dashed: true },
              ...(live ? [{ label: 'trained', f: (x: number) => polyPredict(live, x), color: colors.live, width: 2.4 }] : []),
            ]} />
          <CurveLegend items={[
            { label: 'training', color: colors.train }, { label: 'validation', color: colors.val, hollow: true },
            { label: 'trained fit', color: colors.live }, { label: 'least squares', color: colors.closed, dashed: true }, { label: 'true f', color: colors.truth, dashed: true },
          ]} />
        </div>
        <div>
          <LineChart yLabel="MSE" logY
            series={[{ label: 'training MSE', ...curve('train loss'), color: colors.train }, { label: 'validation MSE', ...curve('validation loss'), color: colors.val }]} />
          <table className="values" aria-label="errors of the trained and closed-form fits">
            <thead><tr><th>degree {v.degree}</th><th>training MSE</th><th>validation MSE</th></tr></thead>
            <tbody>
              <tr><td>trained (step {trainer.steps})</td><td>{formatLoss(trainLoss)}</td><td>{formatLoss(valLoss)}</td></tr>
              <tr><td>least squares</td><td>{formatLoss(closedTrain)}</td><td>{formatLoss(closedVal)}</td></tr>
            </tbody>
          </table>
        </div>
        <div style={{ maxWidth: '30rem' }}>
          <LineChart xLabel="degree" yLabel="MSE (least squares)" logY
            series={[
              { label: 'training MSE ', xs: ucurve.degree, ys: clip(ucurve.train), color: colors.train },
              { label: 'validation MSE ', xs: ucurve.degree, ys: clip(ucurve.val), color: colors.val },
              { label: `selected degree ${v.degree}`, xs: [v.degree, v.degree], ys: [uMin, uMax], color: colors.live },
            ]} />
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
