/** Every number chapter 4's prose quotes, computed here from the same code the widgets run. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { eigen2 } from '../../src/engine/math/eigen2';
import { SURFACES, taylor2, type SurfaceName } from '../../src/engine/math/surfaces';
import { optimizerRaceSpec, RACE_PRESETS, type OptimizerRaceConfig } from '../../src/engine/models/optimizerRace';
import { MlpClassifier, type MlpClassifierConfig } from '../../src/engine/models/mlpClassifier';
import { scheduleCompareSpec } from '../../src/engine/models/scheduleCompare';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { lrAt, type Schedule } from '../../src/engine/nn/schedules';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function raceView(surface: SurfaceName, steps: number, overrides: Partial<OptimizerRaceConfig> = {}) {
  const t = new Trainer(optimizerRaceSpec, { surface, start: RACE_PRESETS[surface].start, racers: RACE_PRESETS[surface].racers, noise: 0, ...overrides }, 1);
  await t.step(steps);
  const v = await t.view();
  t.dispose();
  return { xs: v.xs as number[], ys: v.ys as number[], losses: v.losses as number[] };
}

describe('chapter 4 numbers: curvature', () => {
  it('quadratic: eigenvalues 1 and 20, SGD stable below η = 0.1; at η = 0.09 y flips by −0.8 and x shrinks by 0.91 per step', () => {
    const e = eigen2(SURFACES.quadratic.hessian(0, 0));
    expect(e.values).toEqual([1, 20]);
    expect(2 / e.values[1]).toBeCloseTo(0.1, 12);
    expect(1 - 0.09 * 20).toBeCloseTo(-0.8, 12);
    expect(1 - 0.09 * 1).toBeCloseTo(0.91, 12);
    expect(SURFACES.quadratic.f(-3.5, 1.5)).toBeCloseTo(28.625, 12);
  });

  it('saddle: eigenvalues −2 and 2, escape along (0, 1); a step of 0.5 is predicted at −0.25 and is −0.234; minima (0, ±1.414) at −1', () => {
    const s = SURFACES.saddle;
    const e = eigen2(s.hessian(0, 0));
    expect(e.values).toEqual([-2, 2]);
    expect(e.vectors[0]).toEqual([0, 1]);
    expect(taylor2(s, 0, 0, 0, 0.5)).toBeCloseTo(-0.25, 12);
    expect(s.f(0, 0.5)).toBeCloseTo(-0.234375, 12);
    expect(s.f(0, Math.SQRT2)).toBeCloseTo(-1, 12);
  });

  it('Rosenbrock at its minimum (1, 1): eigenvalues 0.4 and 1001.6, condition number about 2500', () => {
    const [l1, l2] = eigen2(SURFACES.rosenbrock.hessian(1, 1)).values;
    expect(l1).toBeCloseTo(0.399, 3);
    expect(l2).toBeCloseTo(1001.6, 1);
    expect(Math.round(l2 / l1 / 100) * 100).toBe(2500);
  });
});

describe('chapter 4 numbers: the race', () => {
  it('Adam’s first step moves each coordinate by exactly η (0.3 on the quadratic)', async () => {
    const v = await raceView('quadratic', 1);
    expect(v.xs[3]).toBeCloseTo(-3.5 + 0.3, 5);
    expect(v.ys[3]).toBeCloseTo(1.5 - 0.3, 5);
  });

  it('many minima: SGD, RMSProp and Adam stop in the local minimum near (−2.02, 2.02) at loss about 1.3; momentum rolls on to (−1.01, 1.01) at 0.32', async () => {
    const v = await raceView('bumpy', 400);
    for (const i of [0, 2, 3]) {
      expect(v.xs[i]).toBeCloseTo(-2.02, 1);
      expect(v.ys[i]).toBeCloseTo(2.02, 1);
      expect(v.losses[i]).toBeCloseTo(1.3, 1);
    }
    expect(v.xs[1]).toBeCloseTo(-1.01, 2);
    expect(v.ys[1]).toBeCloseTo(1.01, 2);
    expect(v.losses[1]).toBeCloseTo(0.32, 2);
  });

  it('Rosenbrock: after 400 steps momentum and Adam are within 0.2 of (1, 1) with loss under 0.01; SGD is still at loss above 0.5', async () => {
    const v = await raceView('rosenbrock', 400);
    for (const i of [1, 3]) {
      expect(Math.hypot(v.xs[i] - 1, v.ys[i] - 1)).toBeLessThan(0.2);
      expect(v.losses[i]).toBeLessThan(0.01);
    }
    expect(v.losses[0]).toBeGreaterThan(0.5);
  });

  it('saddle: from y = 0 exactly no racer ever leaves the ridge; from y = 0.01 all four reach a minimum (loss −1.00) within 150 steps; noise σ = 0.1 frees them from y = 0', async () => {
    const stuck = await raceView('saddle', 150, { start: [-2.2, 0] });
    stuck.ys.forEach((y) => expect(y).toBe(0));
    stuck.losses.forEach((l) => expect(l).toBeGreaterThan(-1e-3));
    const free = await raceView('saddle', 150);
    free.losses.forEach((l) => expect(l).toBeCloseTo(-1, 2));
    const noisy = await raceView('saddle', 300, { start: [-2.2, 0], noise: 0.1 });
    noisy.losses.forEach((l) => expect(l).toBeLessThan(-0.9));
  });
});

describe('chapter 4 numbers: exercises and first steps', () => {
  it('the best fixed SGD rate on the quadratic is 2/21, shrinking the error by 19/21 ≈ 0.905 per step', () => {
    const eta = 2 / 21;
    expect(Math.abs(1 - eta)).toBeCloseTo(Math.abs(1 - 20 * eta), 12);
    expect(1 - eta).toBeCloseTo(19 / 21, 12);
    expect(Number((19 / 21).toFixed(3))).toBe(0.905);
    expect(eta).toBeCloseTo(0.095, 3);
  });

  it('RMSProp (ρ 0.9, η 0.1) first moves each coordinate by η/√0.1 ≈ 3.16 η', async () => {
    const v = await raceView('quadratic', 1);
    expect(v.xs[2]).toBeCloseTo(-3.5 + 0.1 / Math.sqrt(0.1), 4);
    expect(0.1 / Math.sqrt(0.1) / 0.1).toBeCloseTo(3.16, 2);
  });

  it('SGD at η = 0.11 on the quadratic leaves the plot; the others carry on', async () => {
    const racers = RACE_PRESETS.quadratic.racers.map((r, i) => (i === 0 ? { ...r, lr: 0.11 } : r));
    const t = new Trainer(optimizerRaceSpec, { surface: 'quadratic', start: [-3.5, 1.5], racers, noise: 0 }, 1);
    await t.step(60);
    expect((await t.view()).alive).toEqual([false, true, true, true]);
    t.dispose();
  });

  it('the schedule editor’s network has 354 weights and 140 training points', async () => {
    const { train, test } = splitTrainTest(dataset2d('circle', 200, 0.1, 1), 0.3, 1);
    expect(train.x.length).toBe(140);
    const base = {
      train, test, features: 'xy' as const, hidden: [16, 16], activation: 'tanh' as const, batchNorm: false, init: 'auto' as const,
      optimizer: DEFAULT_OPTIMIZER, learningRate: 0.1, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: 0, neuronMaps: false,
    };
    const m = new MlpClassifier(base, 1);
    expect((await m.view()).parameters).toBe(354);
    m.dispose();
  });
});

describe('chapter 4 numbers: leaving the saddle', () => {
  it('after 10 steps from (−2.2, 0.01) Adam and RMSProp are off the ridge (y > 0.3), SGD and momentum still on it (y < 0.1)', async () => {
    const v = await raceView('saddle', 10);
    expect(v.ys[3]).toBeGreaterThan(0.3);
    expect(v.ys[2]).toBeGreaterThan(0.3);
    expect(Math.abs(v.ys[0])).toBeLessThan(0.1);
    expect(Math.abs(v.ys[1])).toBeLessThan(0.1);
  });
});

/** The schedule editor's default network and data (seed 1), as the widget builds them. */
function circleBase(): MlpClassifierConfig {
  const { train, test } = splitTrainTest(dataset2d('circle', 200, 0.1, 1), 0.3, 1);
  return {
    train, test, features: 'xy', hidden: [16, 16], activation: 'tanh', batchNorm: false, init: 'auto',
    optimizer: { ...DEFAULT_OPTIMIZER, kind: 'momentum', beta1: 0.9 }, learningRate: 0.1, batchSize: 16, l1: 0, l2: 0, dropout: 0, gridSize: 0, neuronMaps: false,
  };
}

describe('chapter 4 numbers: schedules', () => {
  const s: Schedule = { kind: 'warmup-cosine', lr: 0.2, every: 200, factor: 0.3, total: 600, minLr: 0, warmup: 50 };
  it('warm-up + cosine (η0 0.2, 50 warm-up steps, T 600): 0.004 at step 0, 0.2 at step 49, 0.1 at step 350, 0 from step 650', () => {
    expect(lrAt(s, 0)).toBeCloseTo(0.004, 12);
    expect(lrAt(s, 49)).toBeCloseTo(0.2, 12);
    expect(lrAt(s, 350)).toBeCloseTo(0.1, 12);
    expect(lrAt(s, 650)).toBeCloseTo(0, 12);
    expect(lrAt({ ...s, kind: 'step' }, 450)).toBeCloseTo(0.2 * 0.09, 12);
  });

  it('default settings (constant 0.1 vs warm-up + cosine 0.2): after 600 steps B ends near 0.028, A near 0.037; both at 98.3% test accuracy', async () => {
    const base = circleBase();
    const t = new Trainer(scheduleCompareSpec, { base, schedules: [{ ...s, kind: 'constant', lr: 0.1 }, { ...s, lr: 0.2 }] }, 1);
    await t.step(600);
    const v = await t.view();
    const [a, b] = v.trainLoss as number[];
    expect(a).toBeCloseTo(0.037, 3);
    expect(b).toBeCloseTo(0.028, 3);
    (v.testAccuracy as number[]).forEach((acc) => expect(Math.round(acc * 1000) / 10).toBe(98.3));
    t.dispose();
  }, 120_000);

  it('circle, momentum, η0 = 0.5: a constant rate ends above 0.5 training loss after 600 steps, warm-up + cosine below 0.1', async () => {
    const base = circleBase();
    const t = new Trainer(scheduleCompareSpec, { base, schedules: [{ ...s, kind: 'constant', lr: 0.5 }, { ...s, lr: 0.5 }] }, 1);
    await t.step(600);
    const v = await t.view();
    console.log('constant vs warm-up+cosine at 0.5:', v.trainLoss, v.testAccuracy);
    expect((v.trainLoss as number[])[0]).toBeGreaterThan(0.5);
    expect((v.trainLoss as number[])[1]).toBeLessThan(0.1);
    // the constant run is no better than guessing; the scheduled one classifies almost every test point
    expect((v.testAccuracy as number[])[0]).toBeLessThan(0.6);
    expect((v.testAccuracy as number[])[1]).toBeGreaterThan(0.95);
    t.dispose();
  }, 120_000);
});
