import { useMemo, useState } from 'react';
import { BIRTHS_PATH } from '../../engine/data/births';
import type { ForecastConfig, ForecastErrors, ForecastView } from '../../engine/models/forecast';
import { FORECAST_DEFAULTS } from '../../engine/models/forecastData';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { usePublishPeer } from '../kit/peers';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer, type TrainerHandle } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { useThrottled } from '../mlp/useThrottled';
import { DrawSeries } from './DrawSeries';
import { SeriesPlot } from './SeriesPlot';
import './rnn.css';

const PARAMS = {
  source: { kind: 'choice', label: 'Series', default: 'births', options: ['births', 'drawn'], optionLabels: { births: 'US births a day, 1969-1988', drawn: 'a series you draw' } },
  lookBack: { kind: 'number', label: 'look_back (days in each window)', default: FORECAST_DEFAULTS.lookBack, min: 1, max: 90, integer: true },
  units: { kind: 'number', label: 'Units in each recurrent layer', default: FORECAST_DEFAULTS.units, min: 1, max: 128, integer: true },
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: FORECAST_DEFAULTS.learningRate, min: 1e-4, max: 0.1, log: true },
  horizon: { kind: 'number', label: 'Free-running horizon (days)', default: 28, min: 1, max: 120, integer: true },
  show: { kind: 'choice', label: 'Forecast shown', default: 'one-step', options: ['one-step', 'free'], optionLabels: { 'one-step': 'one step ahead (true inputs)', free: 'free-running (predictions fed back)' } },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const DRAWN_POINTS = 120;

/** What the LSTM explorer needs from this forecaster: its ask, and when the network changed. */
export interface ForecastPeer {
  ask: TrainerHandle<'forecast'>['ask'];
  step: number;
  state: string;
  lookBack: number;
  units: number;
}

const defaultDrawing = () => Array.from({ length: DRAWN_POINTS }, (_, i) => 0.5 + 0.3 * Math.sin((2 * Math.PI * i) / 12) + 0.1 * Math.sin((2 * Math.PI * i) / 40));
const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : Math.round(v).toLocaleString('en-GB'));

function ErrorTable({ view, drawn }: { view: ForecastView; drawn: boolean }) {
  // a drawn series lives in [0, 1]: whole numbers would print every error as 0
  const f = (x: number) => (drawn ? (Number.isFinite(x) ? x.toPrecision(3) : '–') : fmt(x));
  const rows: [string, ForecastErrors, ForecastErrors][] = [
    ['SimpleRNN + Dense(1)', view.oneStep.rnn, view.free.rnn],
    ['LSTM + Dense(1)', view.oneStep.lstm, view.free.lstm],
    ['naive: last value', view.oneStep.last, view.free.last],
    [drawn ? 'naive: 7 points back' : 'naive: same weekday last week', view.oneStep.lastWeek, view.free.lastWeek],
  ];
  const best1 = Math.min(...rows.map((r) => r[1].rmse));
  const bestF = Math.min(...rows.map((r) => r[2].rmse));
  return (
    <table className="rnn-table" aria-label="forecast errors on the held-out days">
      <thead>
        <tr><th>forecaster</th><th>one step: RMSE</th><th>MAE</th><th>free-running: RMSE</th><th>MAE</th></tr>
      </thead>
      <tbody>
        {rows.map(([name, one, free]) => (
          <tr key={name} data-forecaster={name}>
            <td>{name}</td>
            <td className={one.rmse === best1 ? 'best' : ''} data-rmse={one.rmse}>{f(one.rmse)}</td>
            <td>{f(one.mae)}</td>
            <td className={free.rmse === bestF ? 'best' : ''}>{f(free.rmse)}</td>
            <td>{f(free.mae)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The notes' two Keras models, SimpleRNN(q)+Dense(1) and LSTM(q)+Dense(1), trained side by side on look_back
 * windows of a min-max-scaled series; their held-out forecasts (one step and free-running) against the truth,
 * beside the naive baselines, with every error in the series' own units.
 */
export function ForecastCompare({ id = 'forecast', title = 'Forecasting births: SimpleRNN against LSTM', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const [drawing, setDrawing] = useState<number[]>(defaultDrawing);
  // Each drawing trained on gets a number: a new one rebuilds the trainer without serialising the series.
  const [trained, setTrained] = useState<{ series: number[]; version: number }>(() => ({ series: drawing, version: 0 }));
  const setDrawn = (series: number[]) => setTrained((t) => ({ series, version: t.version + 1 }));
  const dataUrl = useMemo(() => new URL(BIRTHS_PATH, document.baseURI).href, []);
  // The drawn series goes on the data path, sent once per drawing; the births are loaded by the worker itself.
  const config: ForecastConfig = { source: v.source, dataUrl, lookBack: v.lookBack, units: v.units, learningRate: v.lr, batchSize: FORECAST_DEFAULTS.batchSize, horizon: v.horizon };
  const structural = JSON.stringify([v.source, v.lookBack, v.units, v.seed, v.source === 'drawn' ? trained.version : 0]);
  const data = useMemo(() => (v.source === 'drawn' ? { series: trained.series } : undefined), [v.source, trained]);
  const trainer = useTrainer('forecast', config, v.seed, structural, { data });
  // a view without its forecasts (none yet, or a model that refused its settings) draws nothing but the message
  const latest = trainer.view && Array.isArray(trainer.view.truth) && trainer.view.oneStep ? trainer.view : undefined;
  // The forecasts (four 366-day paths and the error table) redraw at most twice a second: at the view's
  // 20 Hz they cost the main thread a long task now and then on a loaded machine, for no visible gain.
  const view = useThrottled(latest, 500);
  const peer = useMemo<ForecastPeer>(() => ({ ask: trainer.ask, step: trainer.steps, state: trainer.state, lookBack: v.lookBack, units: v.units }), [trainer.ask, trainer.steps, trainer.state, v.lookBack, v.units]);
  usePublishPeer<ForecastPeer>(id, peer);
  const s = trainer.series;
  const loss = (name: 'RNN training loss' | 'LSTM training loss', i: number) => ({ label: name, xs: s.get(name).xs, ys: s.get(name).ys, color: seriesColor(i) });
  const rmse = (name: 'RNN held-out RMSE' | 'LSTM held-out RMSE', i: number) => ({ label: name, xs: s.get(name).xs, ys: s.get(name).ys, color: seriesColor(i) });
  const free = v.show === 'free';
  const n = view ? (free ? view.lstmFree.length : view.truth.length) : 0;
  const unit = v.source === 'births' ? 'births a day' : 'value';
  const forecastBlock = useMemo(() => view && (
        <div className="widget-grid">
          <SeriesPlot
            n={n}
            labels={[view.shownDates[0] ?? '', view.shownDates[n - 1] ?? '']}
            yLabel={unit}
            aria={`held-out truth against the forecasts, ${free ? 'free-running' : 'one step ahead'}`}
            lines={[
              { label: 'truth', ys: view.truth.slice(0, n), color: 'var(--fg)', width: 2.2 },
              { label: free ? 'last value held' : 'last value', ys: free ? Array<number>(n).fill(view.naiveLast[0]) : view.naiveLast, color: '#999', dash: '2 3' },
              { label: 'SimpleRNN', ys: free ? view.rnnFree : view.rnnOneStep, color: seriesColor(1) },
              { label: 'LSTM', ys: free ? view.lstmFree : view.lstmOneStep, color: seriesColor(0), width: 2 },
            ]}
          />
          <div style={{ flex: '1 1 16rem' }}>
            <ErrorTable view={view} drawn={v.source === 'drawn'} />
            <p className="rnn-note">
              Errors in {unit} over all {view.testDays} held-out {v.source === 'births' ? 'days' : 'points'} (one step) and the first {Math.min(v.horizon, view.testDays)} (free-running).
              Parameters: SimpleRNN({v.units}) {view.counts.rnn.toLocaleString('en-GB')}, LSTM({v.units}) {view.counts.lstm.toLocaleString('en-GB')}, Dense(1) {view.counts.dense} each.
              {' '}{view.trainWindows.toLocaleString('en-GB')} training windows.
            </p>
          </div>
        </div>
  ), [view, free, n, unit, v.source, v.horizon, v.units]);
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={view ? `Held-out ${view.testDays} ${v.source === 'births' ? 'days' : 'points'}, one step ahead, RMSE: LSTM ${fmt(view.oneStep.lstm.rmse)}, SimpleRNN ${fmt(view.oneStep.rnn.rmse)}, last value ${fmt(view.oneStep.last.rmse)}, same weekday last week ${fmt(view.oneStep.lastWeek.rmse)}.` : undefined}>
      {v.source === 'drawn' && (
        <div>
          <DrawSeries values={drawing} onChange={setDrawing} />
          <p className="rnn-note">
            Drag to draw; the last quarter is held out. <button data-action="use-drawing" onClick={() => setDrawn(drawing)}>Train on this drawing</button>{' '}
            <button data-action="one-point" onClick={() => setDrawn([0.5])}>Try a series of one point</button>
          </p>
        </div>
      )}
      {forecastBlock}
      <div className="widget-grid">
        <LineChart yLabel="squared error (scaled)" logY series={[loss('RNN training loss', 1), loss('LSTM training loss', 0)]} />
        <LineChart yLabel={`held-out RMSE (${unit})`} series={[rmse('RNN held-out RMSE', 1), rmse('LSTM held-out RMSE', 0)]} />
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
