/**
 * Chapter 1's linear models, chapter 3's curve fit and chapter 5's polynomial models take their points on the data
 * path (`points`) instead of inside the config: the same points train the same way step by step, a reset keeps
 * them, bad points are refused with a message (the last good ones stay), and no tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataPayload, ModelSpec } from '../../src/engine/model';
import { curveFitSpec } from '../../src/engine/models/curveFit';
import { batchRaceSpec, linearRegressionSpec } from '../../src/engine/models/linearRegression';
import { polynomialKFoldSpec, polynomialSpec } from '../../src/engine/models/polynomial';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const xs = Array.from({ length: 12 }, (_, i) => -1 + (2 * i) / 11);
const ys = xs.map((x) => 0.5 * x * x - x + 0.1 * Math.sin(7 * x));

interface Case {
  name: string;
  spec: ModelSpec<object, object>;
  settings: object;
  points: Record<string, number[]>;
  steps: number;
}

const cases: Case[] = [
  { name: 'linear-regression', spec: linearRegressionSpec as unknown as ModelSpec<object, object>, settings: { loss: 'huber', learningRate: 0.1, batchSize: 4, huberDelta: 0.5 }, points: { xs, ys }, steps: 5 },
  { name: 'linear-regression-batches', spec: batchRaceSpec as unknown as ModelSpec<object, object>, settings: { loss: 'l2', learningRate: 0.1, huberDelta: 1, batchSizes: [1, 4, 12] }, points: { xs, ys }, steps: 5 },
  { name: 'curve-fit', spec: curveFitSpec as unknown as ModelSpec<object, object>, settings: { units: 3, activation: 'relu', learningRate: 0.05 }, points: { xs, ys, gridXs: [-1, 0, 1] }, steps: 4 },
  { name: 'polynomial', spec: polynomialSpec as unknown as ModelSpec<object, object>, settings: { degree: 3, l2: 0.01, learningRate: 0.05, optimizer: 'adam' }, points: { xs, ys, valXs: xs.slice(0, 4), valYs: ys.slice(0, 4) }, steps: 5 },
  { name: 'polynomial-kfold', spec: polynomialKFoldSpec as unknown as ModelSpec<object, object>, settings: { k: 3, degree: 2, l2: 0, learningRate: 0.05, optimizer: 'adam', stepsPerFold: 2, foldSeed: 1 }, points: { xs, ys }, steps: 5 },
];

async function losses(t: Trainer<object, object>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await t.step(1)).loss as number);
  return out;
}

describe.each(cases)('$name on the data path', ({ spec, settings, points, steps }) => {
  it('trains as the inline points do, step by step; a reset keeps the points; the views agree', async () => {
    const a = new Trainer(spec, { ...settings, ...points }, 3);
    const b = new Trainer(spec, settings, 3);
    expect(await b.view()).toEqual({}); // no points yet: it waits
    b.setData('points', points);
    expect(await losses(b, steps)).toEqual(await losses(a, steps));
    expect(await b.view()).toEqual(await a.view());
    b.reset(3);
    a.reset(3);
    expect(await losses(b, steps)).toEqual(await losses(a, steps));
    a.dispose();
    b.dispose();
  });

  it('refuses bad points with a message, keeps the last good ones, and owns every tensor', async () => {
    const start = tf.memory().numTensors;
    const ref = new Trainer(spec, { ...settings, ...points }, 4);
    const t = new Trainer(spec, settings, 4);
    t.setData('points', points);
    await t.step(2);
    const during = tf.memory().numTensors;
    const bad: DataPayload[] = [{ ...points, ys: ys.slice(1) }, { ...points, xs: [], ys: [] }, { ...points, ys: [NaN, ...ys.slice(1)] }];
    const messages = [/same length/, /No points|at least/i, /finite/];
    for (let i = 0; i < bad.length; i++) {
      t.setData('points', bad[i]);
      expect(t.state).toBe('error');
      expect(t.message).toMatch(messages[i]);
      t.reset(4); // the last good points, replayed
      expect(t.state).toBe('idle');
      await t.step(2);
      expect(tf.memory().numTensors).toBe(during);
    }
    t.reset(4);
    expect(await losses(t, steps)).toEqual(await losses(ref, steps));
    ref.dispose();
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('points that change', () => {
  it('new points keep a linear fit\'s weights, as a changed inline config did', async () => {
    const a = new Trainer(linearRegressionSpec, { loss: 'l2', learningRate: 0.1, batchSize: 12, huberDelta: 1, xs, ys }, 5);
    const b = new Trainer(linearRegressionSpec, { loss: 'l2', learningRate: 0.1, batchSize: 12, huberDelta: 1 }, 5);
    b.setData('points', { xs, ys });
    await a.step(3);
    await b.step(3);
    const moved = ys.map((y, i) => (i === 0 ? y + 1 : y));
    a.configure({ loss: 'l2', learningRate: 0.1, batchSize: 12, huberDelta: 1, xs, ys: moved });
    b.setData('points', { xs, ys: moved });
    expect(await losses(b, 3)).toEqual(await losses(a, 3));
    a.dispose();
    b.dispose();
  });

  it('k-fold refuses fewer points than folds with a message', async () => {
    const t = new Trainer(polynomialKFoldSpec, cases[4].settings as never, 1);
    t.setData('points', { xs: [0, 1], ys: [0, 1] });
    expect(t.message).toMatch(/at least K = 3 points/);
    t.setData('points', { xs, ys });
    expect(t.state).toBe('idle');
    t.dispose();
  });
});
