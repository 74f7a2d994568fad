import { useState } from 'react';
import type { LenetConfig } from '../../engine/models/lenet';
import { ConfusionGrid } from '../../viz/ConfusionGrid';
import { ImageCanvas } from '../../viz/ImageCanvas';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ProbBars } from '../../viz/ProbBars';
import { formatNumber } from '../kit/format';
import { usePublishPeer } from '../kit/peers';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
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
  const { filters, conv1, conv2, confusion } = view ?? {};
  const confused = view?.confused ?? [];
  const evaluated = view?.evaluated ?? 0;
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
      <div className="widget-grid cnn-panel">
        <div>
          <h4>First-layer filters (5×5, blue negative, orange positive)</h4>
          <div className="map-grid">
            {filters && Array.from({ length: c1 }, (_, c) => <ImageCanvas key={c} data={filters} w={5} h={5} stride={c1} offset={c} mode="diverging" scale={9} label={`filter ${c + 1}`} />)}
          </div>
          <h4>Test digit #{v.digit} and the network's belief</h4>
          <div className="map-grid">
            {view?.chosenImage ? <ImageCanvas data={view.chosenImage} w={28} h={28} scale={3} label={`test digit ${v.digit}, a ${String(view.chosenLabel)}`} /> : null}
            {view?.chosenProbs ? <ProbBars probs={view.chosenProbs} label={view.chosenLabel} /> : null}
          </div>
        </div>
        <div>
          <h4>Feature maps, layer 1 (28×28) and layer 2 (10×10)</h4>
          <div className="map-grid" data-maps="conv1">
            {conv1 && Array.from({ length: c1 }, (_, c) => <ImageCanvas key={c} data={conv1} w={28} h={28} stride={c1} offset={c} scale={2} label={`layer 1 map ${c + 1}`} />)}
          </div>
          <div className="map-grid" data-maps="conv2">
            {conv2 && Array.from({ length: c2 }, (_, c) => <ImageCanvas key={c} data={conv2} w={10} h={10} stride={c2} offset={c} scale={3} label={`layer 2 map ${c + 1}`} />)}
          </div>
        </div>
        <div>
          <h4>Confusion matrix ({evaluated} of 2000 test digits so far)</h4>
          {confusion && <ConfusionGrid counts={confusion} />}
        </div>
        <div>
          <h4>Most confidently wrong test digits</h4>
          <div className="map-grid">
            {confused.map((d) => (
              <figure key={d.index}>
                <button className="plain" onClick={() => params.set('digit', d.index)} title="Show this digit's feature maps">
                  <ImageCanvas data={d.image} w={28} h={28} scale={2} label={`test digit ${d.index}: a ${d.label} read as ${d.predicted}`} />
                </button>
                <figcaption>{d.label}→{d.predicted} {(d.confidence * 100).toFixed(0)}%</figcaption>
              </figure>
            ))}
            {!confused.length && <p className="legend">None yet: press Play.</p>}
          </div>
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
