import { useEffect, useState } from 'react';
import type { VitDigitsAnswer, VitDigitsConfig } from '../../engine/models/vitDigitsConfig';
import { nearestPatch, VALID_PATCHES } from '../../engine/nn/vitShape';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { mnistUrl } from '../cnn/useDataUrl';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { VitDigitPanel } from './VitDigitPanel';
import './vit.css';


const PARAMS = {
  patch: { kind: 'number', label: 'Patch side p (pixels)', default: 7, min: 1, max: 28, integer: true, help: 'Each patch is p x p pixels; p must divide 28 (4, 7 or 14). Rebuilds the ViT.' },
  pooling: { kind: 'choice', label: 'Pooling', default: 'cls', options: ['cls', 'mean'], optionLabels: { cls: 'class token', mean: 'mean of the outputs' }, help: 'What the classifier reads: a learned class token, or the mean over patches. Rebuilds the ViT.' },
  dModel: { kind: 'choice', label: 'd_model', default: '32', options: ['16', '32', '64'], help: 'Width of every token vector (4 heads). Rebuilds the ViT.' },
  layers: { kind: 'number', label: 'Encoder blocks N', default: 2, min: 1, max: 4, integer: true, help: 'Rebuilds the ViT.' },
  lr: { kind: 'number', label: 'ViT learning rate η (Adam)', default: 0.002, min: 0.0001, max: 0.02, log: true, help: 'LeNet keeps chapter 6\'s η = 0.002.' },
  lenet: { kind: 'boolean', label: 'Train chapter 6\'s LeNet beside it', default: true },
  digit: { kind: 'number', label: 'Test digit shown', default: 0, min: 0, max: 1999, integer: true },
} as const satisfies Schema;

export type VitDigitsPreset = Partial<Record<keyof typeof PARAMS | 'seed', string | number | boolean>>;

/**
 * Chapter 10's ViT figure: a digit cut into patches and embedded, a tiny ViT trained in the worker on the
 * packed digits beside chapter 6's LeNet on the same batches (each one's step timed on its own), held-out
 * accuracy against each one's own seconds of training, and the class token's attention over a test digit.
 */
export function VitDigits({ id = 'vit', title = 'A tiny Vision Transformer against LeNet', ...preset }: { id?: string; title?: string } & VitDigitsPreset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const patch = nearestPatch(v.patch);
  const clamped = patch !== v.patch;
  const [retry, setRetry] = useState(0);
  const config: VitDigitsConfig = {
    dataUrl: mnistUrl(), patch, dModel: Number(v.dModel), heads: 4, layers: v.layers, pooling: v.pooling,
    learningRate: v.lr, batchSize: 32, trainSize: 8000, lenet: v.lenet,
  };
  const trainer = useTrainer('vit-digits', config, v.seed, `${v.seed}|${patch}|${v.dModel}|${v.layers}|${v.pooling}|${v.lenet}|${retry}`);
  const { view, series } = trainer;
  const vitAcc = series.get('ViT accuracy');
  const points = vitAcc.xs.length;

  // The shown digit goes to the ViT through the request path, again at every second curve point: its attention follows training.
  const [answer, setAnswer] = useState<VitDigitsAnswer | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const { ask } = trainer;
  const ready = view !== null;
  const tick = Math.floor(points / 2);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    ask({ digit: v.digit }).then((a) => live && (setAnswer(a), setAskError(null)), (e: Error) => live && setAskError(e.message || String(e)));
    return () => {
      live = false;
    };
  }, [ask, ready, v.digit, tick, trainer.restarts]);

  const seconds = (name: string) => series.get(`${name} seconds`).ys;
  const curves = [
    { label: 'ViT', xs: seconds('ViT'), ys: vitAcc.ys, color: seriesColor(0) },
    ...(v.lenet ? [{ label: 'LeNet', xs: seconds('LeNet'), ys: series.get('LeNet accuracy').ys, color: seriesColor(5) }] : []),
  ];
  const byExamples = [
    { label: 'ViT', xs: vitAcc.xs.map((s) => s * 32), ys: vitAcc.ys, color: seriesColor(0) },
    ...(v.lenet ? [{ label: 'LeNet', xs: series.get('LeNet accuracy').xs.map((s) => s * 32), ys: series.get('LeNet accuracy').ys, color: seriesColor(5) }] : []),
  ];
  const examples = view?.examples ?? 0;
  const rate = (s: number | undefined) => (s && s > 0 ? examples / s : null);
  const pct = (a: number | null | undefined) => (a === null || a === undefined ? '–' : `${formatNumber(a * 100, 3)}%`);
  const vitRate = rate(view?.vitSeconds);
  const lenetRate = rate(view?.lenetSeconds);
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={`Held-out accuracy on ${view?.evalSize ?? 500} test digits after ${examples.toLocaleString('en-GB')} training examples each: ViT ${pct(view?.vitAcc)}${v.lenet ? `, LeNet ${pct(view?.lenetAcc)}` : ''}. Examples per second on this device: ViT ${formatNumber(vitRate, 3)}${v.lenet ? `, LeNet ${formatNumber(lenetRate, 3)}` : ''}.`}>
      {loadFailed && <p className="widget-alert" role="alert">The digits did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      {clamped && <p className="widget-alert" role="alert" data-clamped>A patch side of {v.patch} does not divide 28 into whole patches; using {patch}, the nearest that does ({VALID_PATCHES.join(', ')}).</p>}
      <div className="widget-grid vit-top">
        <LineChart series={curves} xLabel="seconds of its own training" yLabel="held-out accuracy" />
        <div>
          <table className="vit-table" aria-label="the two models compared">
            <thead><tr><th>model</th><th>params</th><th>ex/s</th><th>acc.</th></tr></thead>
            <tbody>
              <tr data-model="vit" data-acc={view?.vitAcc ?? ''} data-rate={vitRate ?? ''}>
                <td><i className="swatch" style={{ background: seriesColor(0) }} />ViT</td>
                <td>{view ? view.vitParams.toLocaleString('en-GB') : '…'}</td><td>{formatNumber(vitRate, 3)}</td><td>{pct(view?.vitAcc)}</td>
              </tr>
              {v.lenet && (
                <tr data-model="lenet" data-acc={view?.lenetAcc ?? ''} data-rate={lenetRate ?? ''}>
                  <td><i className="swatch" style={{ background: seriesColor(5) }} />LeNet-5</td>
                  <td>{view ? view.lenetParams.toLocaleString('en-GB') : '…'}</td><td>{formatNumber(lenetRate, 3)}</td><td>{pct(view?.lenetAcc)}</td>
                </tr>
              )}
            </tbody>
          </table>
          <p className="vit-note" data-tokens={view?.tokens ?? ''}>
            {view
              ? <>p = {patch}: {28 / patch} × {28 / patch} = <b>{view.patches}</b> patches of {patch * patch} pixels; the encoder reads a sequence of <b>{view.tokens}</b> tokens{v.pooling === 'cls' ? ' (the class token first)' : ''}. Both models see the same {examples.toLocaleString('en-GB')} examples; each is timed on its own steps{view.exactTiming ? '' : ' (roughly: this GPU backend queues its work)'}.</>
              : 'Loading 10,000 digits (7.9 MB) and timing the backends on this device…'}
          </p>
          <LineChart series={byExamples} xLabel="training examples" yLabel="held-out accuracy" />
        </div>
      </div>
      {askError && <p className="widget-note" role="status">{askError}</p>}
      <VitDigitPanel answer={answer} pooling={v.pooling} />
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
