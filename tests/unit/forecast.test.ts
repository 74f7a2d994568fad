/**
 * Chapter 7's forecaster: the notes' parameter counts, the windowing and baselines, and that on the
 * births' held-out year the trained models beat the last-value baseline.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { birthsStore, parseBirths } from '../../src/engine/data/births';
import { ConfigError } from '../../src/engine/model';
import { forecastSpec, type ForecastConfig } from '../../src/engine/models/forecast';
import { Forecaster } from '../../src/engine/models/forecaster';
import { ParamStore } from '../../src/engine/nn/params';
import { LstmCell, SimpleRnnCell } from '../../src/engine/nn/recurrent';
import { createRng } from '../../src/engine/rng';
import { errors, fitMinMax, naiveFreeRun, naiveOneStep, recurrentParamCount, scale, windows } from '../../src/engine/models/forecastData';
import { bufferOf, packed } from './support/textDataFixture';

const base: ForecastConfig = { source: 'births', dataUrl: '', drawn: [], lookBack: 14, units: 50, learningRate: 0.005, batchSize: 32, horizon: 28 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  birthsStore.provide(parseBirths(bufferOf(packed('births'))));
});

describe('forecast data', () => {
  it('windows, scaling and the baselines', () => {
    const v = scale([2, 4, 6, 8, 10], fitMinMax([2, 4, 6, 8, 10], 3));
    expect(Array.from(v)).toEqual([0, 0.5, 1, 1.5, 2]);
    const w = windows(Float32Array.from([0, 1, 2, 3, 4]), 2, 0, 5);
    expect(w.count).toBe(3);
    expect(Array.from(w.x)).toEqual([0, 1, 1, 2, 2, 3]);
    expect(Array.from(w.y)).toEqual([2, 3, 4]);
    const vals = Array.from({ length: 20 }, (_, i) => i);
    expect(Array.from(naiveOneStep(vals, 10, 12).last)).toEqual([9, 10]);
    expect(Array.from(naiveOneStep(vals, 10, 12).lastWeek)).toEqual([3, 4]);
    expect(Array.from(naiveFreeRun(vals, 10, 9).lastWeek)).toEqual([3, 4, 5, 6, 7, 8, 9, 3, 4]);
    expect(errors([1, 3], [1, 1])).toEqual({ rmse: Math.sqrt(2), mae: 1 });
  });

  it('parameter counts as Keras reports them', () => {
    expect(recurrentParamCount(1, 1, 50)).toBe(2600);
    expect(recurrentParamCount(4, 1, 50)).toBe(10400);
    expect(recurrentParamCount(3, 1, 50)).toBe(7800);
  });
});

describe('forecast model', () => {
  it('has the Keras parameter counts: SimpleRNN(50) 2,600, LSTM(50) 10,400, Dense(1) 51', async () => {
    // a short drawn series keeps the view cheap on the cpu backend; the counts do not depend on the data
    const m = forecastSpec.create({ ...base, source: 'drawn', drawn: Array.from({ length: 40 }, (_, i) => Math.sin(i)), lookBack: 7, horizon: 3 }, 1);
    const v = await m.view();
    expect(v.counts).toEqual({ rnn: 2600, lstm: 10400, dense: 51 });
    m.dispose();
  });

  it('refuses a look_back longer than the series and a drawn series of one point', () => {
    expect(() => forecastSpec.create({ ...base, lookBack: 9000 }, 1)).toThrow(ConfigError);
    expect(() => forecastSpec.create({ ...base, source: 'drawn', drawn: [3] }, 1)).toThrow(/at least 12 points/);
    expect(() => forecastSpec.create({ ...base, source: 'drawn', drawn: Array.from({ length: 20 }, (_, i) => i), lookBack: 30 }, 1)).toThrow(/longer than/);
  });

  it('trains leak-free, and on the held-out year beats the last-value baseline', async () => {
    const m = forecastSpec.create({ ...base, units: 8, lookBack: 7, horizon: 7, learningRate: 0.01 }, 3);
    const before = tf.memory().numTensors;
    const first = await m.view();
    for (let i = 0; i < 250; i++) tf.tidy(() => m.step()).dispose();
    await m.answer!({ kind: 'gates', offset: 5 });
    expect(tf.memory().numTensors).toBe(before);
    const v = await m.view();
    console.log('one step', JSON.stringify(v.oneStep), 'free', JSON.stringify(v.free), 'loss', first.series, v.series);
    expect(v.series['LSTM training loss']).toBeLessThan(first.series['LSTM training loss']);
    expect(v.oneStep.lstm.rmse).toBeLessThan(v.oneStep.last.rmse);
    expect(v.oneStep.rnn.rmse).toBeLessThan(v.oneStep.last.rmse);
    const a = await m.answer!({ kind: 'gates', offset: 5 });
    expect(a.gates.f.length).toBe(7 * 8);
    expect(a.gates.f.every((g) => g > 0 && g < 1)).toBe(true);
    m.dispose();
  }, 300_000);
});

describe('numbers chapter 7 quotes', () => {
  it('match the data, the baselines and the parameter formula', async () => {
    const { readFileSync } = await import('node:fs');
    const page = readFileSync(new URL('../../chapters/07-rnn-lstm/index.mdx', import.meta.url), 'utf8');
    const b = birthsStore.get();
    const values = Array.from(b.births);
    const from = b.count - 366;
    const truth = values.slice(from);
    const naive = naiveOneStep(values, from, b.count);
    const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
    const phrases = [
      `${b.count.toLocaleString('en-GB')} days`,
      `range from ${fmt(Math.min(...values))} to ${fmt(Math.max(...values))} a day`,
      `3 January 1988? ${fmt(b.births[from + 2])}. The day before, a Saturday, ${fmt(b.births[from + 1])}; on the Tuesday after, ${fmt(b.births[from + 4])}.`,
      `off by ${fmt(errors(naive.last, truth).rmse)} births a day`,
      `The weekly forecast is off by ${fmt(errors(naive.lastWeek, truth).rmse)}`,
      `${fmt(recurrentParamCount(1, 1, 50))} numbers`,
      `$3 \\cdot 50 \\cdot 52 = ${recurrentParamCount(3, 1, 50).toLocaleString('en-GB').replace(',', '{,}')}$`,
      `= ${recurrentParamCount(4, 1, 50).toLocaleString('en-GB').replace(',', '{,}')}$ parameters`,
      `\\sigma(1) \\approx ${(1 / (1 + Math.exp(-1))).toFixed(2)}$`,
      `$e^{2.0} \\approx ${Math.exp(2).toFixed(1)}$`,
      `0.73^{30} \\approx 10^{${Math.round(Math.log10((1 / (1 + Math.exp(-1))) ** 30))}}$`,
    ];
    for (const p of phrases) expect(page, `chapter 7 should say "${p}"`).toContain(p);
    const jan = Array.from({ length: 31 }, (_, d) => `${b.weekday[from + d]}:${b.births[from + d]}`);
    console.log('Jan 1988 weekday:births', jan.join(' '));
    expect(b.year[from]).toBe(1988);
    expect(b.month[from]).toBe(1);
    expect(b.day[from]).toBe(1);
  });
});

describe('the forecaster training path', () => {
  it('the fused passes (rnnFast, lstmFast) train exactly as autodiff does', async () => {
    const rng = createRng(5);
    const [B, T] = [4, 6];
    const x = tf.tensor3d(Float32Array.from({ length: B * T }, () => rng.next()), [B, T, 1]);
    const y = tf.tensor2d(Float32Array.from({ length: B }, () => rng.next()), [B, 1]);
    for (const Cell of [SimpleRnnCell, LstmCell]) {
      const run = (path: 'fast' | 'autodiff') => {
        const params = new ParamStore(createRng(9));
        const f = new Forecaster(new Cell(params, 1, 5), params, path);
        const losses = [0, 1, 2].map(() => {
          const l = tf.tidy(() => f.train(x, y, 0.01));
          const v = l.dataSync()[0];
          l.dispose();
          return v;
        });
        const w = f.variables().map((v) => Array.from(v.dataSync()));
        f.dispose();
        params.dispose();
        return { losses, w };
      };
      const [fast, slow] = [run('fast'), run('autodiff')];
      fast.losses.forEach((l, k) => expect(l).toBeCloseTo(slow.losses[k], 5));
      fast.w.flat().forEach((v, k) => expect(v).toBeCloseTo(slow.w.flat()[k], 4));
    }
    tf.dispose([x, y]);
  });
});
