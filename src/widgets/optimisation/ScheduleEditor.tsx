import { useMemo } from 'react';
import { dataset2d, splitTrainTest } from '../../engine/data/classification2d';
import type { MlpClassifierInput } from '../../engine/models/mlpClassifier';
import type { ScheduleCompareConfig } from '../../engine/models/scheduleCompare';
import { DEFAULT_OPTIMIZER } from '../../engine/nn/optimizerSettings';
import { lrAt, SCHEDULE_KINDS, type Schedule, type ScheduleKind } from '../../engine/nn/schedules';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss, formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { usePath } from '../kit/usePath';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import './optimisation.css';

const KIND_LABELS = { constant: 'constant', step: 'step decay', cosine: 'cosine', 'warmup-cosine': 'warm-up + cosine' };
const kind = (label: string, d: ScheduleKind) => ({ kind: 'choice', label, default: d, options: SCHEDULE_KINDS, optionLabels: KIND_LABELS }) as const;
const peak = (label: string, d: number) => ({ kind: 'number', label, default: d, min: 0.001, max: 20, log: true, help: 'The peak learning rate η0.' }) as const;

const PARAMS = {
  aKind: kind('Run A schedule', 'constant'),
  aLr: peak('Run A η0', 0.1),
  bKind: kind('Run B schedule', 'warmup-cosine'),
  bLr: peak('Run B η0', 0.2),
  total: { kind: 'number', label: 'Decay length T', default: 600, min: 10, max: 5000, integer: true, help: 'Cosine: steps from η0 down to η_min.' },
  warmup: { kind: 'number', label: 'Warm-up steps', default: 50, min: 1, max: 1000, integer: true, help: 'Warm-up: steps of linear growth from 0 to η0.' },
  every: { kind: 'number', label: 'Step every', default: 200, min: 1, max: 5000, integer: true, help: 'Step decay: multiply by the factor every this many steps.' },
  factor: { kind: 'number', label: 'Step factor', default: 0.3, min: 0.01, max: 1, step: 0.01 },
  minLr: { kind: 'number', label: 'η_min', default: 0, min: 0, max: 1, step: 0.001, help: 'Where cosine ends.' },
  optimizer: { kind: 'choice', label: 'Optimiser', default: 'momentum', options: ['sgd', 'momentum', 'adam'], optionLabels: { sgd: 'SGD', momentum: 'momentum (β 0.9)', adam: 'Adam' } },
  dataset: { kind: 'choice', label: 'Data', default: 'circle', options: ['circle', 'spiral'] },
  batch: { kind: 'number', label: 'Batch size', default: 16, min: 1, max: 140, integer: true },
} as const satisfies Schema;

type Key = keyof typeof PARAMS;
const RUNS = ['A', 'B'];

/**
 * The same MLP (2-16-16-2, tanh) trained twice from the same weights on the same
 * batches, each run under its own learning-rate schedule. The schedules are
 * drawn with the current step marked; loss curves and accuracies sit beside.
 */
export function ScheduleEditor({ id = 'schedule', title = 'Learning-rate schedules', ...preset }: { id?: string; title?: string } & Partial<Record<Key | 'seed', number | string>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const data = useMemo(() => splitTrainTest(dataset2d(v.dataset, 200, 0.1, v.seed), 0.3, v.seed), [v.dataset, v.seed]);
  const schedule = (kind: ScheduleKind, lr: number): Schedule => ({ kind, lr, every: v.every, factor: v.factor, total: v.total, minLr: Math.min(v.minLr, lr), warmup: v.warmup });
  const schedules = [schedule(v.aKind, v.aLr), schedule(v.bKind, v.bLr)];
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ train: { x: data.train.x, y: data.train.y, label: data.train.label }, test: { x: data.test.x, y: data.test.y, label: data.test.label } }), [data]);
  const base: MlpClassifierInput = {
    classes: data.train.classes, features: 'xy', hidden: [16, 16], activation: 'tanh', batchNorm: false, init: 'auto',
    optimizer: { ...DEFAULT_OPTIMIZER, kind: v.optimizer, beta1: 0.9 }, learningRate: v.aLr, batchSize: v.batch,
    l1: 0, l2: 0, dropout: 0, gridSize: 0, neuronMaps: false,
  };
  const config: ScheduleCompareConfig = { base, schedules };
  const trainer = useTrainer('schedule-compare', config, v.seed, `${v.dataset}|${v.optimizer}`, { speed: 100, data: { points } });
  const view = trainer.view;
  const { trainLoss: train = [], testAccuracy: acc = [] } = view ?? {};
  const steps = trainer.steps;
  const at = (i: number): [number, number] | null => (train.length > i && steps > 0 ? [steps, train[i]] : null);
  const curves = [usePath(steps, at(0)), usePath(steps, at(1))];
  const horizon = Math.max(v.total + (v.aKind === 'warmup-cosine' || v.bKind === 'warmup-cosine' ? v.warmup : 0), 3 * v.every, steps + 1);
  const plotted = schedules.map((s, i) => {
    const n = 200;
    const xs = Array.from({ length: n + 1 }, (_, k) => Math.round((k * horizon) / n));
    return { label: `run ${RUNS[i]}: ${KIND_LABELS[s.kind]}`, xs, ys: xs.map((t) => lrAt(s, t)), color: seriesColor(i) };
  });
  const top = Math.max(v.aLr, v.bLr);
  const now = { label: `now (step ${steps})`, xs: [steps, steps], ys: [0, top], color: '#555555' };
  const layout = { width: 360, height: 190, margin: { top: 10, right: 12, bottom: 28, left: 52 } };
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={RUNS.map((r, i) => `Run ${r} (${KIND_LABELS[schedules[i].kind]}): training loss ${formatLoss(train[i])}, test accuracy ${formatNumber(acc[i])}`).join('; ')}>
      <div className="widget-grid">
        <LineChart series={[...plotted, now]} yLabel="η(t)" layout={layout} />
        <LineChart series={curves.map((c, i) => ({ label: `run ${RUNS[i]}`, xs: c.xs, ys: c.ys, color: seriesColor(i) }))} logY yLabel="train loss (log)" layout={layout} />
      </div>
      <table className="values" aria-label="each run's learning rate, loss and accuracy">
        <thead><tr><th>run</th><th>schedule</th><th>η now</th><th>train loss</th><th>test accuracy</th></tr></thead>
        <tbody>
          {schedules.map((s, i) => (
            <tr key={i}>
              <td><i className="swatch" style={{ background: seriesColor(i) }} /> {RUNS[i]}</td>
              <td>{KIND_LABELS[s.kind]}</td>
              <td>{formatNumber(lrAt(s, steps))}</td>
              <td>{formatLoss(train[i])}</td>
              <td>{acc[i] === undefined ? '–' : `${formatNumber(100 * acc[i], 3)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="optim-params"><ParamControls params={params} /></div>
    </WidgetFrame>
  );
}
