import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import type { LenetConfig } from '../../engine/models/lenet';
import type { OptimizerKind } from '../../engine/nn/optimizers';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { publishReport, useLenetDrawing } from './lenetChannel';
import { LENET_PARAMS, type LenetPreset } from './lenetParams';
import { LenetPanels } from './LenetPanels';
import { readCurve } from './lenetView';
import { mnistUrl } from './useDataUrl';
import './cnn.css';

/**
 * Chapter 6's main figure: LeNet trained in the worker on the packed MNIST
 * digits, with train/test curves, the first layer's filters, the feature maps
 * of a chosen test digit, a confusion matrix and the most confused digits.
 * Draw pads on the page (DigitPad) read with this network through lenetChannel.
 */
export function LenetTrainer({ id = 'lenet', title = 'LeNet learns to read digits', ...preset }: { id?: string; title?: string } & LenetPreset) {
  const params = useWidgetParams(id, LENET_PARAMS, preset);
  const v = params.values;
  const [retry, setRetry] = useState(0);
  const drawing = useLenetDrawing(id);
  const config: LenetConfig = {
    dataUrl: mnistUrl(),
    arch: { channels1: v.channels, channels2: 16, activation: v.activation as LenetConfig['arch']['activation'], pooling: v.pooling as 'max' | 'avg' },
    optimizer: v.optimizer as OptimizerKind,
    learningRate: v.lr,
    batchSize: v.batch,
    trainSize: v.train,
    augment: null,
    chosen: v.digit,
    drawn: drawing?.pixels ?? null,
    drawnTag: drawing?.tag,
    details: true,
  };
  const trainer = useTrainer('lenet', config, v.seed, `${v.seed}|${v.channels}|${v.activation}|${v.pooling}|${retry}`);
  const view = trainer.view;
  const curve = readCurve(view);
  const c1 = (view?.channels1 as number | undefined) ?? v.channels;
  const c2 = (view?.channels2 as number | undefined) ?? 16;
  // The picture panels render from a deferred view: a task of their own after the curves (LenetPanels).
  const panelView = useDeferredValue(view);
  const setParam = useRef(params.set);
  setParam.current = params.set;
  const pickDigit = useCallback((index: number) => setParam.current('digit', index), []);
  const lastAcc = curve.testAcc.length ? curve.testAcc[curve.testAcc.length - 1] : null;
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;

  const drawnProbs = (view?.drawnProbs as number[] | undefined) ?? null;
  const model = `${c1} + ${c2} channels, ${v.activation === 'relu' ? 'ReLU' : v.activation}, ${v.pooling} pooling; ${v.optimizer === 'adam' ? 'Adam' : v.optimizer === 'sgd' ? 'SGD' : 'SGD + momentum'}, η = ${v.lr}, batch ${v.batch}, ${v.train.toLocaleString('en-GB')} training digits`;
  const examples = (view?.examples as number | undefined) ?? 0;
  useEffect(() => {
    publishReport(id, {
      title, model, state: trainer.state, step: trainer.steps, examples, testAcc: lastAcc,
      probs: drawnProbs, tag: (view?.drawnTag as number | undefined) ?? null, probsStep: (view?.drawnStep as number | undefined) ?? null,
    });
  });
  useEffect(() => () => publishReport(id, null), [id]);

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`Test accuracy ${lastAcc === null ? '–' : `${formatNumber(lastAcc * 100, 3)}%`} on ${formatNumber(view?.evalSize as number, 4)} held-out digits after ${formatNumber(view?.examples as number, 6)} training examples.`}>
      {loadFailed && <p className="widget-alert" role="alert">The digits did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      <p className="cnn-note" data-test-acc={lastAcc ?? ''} data-examples={(view?.examples as number | undefined) ?? 0}>
        {!view ? 'Loading 10,000 digits (7.9 MB) and timing the backends on this device…' : <>Test accuracy on {formatNumber(view?.evalSize as number, 4)} held-out digits: <b>{lastAcc === null ? '–' : `${formatNumber(lastAcc * 100, 3)}%`}</b> after {formatNumber(view?.examples as number, 6)} training examples ({formatNumber(trainer.stepsPerSecond * v.batch, 3)} examples/s).</>}
      </p>
      <div className="widget-grid">
        <LineChart series={[
          { label: 'train loss', xs: curve.step, ys: curve.trainLoss, color: seriesColor(0) },
          { label: 'test loss', xs: curve.step, ys: curve.testLoss, color: seriesColor(5) },
        ]} yLabel="cross-entropy" version={trainer.version} />
        <LineChart series={[
          { label: 'train accuracy', xs: curve.step, ys: curve.trainAcc, color: seriesColor(0) },
          { label: 'test accuracy', xs: curve.step, ys: curve.testAcc, color: seriesColor(5) },
        ]} yLabel="accuracy" version={trainer.version} />
      </div>
      <LenetPanels view={panelView} channels={v.channels} digit={v.digit} onPickDigit={pickDigit} />
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
