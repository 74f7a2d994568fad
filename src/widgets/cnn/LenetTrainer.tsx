import { useCallback, useDeferredValue, useRef, useState } from 'react';
import type { LenetConfig } from '../../engine/models/lenet';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { usePublishPeer } from '../kit/peers';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { LenetPanels } from './LenetPanels';
import { LENET_PARAMS, type LenetPreset } from './lenetParams';
import type { LenetPeer } from './padVerdict';
import { mnistUrl } from './useDataUrl';
import './cnn.css';

/**
 * Chapter 6's main figure: LeNet trained in the worker on the packed MNIST
 * digits, with train/test curves, the first layer's filters, the feature maps
 * of a chosen test digit, a confusion matrix and the most confused digits.
 * Draw pads on the page (DigitPad) follow it (usePublishPeer) and ask its network to read their drawings.
 */
export function LenetTrainer({ id = 'lenet', title = 'LeNet learns to read digits', ...preset }: { id?: string; title?: string } & LenetPreset) {
  const params = useWidgetParams(id, LENET_PARAMS, preset);
  const v = params.values;
  const [retry, setRetry] = useState(0);
  const config: LenetConfig = {
    dataUrl: mnistUrl(),
    arch: { channels1: v.channels, channels2: 16, activation: v.activation, pooling: v.pooling },
    optimizer: v.optimizer,
    learningRate: v.lr,
    batchSize: v.batch,
    trainSize: v.train,
    augment: null,
    chosen: v.digit,
    details: true,
  };
  const structural = `${v.seed}|${v.channels}|${v.activation}|${v.pooling}|${retry}`;
  const trainer = useTrainer('lenet', config, v.seed, structural);
  const { view, series } = trainer;
  const c1 = view?.channels1 ?? v.channels;
  const c2 = view?.channels2 ?? 16;
  // The picture panels render from a deferred view: a task of their own after the curves (LenetPanels).
  const panelView = useDeferredValue(view);
  const setParam = useRef(params.set);
  setParam.current = params.set;
  const pickDigit = useCallback((index: number) => setParam.current('digit', index), []);
  const lastAcc = series.get('test accuracy').last ?? null;
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;

  const model = `${c1} + ${c2} channels, ${v.activation === 'relu' ? 'ReLU' : v.activation}, ${v.pooling} pooling; ${v.optimizer === 'adam' ? 'Adam' : v.optimizer === 'sgd' ? 'SGD' : 'SGD + momentum'}, η = ${v.lr}, batch ${v.batch}, ${v.train.toLocaleString('en-GB')} training digits`;
  const examples = view?.examples ?? 0;
  usePublishPeer<LenetPeer>(id, { title, model, state: trainer.state, step: trainer.steps, examples, testAcc: lastAcc, network: `${structural}|${trainer.restarts}`, ask: trainer.ask });
  const curve = (a: string, b: string) => [
    { label: a, xs: series.get(a).xs, ys: series.get(a).ys, color: seriesColor(0) },
    { label: b, xs: series.get(b).xs, ys: series.get(b).ys, color: seriesColor(5) },
  ];

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`Test accuracy ${lastAcc === null ? '–' : `${formatNumber(lastAcc * 100, 3)}%`} on ${formatNumber(view?.evalSize ?? 0, 4)} held-out digits after ${formatNumber(examples, 6)} training examples.`}>
      {loadFailed && <p className="widget-alert" role="alert">The digits did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      <p className="cnn-note" data-test-acc={lastAcc ?? ''} data-examples={examples}>
        {!view ? 'Loading 10,000 digits (7.9 MB) and timing the backends on this device…' : <>Test accuracy on {formatNumber(view.evalSize, 4)} held-out digits: <b>{lastAcc === null ? '–' : `${formatNumber(lastAcc * 100, 3)}%`}</b> after {formatNumber(examples, 6)} training examples ({formatNumber(trainer.stepsPerSecond * v.batch, 3)} examples/s).</>}
      </p>
      <div className="widget-grid">
        <LineChart series={curve('train loss', 'test loss')} yLabel="cross-entropy" />
        <LineChart series={curve('train accuracy', 'test accuracy')} yLabel="accuracy" />
      </div>
      <LenetPanels view={panelView} channels={v.channels} digit={v.digit} onPickDigit={pickDigit} />
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
