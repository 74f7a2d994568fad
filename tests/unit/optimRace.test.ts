/** The optimiser race and the schedule comparison: they descend, their updates follow the book's equations, they own every tensor. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { SURFACES, type SurfaceName } from '../../src/engine/math/surfaces';
import type { MlpClassifierConfig } from '../../src/engine/models/mlpClassifier';
import { optimizerRaceSpec, RACE_PRESETS, type OptimizerRaceConfig, type RacerSettings } from '../../src/engine/models/optimizerRace';
import { scheduleCompareSpec } from '../../src/engine/models/scheduleCompare';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const race = (surface: SurfaceName, overrides: Partial<OptimizerRaceConfig> = {}): OptimizerRaceConfig => ({
  surface, start: RACE_PRESETS[surface].start, racers: RACE_PRESETS[surface].racers, noise: 0, ...overrides,
});

/** The same update rules in plain numbers, written from the chapter's equations. */
export function simulate(surface: SurfaceName, start: [number, number], r: RacerSettings, steps: number): [number, number] {
  const s = SURFACES[surface];
  const p = [...start];
  const m = [0, 0];
  const v = [0, 0];
  for (let t = 1; t <= steps; t++) {
    const g = s.grad(p[0], p[1]);
    for (let i = 0; i < 2; i++) {
      if (r.kind === 'sgd') p[i] -= r.lr * g[i];
      else if (r.kind === 'momentum') {
        m[i] = r.beta1 * m[i] + g[i];
        p[i] -= r.lr * m[i];
      } else if (r.kind === 'rmsprop') {
        v[i] = r.beta2 * v[i] + (1 - r.beta2) * g[i] ** 2;
        p[i] -= (r.lr * g[i]) / (Math.sqrt(v[i]) + 1e-8);
      } else if (r.kind === 'adam') {
        m[i] = r.beta1 * m[i] + (1 - r.beta1) * g[i];
        v[i] = r.beta2 * v[i] + (1 - r.beta2) * g[i] ** 2;
        p[i] -= (r.lr * (m[i] / (1 - r.beta1 ** t))) / (Math.sqrt(v[i] / (1 - r.beta2 ** t)) + 1e-8);
      }
    }
  }
  return [p[0], p[1]];
}

describe('optimiser race', () => {
  it('every optimiser with its preset learning rate cuts the quadratic loss by 100x in 100 steps', async () => {
    const c = race('quadratic');
    const t = new Trainer(optimizerRaceSpec, c, 1);
    const start = SURFACES.quadratic.f(...c.start);
    await t.step(100);
    const v = await t.view();
    (v.losses as number[]).forEach((l) => expect(l).toBeLessThan(start / 100));
    expect(t.loss!).toBeLessThan(start / 100);
    t.dispose();
  });

  it('moves each racer exactly as the plain-number equations do', async () => {
    for (const surface of ['quadratic', 'rosenbrock', 'saddle'] as const) {
      const c = race(surface);
      const t = new Trainer(optimizerRaceSpec, c, 1);
      await t.step(20);
      const v = await t.view();
      c.racers.forEach((r, i) => {
        const [x, y] = simulate(surface, c.start, r, 20);
        expect(Math.abs((v.xs as number[])[i] - x)).toBeLessThan(1e-3 * Math.max(1, Math.abs(x)));
        expect(Math.abs((v.ys as number[])[i] - y)).toBeLessThan(1e-3 * Math.max(1, Math.abs(y)));
      });
      t.dispose();
    }
  });

  it('freezes a racer that flies off the plot and keeps the others going', async () => {
    const racers = RACE_PRESETS.rosenbrock.racers.map((r, i) => (i === 0 ? { ...r, lr: 0.05 } : r));
    const t = new Trainer(optimizerRaceSpec, race('rosenbrock', { racers }), 1);
    await t.step(50);
    const v = await t.view();
    expect(v.alive).toEqual([false, true, true, true]);
    expect(t.state).not.toBe('diverged');
    expect(Number.isFinite(t.loss)).toBe(true);
    t.dispose();
  });

  it('with gradient noise the run is reproducible from its seed and still descends', async () => {
    const run = async () => {
      const t = new Trainer(optimizerRaceSpec, race('quadratic', { noise: 1 }), 5);
      await t.step(60);
      const v = await t.view();
      t.dispose();
      return v;
    };
    const a = await run();
    const b = await run();
    expect(a.xs).toEqual(b.xs);
    (a.losses as number[]).forEach((l) => expect(l).toBeLessThan(SURFACES.quadratic.f(-3.5, 1.5) / 10));
  });

  it('keeps the tensor count flat over steps and returns to it after dispose', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(optimizerRaceSpec, race('bumpy', { noise: 0.5 }), 2);
    await t.step(1);
    await t.view();
    const after1 = tf.memory().numTensors;
    await t.step(100);
    await t.view();
    expect(tf.memory().numTensors).toBe(after1);
    t.configure(race('bumpy', { noise: 0, racers: RACE_PRESETS.bumpy.racers.map((r) => ({ ...r, kind: 'adagrad' as const })) }));
    await t.step(10);
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('schedule comparison', () => {
  const base = (): MlpClassifierConfig => {
    const { train, test } = splitTrainTest(dataset2d('circle', 200, 0.1, 1), 0.3, 1);
    return {
      train, test, features: 'xy', hidden: [16, 16], activation: 'tanh', batchNorm: false, init: 'auto',
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'momentum' }, learningRate: 0.1, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: 0, neuronMaps: false,
    };
  };
  const sched = { lr: 0.1, every: 200, factor: 0.3, total: 300, minLr: 0, warmup: 50 };

  it('starts both runs from the same weights, and both learn the circle', async () => {
    const t = new Trainer(scheduleCompareSpec, { base: base(), schedules: [{ ...sched, kind: 'constant' }, { ...sched, kind: 'warmup-cosine', lr: 0.2 }] }, 1);
    const v0 = await t.view();
    const l0 = v0.trainLoss as number[];
    expect(l0[0]).toBeCloseTo(l0[1], 6);
    await t.step(300);
    const v = await t.view();
    (v.trainLoss as number[]).forEach((l) => expect(l).toBeLessThan(0.3));
    // cosine ends at η_min = 0 after warm-up + T steps; warm-up starts at η0 / warmup
    expect((v.learningRate as number[])[0]).toBe(0.1);
    t.dispose();
  }, 60_000);

  it('keeps the tensor count flat and returns to it after dispose', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(scheduleCompareSpec, { base: base(), schedules: [{ ...sched, kind: 'step' }, { ...sched, kind: 'cosine' }] }, 2);
    await t.step(1);
    await t.view();
    const after1 = tf.memory().numTensors;
    await t.step(30);
    await t.view();
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  }, 60_000);
});
