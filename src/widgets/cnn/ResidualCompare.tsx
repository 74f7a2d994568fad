import type { ResidualStackConfig } from '../../engine/models/residualStack';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { mnistUrl } from './useDataUrl';
import './cnn.css';

const PARAMS = {
  depth: { kind: 'number', label: 'Depth (hidden layers)', default: 20, min: 1, max: 40, integer: true, help: 'Rebuilds both stacks.' },
  optimizer: { kind: 'choice', label: 'Optimiser', default: 'momentum', options: ['sgd', 'momentum', 'adam'] },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.02, min: 0.0001, max: 1, log: true },
} as const satisfies Schema;

/** A plain deep stack and a residual one, same depth and starting weights, trained on the same batches. */
export function ResidualCompare({ id = 'residual', title = 'Plain deep stack vs residual stack', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', string | number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const config: ResidualStackConfig = { dataUrl: mnistUrl(), depth: v.depth, width: 32, optimizer: v.optimizer, learningRate: v.lr };
  const trainer = useTrainer('residual-stack', config, v.seed, `${v.seed}|${v.depth}`);
  const { series } = trainer;
  const last = (k: string) => series.get(k).last ?? null;
  const line = (label: string, k: string, color: string) => ({ label, xs: series.get(k).xs, ys: series.get(k).ys, color });
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`Training loss: plain ${formatLoss(last('plain'))}, residual ${formatLoss(last('residual'))}. Gradient norm at the first hidden layer: plain ${formatLoss(last('plainGrad'))}, residual ${formatLoss(last('residualGrad'))}.`}>
      <div className="widget-grid">
        <LineChart yLabel="training loss" series={[
          line(`plain: h ← relu(hW + b), ${v.depth} layers`, 'plain', seriesColor(0)),
          line(`residual: h ← h + g(h), ${v.depth} blocks`, 'residual', seriesColor(5)),
        ]} />
        <LineChart yLabel="‖∂L/∂W₁‖" logY series={[
          line('plain', 'plainGrad', seriesColor(0)),
          line('residual', 'residualGrad', seriesColor(5)),
        ]} />
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
