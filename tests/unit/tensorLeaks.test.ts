/**
 * Every tensor is owned: tf.memory().numTensors stays flat while training and
 * returns to its starting count after dispose, through every trainer operation.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { linearData } from '../../src/engine/data/regression';
import { batchRaceSpec, linearRegressionSpec, type BatchRaceConfig, type LinearRegressionConfig } from '../../src/engine/models/linearRegression';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const count = () => tf.memory().numTensors;
const data = linearData({ n: 48, noise: 0.2, seed: 4 });
const other = linearData({ n: 30, noise: 0.5, seed: 99 });
const lr: LinearRegressionConfig = { ...data, loss: 'huber', learningRate: 0.05, batchSize: 8, huberDelta: 1 };
const race: BatchRaceConfig = { ...data, loss: 'l2', learningRate: 0.05, huberDelta: 1, batchSizes: [1, 8, 64] };

const cases = [
  { name: 'linear regression', make: () => new Trainer<unknown, unknown>(linearRegressionSpec, lr, 1), otherData: { ...lr, ...other } },
  { name: 'batch race', make: () => new Trainer<unknown, unknown>(batchRaceSpec, race, 1), otherData: { ...race, ...other } },
];

describe.each(cases)('$name: no tensor leaks', ({ make, otherData }) => {
  it('the count is flat over 500 steps and back to the start after dispose', async () => {
    const start = count();
    const t = make();
    const built = count();
    expect(built).toBeGreaterThan(start); // the weights and data exist...
    await t.step(1);
    // ...and the first step allocates nothing that outlives it (no lazily built optimizer state here).
    expect(count()).toBe(built);
    await t.step(500);
    expect(count()).toBe(built);
    for (let i = 0; i < 20; i++) await t.step(1);
    expect(count()).toBe(built);
    await t.view();
    expect(count()).toBe(built);
    t.dispose();
    expect(count()).toBe(start);
  });

  it('configure with new data swaps the data tensors without adding any', async () => {
    const start = count();
    const t = make();
    await t.step(3);
    const built = count();
    t.configure(otherData);
    expect(count()).toBe(built);
    await t.step(50);
    expect(count()).toBe(built);
    t.dispose();
    expect(count()).toBe(start);
  });

  it('reset frees the old model', async () => {
    const start = count();
    const t = make();
    await t.step(10);
    const built = count();
    for (let seed = 2; seed < 6; seed++) {
      t.reset(seed);
      await t.step(10);
      expect(count()).toBe(built);
    }
    t.dispose();
    expect(count()).toBe(start);
  });

  it('exportWeights then rebuild keeps the count and the weights', async () => {
    const start = count();
    const t = make();
    await t.step(25);
    const built = count();
    const viewBefore = await t.view();
    const weights = await t.exportWeights();
    t.rebuild(weights);
    expect(count()).toBe(built);
    expect(await t.view()).toEqual(viewBefore);
    t.rebuild(null); // fresh weights from the seed
    expect(count()).toBe(built);
    t.dispose();
    expect(count()).toBe(start);
  });

  it('a diverged run leaks nothing either', async () => {
    const start = count();
    const t = make();
    // L2: Huber's gradient is bounded, so it oscillates rather than overflowing.
    t.configure({ ...(otherData as object), loss: 'l2', learningRate: 80 } as never);
    const built = count();
    const m = await t.step(60); // L2 at lr 80 overflows float32 within about 20 steps
    expect(m.state).toBe('diverged');
    expect(count()).toBe(built);
    t.dispose();
    expect(count()).toBe(start);
  });
});
