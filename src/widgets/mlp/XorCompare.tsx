import type { MlpClassifierView } from '../../engine/models/mlpPlainView';
import { useMemo } from 'react';
import { dataset2d, splitTrainTest } from '../../engine/data/classification2d';
import type { HiddenLayerCompareConfig } from '../../engine/models/hiddenLayerCompare';
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
import './mlp.css';

const PARAMS = {
  data: { kind: 'choice', label: 'Data', default: 'xor', options: ['xor', 'circle', 'gaussians', 'spiral'], optionLabels: { xor: 'XOR', circle: 'circle', gaussians: 'two Gaussians', spiral: 'spiral' } },
  units: { kind: 'number', label: 'Hidden units (MLP)', default: 4, min: 1, max: 16, integer: true },
  act: { kind: 'choice', label: 'Activation', default: 'tanh', options: ['tanh', 'relu', 'sigmoid'] },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.03, min: 1e-4, max: 1, log: true, help: 'Adam, batch 16, for both networks.' },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const GRID = 32;

/** The perceptron's straight boundary against an MLP with one hidden layer, trained side by side on the same data. */
export function XorCompare({ id = 'xor', title = 'One layer of weights vs one hidden layer', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const data = useMemo(() => splitTrainTest(dataset2d(v.data, 300, 0.03, v.seed), 0.3, v.seed), [v.data, v.seed]);
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ train: { x: data.train.x, y: data.train.y, label: data.train.label }, test: { x: data.test.x, y: data.test.y, label: data.test.label } }), [data]);
  const config: HiddenLayerCompareConfig = {
    base: {
      classes: data.train.classes, features: 'xy', hidden: [], activation: v.act, batchNorm: false, init: 'auto',
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: v.lr, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: GRID, neuronMaps: false,
    },
    hidden: [[], [v.units]],
  };
  const trainer = useTrainer('hidden-layer-compare', config, v.seed, JSON.stringify([v.units, v.act, v.seed]), { data: { points } });
  const runs = trainer.view?.runs ?? [];
  const names = ['no hidden layer (a perceptron’s line)', `hidden layer of ${v.units} (${v.act})`];
  const acc = (r?: MlpClassifierView) => (r && Number.isFinite(r.testAccuracy) ? `${(100 * r.testAccuracy).toFixed(0)}%` : '–');
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={`Test accuracy: ${names[0]} ${acc(runs[0])}, ${names[1]} ${acc(runs[1])}.`}>
      <div className="side-by-side mlp-widget">
        {names.map((name, i) => (
          <figure key={i}>
            <DecisionMap probs={runs[i]?.probs ?? null} size={GRID} classes={2} points={data.train} hollow={data.test} width={220} label={name} />
            <figcaption>
              <b><i className="swatch" aria-hidden="true" style={{ background: seriesColor(i === 0 ? 3 : 2) }} />{name}</b><br />
              test accuracy <b data-readout={`acc-${i}`}>{acc(runs[i])}</b>, test loss {formatLoss(runs[i]?.testLoss)}
            </figcaption>
          </figure>
        ))}
        <figure style={{ flex: '1 1 260px' }}>
          <LineChart series={names.map((label, i) => {
            const s = trainer.series.get(`trainLoss ${i}`);
            return { label, xs: s.xs, ys: s.ys, color: seriesColor(i === 0 ? 3 : 2) };
          })} yLabel="train cross-entropy" />
        </figure>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
