import type { AugmentCompareConfig } from '../../engine/models/lenetAugment';
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
  train: { kind: 'number', label: 'Training digits', default: 1000, min: 100, max: 8000, integer: true },
  shift: { kind: 'number', label: 'Augment: max shift (px)', default: 3, min: 0, max: 6, integer: true },
  rotate: { kind: 'number', label: 'Augment: max rotation (°)', default: 15, min: 0, max: 45, integer: true },
  testShift: { kind: 'number', label: 'Test set: shift (px)', default: 4, min: 0, max: 8, integer: true, help: 'Each test digit moves by between half this and this many pixels, in a random direction.' },
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: 0.002, min: 0.0001, max: 0.1, log: true },
} as const satisfies Schema;

/** Two LeNets, with and without augmentation, scored on plain and on shifted test digits. */
export function AugmentCompare({ id = 'augment', title = 'Augmentation against shifted digits', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const config: AugmentCompareConfig = { dataUrl: mnistUrl(), learningRate: v.lr, trainSize: v.train, augment: { shift: v.shift, rotate: v.rotate }, testShift: v.testShift };
  const trainer = useTrainer('lenet-augment', config, v.seed, String(v.seed));
  const { series } = trainer;
  const last = (k: string) => {
    const y = series.get(k).last;
    return y === undefined ? null : y * 100;
  };
  const line = (label: string, k: string, color: string) => ({ label, xs: series.get(k).xs, ys: series.get(k).ys, color });
  const sample = trainer.view?.shiftedSample;
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`On shifted test digits: plain ${formatNumber(last('plainShifted'), 3)}%, augmented ${formatNumber(last('augShifted'), 3)}%. On plain test digits: ${formatNumber(last('plainClean'), 3)}% vs ${formatNumber(last('augClean'), 3)}%.`}>
      <div className="widget-grid">
        <LineChart yLabel="test accuracy" series={[
          line('no augmentation, plain test', 'plainClean', seriesColor(0)),
          line('no augmentation, shifted test', 'plainShifted', seriesColor(4)),
          line('augmented, plain test', 'augClean', seriesColor(5)),
          line('augmented, shifted test', 'augShifted', seriesColor(1)),
        ]} />
        <div className="cnn-panel">
          <h4>Some shifted test digits</h4>
          <div className="map-grid">
            {sample && Array.from({ length: 6 }, (_, i) => <ImageCanvas key={i} data={sample.subarray(i * 784, (i + 1) * 784)} w={28} h={28} scale={2} range={1} label="a shifted test digit" />)}
          </div>
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
