import { memo, useCallback, useMemo, useState } from 'react';
import { grid2d } from '../../engine/data/classification2d';
import { featureNames, featureRows } from '../../engine/data/features2dRows';
import { LineChart, type LineChartProps } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss, formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { OutputMap } from './OutputMap';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import './mlp.css';
import { WidgetFrame } from '../kit/WidgetFrame';
import { ConfusionMatrix } from './ConfusionMatrix';
import { NetworkColumns } from './NetworkColumns';
import { decodeDrawn, DRAWN_KEYS, encodeDrawn } from './drawnCodec';
import { buildData, configOf, pointsOf, GRID, hiddenOf, isRegression, PLAYGROUND_PARAMS, type DrawnPoint } from './playgroundParams';
import { useStopCondition } from './useStopCondition';
import { useThrottled } from './useThrottled';

/** Controls re-render only when their values change, not at every view of the training run. */
const Controls = memo(ParamControls, (a, b) => a.params.values === b.params.values && a.params.errors === b.params.errors) as typeof ParamControls;
/** Metrics arrive every frame, views every 50 ms: the chart, maps and matrix redraw only when their data change. */
const Chart = memo(
  ({ version: _redrawKey, ...chart }: LineChartProps & { version: number }) => <LineChart {...chart} />,
  (a, b) => a.version === b.version && a.yLabel === b.yLabel,
);
const Confusion = memo(ConfusionMatrix);
const Network = memo(NetworkColumns);

type Preset = Partial<Record<keyof typeof PLAYGROUND_PARAMS | 'seed', string | number | boolean>>;

/**
 * The MLP playground: TensorFlow Playground's figure, trained in the worker with
 * cross-entropy (or squared error for regression), any optimiser, L1/L2, dropout,
 * per-neuron maps, train/test curves, a confusion matrix and a stop rule.
 */
export function Playground({ id = 'pg', title = 'MLP playground', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PLAYGROUND_PARAMS, preset, DRAWN_KEYS);
  const v = params.values;
  // Drawn points travel in the share link as `<id>.pts0` / `<id>.pts1`; a bad list is refused with a message.
  const [linked] = useState(() => decodeDrawn(new URLSearchParams(window.location.search), id));
  const [drawn, setDrawn] = useState<DrawnPoint[]>(() => (linked?.ok ? linked.value : []));
  const [drawClass, setDrawClass] = useState(1);
  const data = useMemo(() => buildData(v, drawn), [v.data, v.n, v.noise, v.test, v.seed, drawn]); // only the settings the data depend on
  const config = configOf(v);
  const points = useMemo(() => pointsOf(data), [data]);
  const hiddenKey = hiddenOf(v).join(',');
  const hidden = useMemo(() => hiddenOf(v), [hiddenKey]); // by content: hiddenOf makes a new array each render
  const structural = JSON.stringify([hidden, v.act, v.features, isRegression(v.data), v.seed]);
  const trainer = useTrainer('mlp-classifier', config, v.seed, structural, { data: { points } });
  // The stop rule reads every view; the maps, chart and matrix redraw at most 8 times a second.
  const view = useThrottled(trainer.view, 125);
  const version = useThrottled(trainer.version, 125);
  const curve = (name: string) => ({ xs: trainer.series.get(name).xs, ys: trainer.series.get(name).ys });
  const nTrain = data.train.x.length;
  const stop = useStopCondition(trainer, { kind: v.stop, loss: v.stopLoss, epochs: v.stopEpochs }, v.batch, nTrain);
  const regression = isRegression(v.data);

  const features = useMemo(() => {
    const g = grid2d(GRID);
    return { rows: featureRows(v.features, g.x, g.y), names: featureNames(v.features) };
  }, [v.features]);

  const addPoint = useCallback((x: number, y: number) => setDrawn((d) => [...d, { x: Math.round(x * 1e4) / 1e4, y: Math.round(y * 1e4) / 1e4, label: drawClass }]), [drawClass]);
  const set = params.set;
  const setLayers = useCallback((n: number) => void set('layers', Math.max(0, Math.min(6, n))), [set]);
  const setUnits = useCallback((layer: number, n: number) => void set(`u${layer + 1}` as 'u1', Math.max(0, Math.min(16, n))), [set]);

  const probs = view?.probs ?? null;
  const num = (k: 'trainLoss' | 'testLoss' | 'testPlaygroundLoss' | 'testAccuracy' | 'parameters') => view?.[k];
  const hints: string[] = [];
  if (v.data === 'drawn' && drawn.length === 0) hints.push('No points yet: pick a class below the map, then click on the map to add points.');
  if (hidden.some((u) => u === 0)) hints.push('A hidden layer with zero units passes nothing on: give every layer at least one unit (or remove the layer).');
  if (nTrain === 0 && !(v.data === 'drawn' && drawn.length === 0)) hints.push(`The split leaves no training points (test fraction ${v.test} of ${data.train.x.length + data.test.x.length}). Lower the test fraction.`);

  const summary = `${regression ? 'Regression' : 'Classification'} on ${v.data}, ${nTrain} training and ${data.test.x.length} test points, hidden layers [${hidden.join(', ')}] with ${v.act}. ` +
    `Epoch ${stop.epoch.toFixed(1)}: train loss ${formatLoss(num('trainLoss'))}, test loss ${formatLoss(num('testLoss'))}` +
    (regression ? '.' : `, test accuracy ${formatNumber(100 * (num('testAccuracy') ?? NaN), 3)}%.`);

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} summary={summary} className="widget-wide widget-pg" shareExtras={() => encodeDrawn(drawn)}>
      {linked && !linked.ok && <p className="widget-alert" role="alert" data-error>{linked.message} No drawn points were loaded.</p>}
      {hints.map((h) => <p key={h} className="widget-note" role="status" data-hint>{h}</p>)}
      {stop.report && <p className="widget-note pg-stopped" role="status" data-stopped={stop.report.seconds.toFixed(3)} data-stop-step={stop.report.step} data-stop-epoch={stop.report.epoch.toFixed(2)}>{stop.report.text}</p>}
      <div className="pg">
        <div className="pg-col pg-data">
          <Controls params={params} keys={['data', 'n', 'noise', 'test', 'features']} />
        </div>
        <Network
          features={features}
          hidden={hidden}
          neurons={view?.neurons ?? null}
          activation={v.act}
          showMaps={v.maps}
          onLayers={setLayers}
          onUnits={setUnits}
        />
        <div className="pg-col pg-out">
          <OutputMap probs={probs} size={GRID} train={data.train} test={data.test} width={240}
            label={regression ? 'network output ŷ (blue −1, orange +1)' : 'decision regions'} onClickPoint={addPoint} />
          <div className="pg-draw" role="group" aria-label="draw points">
            <span>Click the map to add</span>
            {[0, 1].map((c) => (
              <button key={c} data-action={`draw-${c}`} aria-pressed={drawClass === c} onClick={() => setDrawClass(c)} style={{ borderColor: seriesColor(c), fontWeight: drawClass === c ? 700 : 400 }}>
                {regression ? (c ? '+1' : '−1') : `class ${c}`}
              </button>
            ))}
            <button data-action="clear-drawn" onClick={() => setDrawn([])} disabled={!drawn.length}>Clear {drawn.length || ''}</button>
          </div>
          <dl className="pg-stats">
            <dt>epoch</dt><dd data-readout="epoch">{stop.epoch.toFixed(1)}</dd>
            <dt>train loss</dt><dd>{formatLoss(num('trainLoss'))}</dd>
            <dt>test loss</dt><dd data-readout="test-loss">{formatLoss(num('testLoss'))}</dd>
            {!regression && <><dt title="½(o − t)², o = P(1) − P(0), t = ±1">TF Playground’s test loss</dt><dd>{formatLoss(num('testPlaygroundLoss'))}</dd></>}
            {!regression && <><dt>test accuracy</dt><dd>{Number.isFinite(num('testAccuracy')) ? `${(100 * num('testAccuracy')!).toFixed(1)}%` : '–'}</dd></>}
            <dt>parameters</dt><dd>{num('parameters') ?? '–'}</dd>
            <dt>time running</dt><dd>{stop.seconds().toFixed(1)} s</dd>
          </dl>
        </div>
        <div className="pg-col pg-curves">
          <Chart
            series={[
              { label: 'train loss', ...curve('train loss'), color: seriesColor(0) },
              { label: 'test loss', ...curve('test loss'), color: seriesColor(5) },
            ]}
            yLabel={regression ? '½ squared error' : 'cross-entropy'}
            logY
            version={version}
          />
          {!regression && view?.confusion !== undefined && <Confusion counts={view.confusion} classes={2} />}
        </div>
      </div>
      <Controls params={params} keys={['act', 'lr', 'opt', 'batch', 'reg', 'regRate', 'dropout', 'stop', 'stopLoss', 'stopEpochs', 'maps', 'seed']} />
    </WidgetFrame>
  );
}
