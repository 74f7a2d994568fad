import { useMemo } from 'react';
import { dataset2d, splitTrainTest } from '../../engine/data/classification2d';
import type { DepthConfig } from '../../engine/models/mlpCompare';
import { DEPTH_RUN_LAYER_NORM, DEPTH_RUNS } from '../../engine/models/mlpCompareRuns';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';

export const DEPTH_PARAMS = {
  depth: { kind: 'number', label: 'Hidden layers', default: 6, min: 1, max: 6, integer: true },
  width: { kind: 'number', label: 'Units per layer', default: 16, min: 2, max: 16, integer: true },
  init: { kind: 'choice', label: 'Sigmoid init', default: 'xavier', options: ['xavier', 'small'], optionLabels: { xavier: 'Xavier', small: 'N(0, 0.1²)' } },
  lr: { kind: 'number', label: 'Learning rate η (SGD)', default: 0.1, min: 0.001, max: 2, log: true },
  data: { kind: 'choice', label: 'Data', default: 'circle', options: ['circle', 'xor', 'moons', 'spiral'] },
  norm: {
    kind: 'choice', label: 'Third run normalises', default: 'batch', options: ['batch', 'layer'],
    optionLabels: { batch: 'per unit, over the batch (batch norm)', layer: 'per example, over the units (layer norm)' },
    help: 'Batch norm averages each unit over the mini-batch and keeps running statistics for inference; layer norm averages over the units of each example and needs none.',
  },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof DEPTH_PARAMS | 'seed', string | number>>;

/**
 * Three deep networks on one problem, stepped together by plain SGD: sigmoid,
 * ReLU with He init, ReLU with batch norm (or layer norm). The gradient norm of every weight
 * matrix, input side first, on a log scale, live; and each run's loss.
 */
export function DepthGradients({ id = 'depth', title = 'Vanishing gradients: sigmoid, ReLU, batch norm', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, DEPTH_PARAMS, preset);
  const v = params.values;
  const { train, test } = useMemo(() => splitTrainTest(dataset2d(v.data, 240, 0.05, v.seed), 0.25, v.seed), [v.data, v.seed]);
  const norm = v.norm;
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ train: { x: train.x, y: train.y, label: train.label }, test: { x: test.x, y: test.y, label: test.label } }), [train, test]);
  const config: DepthConfig = { classes: train.classes, depth: v.depth, width: v.width, sigmoidInit: v.init, learningRate: v.lr, batchSize: 32, norm };
  // The normaliser changes the network's variables (running statistics or none): a new run.
  const trainer = useTrainer('mlp-depth', config, v.seed, `${v.seed}|${v.depth}|${v.width}|${v.init}|${norm}`, { speed: 100, data: { points } });
  const runs = DEPTH_RUNS.map((r, i) => (i === 2 && norm === 'layer' ? DEPTH_RUN_LAYER_NORM : r));
  const view = trainer.view;
  const norms = view?.gradNorms.filter((g) => g.length === v.depth + 1);
  const trainLoss = view?.trainLoss;
  const testAcc = view?.testAccuracy;
  const curve = (name: string) => ({ xs: trainer.series.get(name).xs, ys: trainer.series.get(name).ys });
  const layers = Array.from({ length: v.depth + 1 }, (_, i) => i + 1);
  // A zero norm cannot sit on a log axis: floor it at 1e-12 (far below anything trainable).
  const floor = (g: number[]) => g.map((x) => Math.max(1e-12, x));
  const ratio = norms?.[0] ? norms[0][norms[0].length - 1] / Math.max(1e-30, norms[0][0]) : NaN;

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={Number.isFinite(ratio) ? `Sigmoid net: the last weight matrix's gradient is ${ratio.toExponential(1)} times the first's.` : 'Press play or step to see the gradients.'}>
      <div className="widget-grid">
        <div>
          <LineChart xLabel="weight matrix (1 = input side)" yLabel="‖∂L/∂W‖" logY
            series={norms ? runs.map((r, i) => ({ label: r, xs: layers, ys: floor(norms[i] ?? []), color: seriesColor(i) })) : []} />
          {!norms && <p className="legend">Step once to measure the gradients.</p>}
        </div>
        <div>
          <LineChart yLabel="training loss" logY series={runs.map((r, i) => ({ label: r, ...curve(`trainLoss ${i}`), color: seriesColor(i) }))} />
          <table className="values" aria-label="each run's loss and test accuracy">
            <thead><tr><th>run</th><th>training loss</th><th>test accuracy</th></tr></thead>
            <tbody>
              {runs.map((r, i) => (
                <tr key={r}><td><i className="swatch" style={{ background: seriesColor(i) }} /> {r}</td><td>{formatLoss(trainLoss?.[i])}</td>
                  <td>{testAcc?.[i] !== undefined && Number.isFinite(testAcc[i]) ? `${Math.round(testAcc[i] * 100)}%` : '–'}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
