import { useMemo } from 'react';
import { dataset2d } from '../../engine/data/classification2d';
import { generativeClassifier, quadraticGenerativeClassifier } from '../../engine/math/generativeClassifier';
import { twoClassBoundary } from '../../engine/math/generative';
import type { LinearClassifierConfig } from '../../engine/models/logistic';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss, formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { BoundaryMap, type BoundaryLine } from './BoundaryMap';
import { DATA_2D_PARAMS, TRAIN_PARAMS } from './classifyParams';

const PARAMS = {
  ...DATA_2D_PARAMS,
  ...TRAIN_PARAMS,
  generative: { kind: 'boolean', label: 'Show the Gaussian classifier', default: true, help: 'The closed-form generative classifier, fitted to the same data.' },
  covariance: {
    kind: 'choice', label: 'Gaussian covariance', default: 'shared', options: ['shared', 'separate'],
    optionLabels: { shared: 'shared Σ (linear boundary)', separate: 'one Σₖ per class (quadratic boundary)' },
    help: 'Shared: every class has the same covariance, and the boundary is a line. Separate: each class has its own, and the boundary is a conic.',
  },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number | boolean>>;

const GRID = 40;
const pct = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '–');

/**
 * Chapter 2's main figure: logistic regression (two classes) or softmax regression
 * (three) trained live on 2-D points, its decision regions as a heatmap, beside the
 * generative classifier (Gaussian classes, shared or per-class covariance) in closed form.
 */
export function ClassifierPlayground({ id = 'logreg', title = 'Train a linear classifier', initScale, ...preset }: { id?: string; title?: string; /** Spread of the random starting weights (default: the model's small one). */ initScale?: number } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const data = useMemo(() => dataset2d(v.data, v.n, v.noise, v.seed), [v.data, v.n, v.noise, v.seed]);
  const features = v.features;
  const config: LinearClassifierConfig = { classes: data.classes, features, learningRate: v.lr, batchSize: v.batch, gridSize: GRID, initScale };
  // The points go on the data path: sent once per new set, not serialised with the settings on every render.
  const points = useMemo(() => ({ x: data.x, y: data.y, label: data.label }), [data]);
  const trainer = useTrainer('linear-classifier', config, v.seed, `${features}/${data.classes}`, { speed: 30, data: { points } });
  const view = trainer.view;
  // A view from before a rebuild can have the wrong number of classes for a moment.
  const probs = view && view.classes === data.classes ? view.probs : null;

  const shared = v.covariance === 'shared';
  const gen = useMemo(() => {
    try {
      return shared
        ? { ok: true as const, shared: true as const, ...generativeClassifier(data, features, GRID) }
        : { ok: true as const, shared: false as const, ...quadraticGenerativeClassifier(data, features, GRID) };
    } catch (e) {
      return { ok: false as const, message: (e as Error).message };
    }
  }, [data, features, shared]);

  const lines: BoundaryLine[] = [];
  if (v.generative && gen.ok && gen.shared && data.classes === 2 && features === 'linear') {
    const { w, b } = twoClassBoundary(gen.fit);
    lines.push({ w: [w[0], w[1]], b, color: '#000', dashed: true, label: 'Gaussian classifier boundary' });
  }
  const model = data.classes === 2 ? 'Logistic regression' : 'Softmax regression';
  const W = view?.W;
  const big = trainer.loss !== null && trainer.loss > 20;

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`${model} on ${data.x.length} points: training accuracy ${pct(view?.accuracy)}, full-data loss ${formatLoss(view?.fullLoss)}.${v.generative && gen.ok ? ` Gaussian classifier: accuracy ${pct(gen.accuracy)}, loss ${formatLoss(gen.loss)}.` : ''}`}>
      <div className="widget-grid" style={{ alignItems: 'flex-start' }}>
        <BoundaryMap probs={probs} size={GRID} classes={data.classes} points={data} lines={lines}
          caption={`${model}, gradient descent: accuracy ${pct(view?.accuracy)}`}
          note={lines.length ? 'Dashed: the Gaussian classifier’s boundary.' : undefined} />
        {v.generative && (gen.ok ? (
          <BoundaryMap probs={gen.probs} size={GRID} classes={data.classes} points={data}
            caption={`Gaussian classes, ${gen.shared ? 'shared Σ' : 'one Σₖ per class'}, closed form: accuracy ${pct(gen.accuracy)}`}
            note={gen.shared ? undefined : 'Each class has its own covariance: the boundary is a conic.'} />
        ) : (
          <p className="widget-alert" role="alert">Gaussian classifier: {gen.message}.</p>
        ))}
        <div style={{ flex: '1 1 18rem' }}>
          <LineChart series={[{ label: 'training loss (mini-batch)', xs: trainer.history.xs, ys: trainer.history.ys, color: seriesColor(5) }]} logY />
          <p className="legend">
            <span>full-data loss <b data-readout="full-loss">{formatLoss(view?.fullLoss)}</b></span>
            <span>accuracy <b data-readout="accuracy">{pct(view?.accuracy)}</b></span>
            {v.generative && gen.ok && <span>Gaussian: loss <b data-readout="gaussian-loss">{formatLoss(gen.loss)}</b>, accuracy <b data-readout="gaussian-accuracy">{pct(gen.accuracy)}</b></span>}
          </p>
          {W && (
            <p className="legend" aria-label="weights">
              {data.classes === 2
                ? <span>w = ({W.map((x) => formatNumber(x)).join(', ')}), b = {formatNumber(view?.b[0] ?? 0)}</span>
                : <span>{data.classes} logits, {W.length / data.classes} features each</span>}
            </p>
          )}
          {big && trainer.state !== 'diverged' && (
            <p className="widget-note" role="status">The loss is large: with η = {v.lr} each step overshoots. Lower the learning rate and reset.</p>
          )}
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
