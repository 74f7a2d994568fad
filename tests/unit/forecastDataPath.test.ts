/**
 * Chapter 7's forecaster takes a drawn series on the data path (`series`) instead of inside the config: it trains
 * as the same series inline does, a reset keeps it, a series too short is refused with a message (the last good
 * one stays), and no tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { forecastSpec, type ForecastConfig } from '../../src/engine/models/forecast';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const settings: ForecastConfig = { source: 'drawn', dataUrl: '', lookBack: 5, units: 4, learningRate: 0.01, batchSize: 8, horizon: 3 };
const series = Array.from({ length: 30 }, (_, i) => 0.5 + 0.3 * Math.sin(i / 2));

async function losses<C, V, Q, A>(t: Trainer<C, V, Q, A>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await t.step(1)).loss as number);
  return out;
}

describe('forecast on the data path', () => {
  it('trains as the inline series does; a reset keeps the series', async () => {
    const a = new Trainer(forecastSpec, { ...settings, drawn: series }, 2);
    const b = new Trainer(forecastSpec, settings, 2);
    b.setData('series', series);
    expect(await losses(b, 4)).toEqual(await losses(a, 4));
    b.reset(2);
    a.reset(2);
    expect(await losses(b, 3)).toEqual(await losses(a, 3));
    expect((await b.view()).oneStep).toEqual((await a.view()).oneStep);
    a.dispose();
    b.dispose();
  });

  it('refuses a series of one point with a message; the last good series trains again after a reset', async () => {
    const start = tf.memory().numTensors;
    const ref = new Trainer(forecastSpec, { ...settings, drawn: series }, 3);
    const t = new Trainer(forecastSpec, settings, 3);
    expect(await t.view()).toEqual({});
    t.setData('series', series);
    t.setData('series', [0.5]);
    expect(t.state).toBe('error');
    expect(t.message).toMatch(/at least 12 points/);
    t.reset(3);
    expect(await losses(t, 3)).toEqual(await losses(ref, 3));
    ref.dispose();
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
