import type { StnDigitsConfig } from '../../engine/models/stnDigits';
import { describeTheta } from '../../engine/math/affineTheta';
import { ImageCanvas } from '../../viz/ImageCanvas';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { mnistUrl } from './useDataUrl';
import './cnn.css';

const PARAMS = {
  rotate: { kind: 'number', label: 'Digits turned by up to (°)', default: 45, min: 0, max: 90, integer: true },
  shift: { kind: 'number', label: 'Digits moved by up to (px)', default: 3, min: 0, max: 6, integer: true },
  train: { kind: 'number', label: 'Training digits', default: 8000, min: 100, max: 8000, integer: true },
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: 0.002, min: 0.0001, max: 0.05, log: true },
} as const satisfies Schema;

const SHOWN = 6;
const deg = (v: number) => `${v >= 0 ? '' : '−'}${Math.abs(Math.round(v))}°`;
const px = (v: number) => `${v >= 0 ? '' : '−'}${Math.abs(v).toFixed(1)}`;

/**
 * A spatial transformer in front of a LeNet, trained on distorted digits: six test digits
 * as the network gets them and after the transformer's resampling, with the affine map
 * it applied, its test accuracy, and ∂L/∂θ through bilinear sampling and through rounding.
 */
export function StnDigits({ id = 'stn', title = 'A spatial transformer learns to straighten digits', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const config: StnDigitsConfig = { dataUrl: mnistUrl(), learningRate: v.lr, rotate: v.rotate, shift: v.shift, trainSize: v.train, batchSize: 32 };
  const trainer = useTrainer('stn-digits', config, v.seed, String(v.seed));
  const view = trainer.view;
  const inputs = view?.inputs;
  const outputs = view?.outputs;
  const theta = view?.theta ?? [];
  const applied = view?.applied ?? [];
  const predicted = view?.predicted ?? [];
  const labels = view?.labels ?? [];
  const accuracy = trainer.series.get('accuracy');
  const acc = accuracy.last ?? null;
  const gB = view?.gradBilinear;
  const gN = view?.gradNearest;
  const fit = view?.angleFit ?? null;
  const fitText = fit
    ? `Over the 300 test digits, θ's angle ≈ ${fit.offset >= 0 ? '' : '−'}${Math.abs(fit.offset).toFixed(1)}° + ${fit.slope.toFixed(2)} × the applied angle (r = ${fit.r.toFixed(2)}): a positive slope turns digits back; 1 would undo the whole turn.`
    : v.rotate === 0 ? 'No rotation to undo at these settings.' : 'Over the 300 test digits, θ\'s angle against the applied angle: measured at the first evaluation.';
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`Accuracy on 300 distorted test digits: ${acc === null ? '–' : `${formatNumber(acc * 100, 3)}%`}. Gradient of the loss with respect to θ: ${formatNumber(gB, 3)} with bilinear sampling, ${formatNumber(gN, 3)} with rounding to whole pixels.`}>
      <div className="map-grid" role="group" aria-label="six distorted test digits before and after the transformer">
        {inputs && outputs && Array.from({ length: SHOWN }, (_, i) => {
          const t = describeTheta(theta.slice(6 * i, 6 * i + 6));
          const ok = predicted[i] === labels[i];
          return (
            <figure key={i} data-digit={i} style={{ width: '8.2rem' }}>
              <div style={{ display: 'flex', gap: 3, justifyContent: 'center' }}>
                <ImageCanvas data={inputs.subarray(i * 784, (i + 1) * 784)} w={28} h={28} scale={2} range={1} label="the distorted digit the network gets" />
                <ImageCanvas data={outputs.subarray(i * 784, (i + 1) * 784)} w={28} h={28} scale={2} range={1} label="after the transformer's resampling" />
              </div>
              <figcaption>
                turned {deg(applied[3 * i])}, moved ({px(applied[3 * i + 1])}, {px(applied[3 * i + 2])})<br />
                θ turns back {deg(t.angle)}, reads from ({px(t.dx)}, {px(t.dy)}), scale {t.scale.toFixed(2)}<br />
                reads <b style={{ color: ok ? undefined : '#D55E00' }}>{predicted[i]}</b>{ok ? '' : ` (is ${labels[i]})`}
              </figcaption>
            </figure>
          );
        })}
      </div>
      <p className="widget-note" data-readout="angle-fit">{fitText}</p>
      <div className="widget-grid">
        <LineChart yLabel="test accuracy" series={[{ label: 'distorted test digits', xs: accuracy.xs, ys: accuracy.ys, color: seriesColor(5) }]} />
        <table className="rf-table" aria-label="gradient with respect to θ">
          <thead><tr><th>sampler</th><th>‖∂L/∂θ‖, these six digits</th></tr></thead>
          <tbody>
            <tr><td>bilinear</td><td data-readout="grad-bilinear">{formatNumber(gB, 3)}</td></tr>
            <tr><td>round to a whole pixel</td><td data-readout="grad-nearest">{formatNumber(gN, 3)}</td></tr>
          </tbody>
        </table>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
