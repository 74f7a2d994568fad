import * as tf from '@tensorflow/tfjs';
import { birthsStore, type BirthsData } from '../data/births';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { ParamStore } from '../nn/params';
import { LstmCell, SimpleRnnCell, type LstmGates } from '../nn/recurrent';
import { runSequence } from '../nn/sequence';
import { Forecaster, freeRun } from './forecaster';
import { createRng } from '../rng';
import { errors, FORECAST_DEFAULTS, fitMinMax, naiveFreeRun, naiveOneStep, scale, unscale, windows, type MinMax } from './forecastData';

/**
 * Chapter 7's forecaster: the notes' SimpleRNN(q)+Dense(1) and LSTM(q)+Dense(1), trained side by side
 * on look_back windows of a min-max-scaled series (the daily US births, or a series the reader draws),
 * judged on held-out days one step ahead and free-running, beside the naive baselines.
 */
export interface ForecastConfig {
  source: 'births' | 'drawn';
  /** The packed births file's URL (source 'births'); '' in Node tests, where the store is provided. */
  dataUrl: string;
  /**
   * The reader's series (source 'drawn') inline: for tests and the probe. The widget sends it on the data path
   * instead (`useTrainer(..., { data: { series } })`, received as `series`), so the config stays small.
   */
  drawn?: number[];
  lookBack: number;
  units: number;
  learningRate: number;
  batchSize: number;
  /** Days the free-running forecast feeds its own predictions back. */
  horizon: number;
}

/** The births' last year (1988) is held out; a drawn series keeps its last quarter. */
export const BIRTHS_TEST_DAYS = 366;
export const MIN_DRAWN_POINTS = 12;
export const SHOWN_DAYS = 84;

/** Errors in the series' own units (births a day) over every held-out day (one step) or the horizon (free-running). */
export interface ForecastErrors {
  rmse: number;
  mae: number;
}

export interface ForecastView {
  /** Index of the first held-out day and the days shown from there. */
  testStart: number;
  shownDates: string[];
  truth: number[];
  rnnOneStep: number[];
  lstmOneStep: number[];
  rnnFree: number[];
  lstmFree: number[];
  naiveLast: number[];
  naiveWeek: number[];
  oneStep: { rnn: ForecastErrors; lstm: ForecastErrors; last: ForecastErrors; lastWeek: ForecastErrors };
  free: { rnn: ForecastErrors; lstm: ForecastErrors; last: ForecastErrors; lastWeek: ForecastErrors };
  counts: { rnn: number; lstm: number; dense: number };
  trainWindows: number;
  testDays: number;
  series: { 'RNN training loss': number; 'LSTM training loss': number; 'RNN held-out RMSE': number; 'LSTM held-out RMSE': number };
}

/** Ask the trained LSTM for its gates over one held-out window (the cell explorer). */
export interface ForecastRequest {
  kind: 'gates';
  /** Offset of the window's first day from the first held-out day. */
  offset: number;
}

/** Per step t (0 … look_back − 1) and unit: the scaled input x_t and each gate's values (steps x units, row-major). */
export interface ForecastAnswer {
  inputs: number[];
  dates: string[];
  units: number;
  gates: Record<keyof LstmGates, number[]>;
  /** The window's one-step prediction and the truth, in the series' units. */
  prediction: number;
  truth: number;
}

interface Series {
  values: Float64Array;
  dates: string[];
  testStart: number;
}

function seriesOf(c: ForecastConfig): Series {
  if (c.source === 'drawn') {
    const v = (c.drawn ?? []).filter((x) => Number.isFinite(x));
    if (v.length < MIN_DRAWN_POINTS) throw new ConfigError(`Draw at least ${MIN_DRAWN_POINTS} points (the series has ${v.length}): the last quarter is held out, the rest trains.`);
    const testStart = v.length - Math.max(1, Math.floor(v.length / 4));
    return { values: Float64Array.from(v), dates: v.map((_, i) => `point ${i + 1}`), testStart };
  }
  const b: BirthsData = birthsStore.get();
  const dates: string[] = [];
  for (let i = 0; i < b.count; i++) dates.push(`${b.year[i]}-${String(b.month[i]).padStart(2, '0')}-${String(b.day[i]).padStart(2, '0')}`);
  return { values: Float64Array.from(b.births), dates, testStart: b.count - BIRTHS_TEST_DAYS };
}

function validate(c: ForecastConfig, s: Series): void {
  if (!Number.isInteger(c.lookBack) || c.lookBack < 1) throw new ConfigError('look_back must be a whole number of at least 1.');
  if (c.lookBack + 1 >= s.testStart) throw new ConfigError(`A look_back of ${c.lookBack} is longer than the ${s.testStart} training points allow: no window would have a target. Use at most ${Math.max(1, s.testStart - 2)}.`);
  if (c.lookBack < 7 && s.testStart < 8) throw new ConfigError('The series is too short for the weekly baseline.');
  if (!Number.isInteger(c.units) || c.units < 1 || c.units > 128) throw new ConfigError('Use 1 to 128 units.');
}

const round = (xs: ArrayLike<number>) => Array.from(xs, (x) => Math.round(x * 10) / 10);

export const forecastSpec: ModelSpec<ForecastConfig, ForecastView, ForecastRequest, ForecastAnswer> = {
  kind: 'forecast',
  probeConfig: { source: 'drawn', dataUrl: '', drawn: Array.from({ length: 80 }, (_, i) => Math.sin(i / 3)), ...FORECAST_DEFAULTS, horizon: 7 },
  async prepare(config) {
    if (config.source === 'births' && config.dataUrl) await birthsStore.load(config.dataUrl);
  },
  create(config, seed): Model<ForecastConfig, ForecastView, ForecastRequest, ForecastAnswer> {
    return config.source === 'drawn' && !config.drawn ? awaitingSeries(config, seed) : createForecaster(config, seed);
  },
};

/**
 * A drawn-series forecaster whose series comes on the data path (`series`): until it arrives there is nothing to
 * train; each series builds the two forecasters afresh from the seed (a new series is a new problem), and one that
 * cannot train is refused with a message while the last good one stays.
 */
function awaitingSeries(config: ForecastConfig, seed: number): Model<ForecastConfig, ForecastView, ForecastRequest, ForecastAnswer> {
  let c = config;
  let inner: Model<ForecastConfig, ForecastView, ForecastRequest, ForecastAnswer> | null = null;
  const ready = () => {
    if (!inner) throw new ConfigError(`Draw at least ${MIN_DRAWN_POINTS} points, then train on the drawing.`);
    return inner;
  };
  return {
    step: () => ready().step(),
    configure(next) {
      if (next.source !== c.source || next.lookBack !== c.lookBack || next.units !== c.units) throw new ConfigError('Changing the series, look_back or units needs a reset.');
      c = { ...next, drawn: c.drawn };
      inner?.configure(c);
    },
    receiveData(name, payload) {
      if (name !== 'series') throw new ConfigError(`The forecaster takes only a series, not "${name}".`);
      if (!(Array.isArray(payload) || payload instanceof Float32Array)) throw new ConfigError('The drawn series must be a list of numbers.');
      const drawn = Array.from(payload as ArrayLike<number>);
      const next = createForecaster({ ...c, drawn }, seed);
      inner?.dispose();
      inner = next;
      c = { ...c, drawn };
    },
    view: () => (inner ? inner.view() : Promise.resolve({} as ForecastView)),
    answer: (req) => ready().answer!(req),
    variables: () => inner?.variables() ?? [],
    dispose: () => inner?.dispose(),
  };
}

function createForecaster(config: ForecastConfig, seed: number): Model<ForecastConfig, ForecastView, ForecastRequest, ForecastAnswer> {
    let c = config;
    const s = seriesOf(c);
    validate(c, s);
    const rng = createRng(seed);
    const params = new ParamStore(rng);
    const rnn = new Forecaster(new SimpleRnnCell(params, 1, c.units), params);
    const lstm = new Forecaster(new LstmCell(params, 1, c.units), params);
    const mm: MinMax = fitMinMax(s.values, s.testStart);
    const scaled = scale(s.values, mm);
    const train = windows(scaled, c.lookBack, 0, s.testStart);
    const test = windows(scaled, c.lookBack, s.testStart, s.values.length);
    const testTruth = Array.from(s.values.subarray(s.testStart));
    const naive = naiveOneStep(s.values, s.testStart, s.values.length);
    const testX = tf.tensor3d(test.x, [test.count, c.lookBack, 1]);
    const L = c.lookBack;
    // a fixed sample of training windows for the loss curves, so that the curves are not minibatch noise
    const evalIdx = Array.from({ length: Math.min(512, train.count) }, (_, k) => Math.floor((k * train.count) / Math.min(512, train.count)));
    const evalX = tf.tensor3d(Float32Array.from(evalIdx.flatMap((j) => Array.from(train.x.subarray(j * c.lookBack, (j + 1) * c.lookBack)))), [evalIdx.length, c.lookBack, 1]);
    const evalY = tf.tensor2d(Float32Array.from(evalIdx.map((j) => train.y[j])), [evalIdx.length, 1]);
    return {
      step() {
        const b = Math.min(c.batchSize, train.count);
        const xb = new Float32Array(b * L);
        const yb = new Float32Array(b);
        for (let k = 0; k < b; k++) {
          const j = Math.floor(rng.next() * train.count);
          xb.set(train.x.subarray(j * L, (j + 1) * L), k * L);
          yb[k] = train.y[j];
        }
        const x = tf.tensor3d(xb, [b, L, 1]);
        const y = tf.tensor2d(yb, [b, 1]);
        const lr = rnn.train(x, y, c.learningRate);
        const ll = lstm.train(x, y, c.learningRate);
        // the sum is what data-loss shows; the view reports each model's loss on a fixed sample
        return tf.add(lr, ll) as tf.Scalar;
      },
      configure(next) {
        if (next.source !== c.source || next.lookBack !== c.lookBack || next.units !== c.units || next.drawn !== c.drawn) throw new ConfigError('Changing the series, look_back or units needs a reset.');
        c = next;
      },
      async view(): Promise<ForecastView> {
        const outs = tf.tidy(() => [rnn.predict(testX), lstm.predict(testX), ...[rnn, lstm].map((f) => tf.mean(tf.square(tf.sub(f.predict(evalX), evalY))))]);
        const [dr, dl, er, el] = await Promise.all(outs.map((t) => t.data()));
        outs.forEach((t) => t.dispose());
        const lastLoss = { rnn: er[0], lstm: el[0] };
        const r1 = Array.from(dr, (v) => unscale(v, mm));
        const l1 = Array.from(dl, (v) => unscale(v, mm));
        const horizon = Math.max(1, Math.min(c.horizon, testTruth.length));
        const [fr, fl] = await Promise.all([freeRun(rnn, scaled, L, s.testStart, horizon), freeRun(lstm, scaled, L, s.testStart, horizon)]);
        const rFree = Array.from(fr, (v) => unscale(v, mm));
        const lFree = Array.from(fl, (v) => unscale(v, mm));
        const nf = naiveFreeRun(s.values, s.testStart, horizon);
        const freeTruth = testTruth.slice(0, horizon);
        const shown = Math.min(SHOWN_DAYS, testTruth.length);
        const oneStep = { rnn: errors(r1, testTruth), lstm: errors(l1, testTruth), last: errors(naive.last, testTruth), lastWeek: errors(naive.lastWeek, testTruth) };
        return {
          testStart: s.testStart,
          shownDates: s.dates.slice(s.testStart, s.testStart + shown),
          truth: testTruth.slice(0, shown),
          rnnOneStep: round(r1.slice(0, shown)),
          lstmOneStep: round(l1.slice(0, shown)),
          rnnFree: round(rFree),
          lstmFree: round(lFree),
          naiveLast: Array.from(naive.last.subarray(0, shown)),
          naiveWeek: Array.from(naive.lastWeek.subarray(0, shown)),
          oneStep,
          free: { rnn: errors(rFree, freeTruth), lstm: errors(lFree, freeTruth), last: errors(nf.last, freeTruth), lastWeek: errors(nf.lastWeek, freeTruth) },
          counts: { rnn: rnn.cell.weights().reduce((a, w) => a + w.size, 0), lstm: lstm.cell.weights().reduce((a, w) => a + w.size, 0), dense: rnn.head.kernel.size + (rnn.head.bias?.size ?? 0) },
          trainWindows: train.count,
          testDays: testTruth.length,
          series: { 'RNN training loss': lastLoss.rnn, 'LSTM training loss': lastLoss.lstm, 'RNN held-out RMSE': oneStep.rnn.rmse, 'LSTM held-out RMSE': oneStep.lstm.rmse },
        };
      },
      async answer(req): Promise<ForecastAnswer> {
        const k = Math.max(0, Math.min(test.count - 1, Math.floor(Number.isFinite(req.offset) ? req.offset : 0)));
        const win = test.x.subarray(k * L, (k + 1) * L);
        const names: (keyof LstmGates)[] = ['i', 'f', 'o', 'candidate', 'c', 'h'];
        const out = tf.tidy(() => {
          const x = tf.tensor3d(win, [1, L, 1]);
          const r = runSequence(lstm.cell, x, undefined, { keepGates: true });
          const gates = r.gates as LstmGates[];
          const pred = lstm.head.apply(r.final.h);
          return [...names.map((n) => tf.concat(gates.map((g) => g[n]), 0)), pred];
        });
        const data = await Promise.all(out.map((t) => t.data()));
        out.forEach((t) => t.dispose());
        const gates = Object.fromEntries(names.map((n, j) => [n, Array.from(data[j])])) as Record<keyof LstmGates, number[]>;
        const t = s.testStart + k;
        return { inputs: Array.from(win), dates: s.dates.slice(t - L, t), units: c.units, gates, prediction: unscale(data[names.length][0], mm), truth: s.values[t] };
      },
      variables: () => [...params.variables(), ...rnn.opt.variables(), ...lstm.opt.variables()],
      dispose() {
        params.dispose();
        rnn.dispose();
        lstm.dispose();
        [testX, evalX, evalY].forEach((t) => t.dispose());
      },
    };
}
