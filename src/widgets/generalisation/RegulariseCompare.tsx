import { useMemo } from 'react';
import { dataset2d } from '../../engine/data/classification2d';
import type { RegulariseConfig } from '../../engine/models/mlpCompare';
import { REGULARISE_RUNS } from '../../engine/models/mlpCompareRuns';
import { DEFAULT_OPTIMIZER } from '../../engine/nn/optimizerSettings';
import { DecisionMap } from '../../viz/DecisionMap';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';

export const REG_PARAMS = {
  data: { kind: 'choice', label: 'Data', default: 'moons', options: ['moons', 'circle', 'xor', 'spiral'] },
  n: { kind: 'number', label: 'Training points', default: 30, min: 4, max: 200, integer: true, help: 'Few points and a big network: room to overfit.' },
  noise: { kind: 'number', label: 'Noise', default: 0.15, min: 0, max: 0.5, step: 0.01 },
  units: { kind: 'number', label: 'Units per layer', default: 16, min: 1, max: 16, integer: true },
  layers: { kind: 'number', label: 'Hidden layers', default: 2, min: 1, max: 4, integer: true },
  dropout: { kind: 'number', label: 'Dropout p', default: 0.5, min: 0, max: 0.9, step: 0.05, help: 'Probability of zeroing each hidden unit in a training step.' },
  l2: { kind: 'number', label: 'Weight decay λ', default: 0.003, min: 0, max: 0.05, step: 0.0005 },
  decay: {
    kind: 'choice', label: 'Decay applied as', default: 'l2', options: ['l2', 'decoupled'],
    optionLabels: { l2: 'L2 penalty λ‖W‖² through Adam', decoupled: 'decoupled, AdamW: W ← W − η(u + 2λW)' },
    help: 'L2: the penalty’s gradient 2λW is added to the data gradient and divided by Adam’s √ŝ with it. Decoupled: the same 2λW shrinks the weights outside Adam, at the same rate for every weight.',
  },
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: 0.01, min: 0.0001, max: 1, log: true },
} as const satisfies Schema;

const TEST_POINTS = 200;
const GRID = 24;

type Preset = Partial<Record<keyof typeof REG_PARAMS | 'seed', string | number>>;

/**
 * The same network trained four ways on few noisy points: plain, dropout,
 * weight decay, both. Same initial weights, same batches; decision regions,
 * training and test loss side by side.
 */
export function RegulariseCompare({ id = 'reg', title = 'Dropout and weight decay on the same network', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, REG_PARAMS, preset);
  const v = params.values;
  const kind = v.data;
  const train = useMemo(() => dataset2d(kind, v.n, v.noise, v.seed), [kind, v.n, v.noise, v.seed]);
  const test = useMemo(() => dataset2d(kind, TEST_POINTS, v.noise, v.seed + 1000), [kind, v.noise, v.seed]);
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ train: { x: train.x, y: train.y, label: train.label }, test: { x: test.x, y: test.y, label: test.label } }), [train, test]);
  const config: RegulariseConfig = {
    base: {
      classes: train.classes, features: 'xy', hidden: Array.from({ length: v.layers }, () => v.units), activation: 'relu', batchNorm: false, init: 'he',
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: v.lr, batchSize: v.n, l1: 0, l2: 0, dropout: 0, gridSize: GRID, neuronMaps: false,
    },
    dropout: v.dropout,
    l2: v.l2,
    decay: v.decay as 'l2' | 'decoupled',
  };
  const trainer = useTrainer('mlp-regularise', config, v.seed, `${v.seed}|${v.layers}|${v.units}`, { speed: 100, data: { points } });
  const view = trainer.view;
  const { trainLoss, testLoss, trainAccuracy: trainAcc, testAccuracy: testAcc, probs } = view ?? {};
  const curve = (name: string) => ({ xs: trainer.series.get(name).xs, ys: trainer.series.get(name).ys });
  const names = [...REGULARISE_RUNS].map((r, i) => (i === 1 ? `dropout ${v.dropout}` : i === 2 ? `${v.decay === 'decoupled' ? 'AdamW decay' : 'L2 penalty'} ${v.l2}` : i === 3 ? 'both' : r));
  const pct = (a: number | undefined) => (a === undefined || !Number.isFinite(a) ? '–' : `${Math.round(a * 100)}%`);

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={names.map((n, i) => `${n}: training loss ${formatLoss(trainLoss?.[i])}, test loss ${formatLoss(testLoss?.[i])}`).join('; ')}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: '0.6rem' }}>
        {names.map((name, i) => (
          <div key={name}>
            <p style={{ margin: '0 0 0.2rem', fontWeight: 600, fontSize: '0.85rem', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}><i className="swatch" style={{ background: seriesColor(i) }} /> {name}</p>
            <DecisionMap probs={probs?.[i] ?? null} size={GRID} classes={2} points={train} width={170} label={`${name} decision regions`} />
            <p style={{ margin: '0.2rem 0 0', fontSize: '0.8rem' }}>
              train {formatLoss(trainLoss?.[i])} ({pct(trainAcc?.[i])})<br />test {formatLoss(testLoss?.[i])} ({pct(testAcc?.[i])})
            </p>
          </div>
        ))}
      </div>
      <div className="widget-grid">
        <LineChart yLabel="training loss" logY series={names.map((n, i) => ({ label: n, ...curve(`trainLoss ${i}`), color: seriesColor(i) }))} />
        <LineChart yLabel="test loss" logY series={names.map((n, i) => ({ label: n, ...curve(`testLoss ${i}`), color: seriesColor(i) }))} />
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
