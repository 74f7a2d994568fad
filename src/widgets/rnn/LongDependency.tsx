import type { LongDependencyConfig } from '../../engine/models/longDependency';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { SeriesPlot } from './SeriesPlot';
import './rnn.css';

const PARAMS = {
  gap: { kind: 'number', label: 'Gap (distractors after the symbol to remember)', default: 30, min: 1, max: 200, integer: true },
  units: { kind: 'number', label: 'Units', default: 16, min: 1, max: 64, integer: true },
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: 0.01, min: 1e-4, max: 0.3, log: true },
  clip: { kind: 'boolean', label: 'Clip the gradient by its global norm', default: true },
  clipNorm: { kind: 'number', label: 'Clipping threshold θ', default: 1, min: 0.01, max: 100, log: true },
  scale: { kind: 'number', label: 'Initial recurrent weights × (above 1: exploding)', default: 1, min: 0.1, max: 5 },
  noise: { kind: 'number', label: 'Noise σ on every distractor step (continuous distractors)', default: 1, min: 0, max: 3, step: 0.1 },
  forget: { kind: 'number', label: 'LSTM forget-gate bias at the start (Keras: 1)', default: 3, min: -2, max: 6, step: 0.5 },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number | boolean>>;
const log10 = (xs: number[]) => xs.map((x) => Math.log10(Math.max(1e-30, x)));

/**
 * The first symbol (A or B) must be carried across `gap` distractors: a SimpleRNN and an LSTM train side by side,
 * with their accuracies, and ‖∂L/∂h_t‖ at every step t drawn live, clipping on or off.
 */
export function LongDependency({ id = 'longdep', title = 'Remembering one symbol across a gap', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const config: LongDependencyConfig = { gap: v.gap, units: v.units, learningRate: v.lr, clip: v.clip, clipNorm: v.clipNorm, recurrentScale: v.scale, batchSize: 32, noise: v.noise, forgetBias: v.forget };
  const trainer = useTrainer('long-dependency', config, v.seed, JSON.stringify([v.gap, v.units, v.scale, v.noise, v.forget, v.seed]));
  const view = trainer.view;
  const s = trainer.series;
  const line = (name: Parameters<typeof s.get>[0], i: number, label = name) => ({ label, xs: s.get(name).xs, ys: s.get(name).ys, color: seriesColor(i) });
  const accR = s.get('RNN accuracy').last;
  const accL = s.get('LSTM accuracy').last;
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={`Gap ${v.gap}: accuracy on 256 held-out sequences, SimpleRNN ${accR === undefined ? '–' : formatNumber(accR * 100, 3)}%, LSTM ${accL === undefined ? '–' : formatNumber(accL * 100, 3)}% (chance is 50%).`}>
      <p className="rnn-note">Each sequence: <b>A</b> or <b>B</b>, then {v.gap} random symbols from {'{c, d, e, f}'}{v.noise > 0 ? <>, each with noise N(0, {formatNumber(v.noise, 2)}²) added to all six input channels (A's and B's too)</> : ''}; the answer, read at the last step, is the first symbol.</p>
      <div className="widget-grid">
        {view && (
          <SeriesPlot n={view.gradRnn.length} labels={['t = 1 (the symbol)', `t = ${view.gradRnn.length} (the answer)`]} yLabel="log₁₀ ‖∂L/∂hₜ‖"
            aria="gradient norm with respect to each hidden state, by time step"
            lines={[{ label: 'SimpleRNN', ys: log10(view.gradRnn), color: seriesColor(1) }, { label: 'LSTM', ys: log10(view.gradLstm), color: seriesColor(0), width: 2 }]} />
        )}
        <div style={{ flex: '1 1 16rem' }}>
          <LineChart yLabel="held-out accuracy" series={[line('RNN accuracy', 1, 'SimpleRNN'), line('LSTM accuracy', 0, 'LSTM')]} />
          <LineChart yLabel="‖g‖ before clipping" logY series={[line('RNN gradient norm', 1, 'SimpleRNN'), line('LSTM gradient norm', 0, 'LSTM')]} />
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
