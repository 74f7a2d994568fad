/**
 * Claims chapter 5's prose makes about its training figures, recomputed by
 * training the figures' own models at the widgets' default settings (seed 1).
 * The closed-form numbers are in generalisationNumbers.test.ts. Run order in
 * each view: [sigmoid, ReLU, ReLU + batch norm] and [plain, dropout, weight decay, both].
 */
import { describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { depthCompareSpec, regulariseCompareSpec } from '../../src/engine/models/mlpCompare';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

/** The depth figure (DepthGradients) at its defaults, with a chosen learning rate and sigmoid init. */
function depthTrainer(learningRate = 0.1, sigmoidInit: 'xavier' | 'small' = 'xavier') {
  const { train, test } = splitTrainTest(dataset2d('circle', 240, 0.05, 1), 0.25, 1);
  return new Trainer(depthCompareSpec, { train, test, depth: 6, width: 16, sigmoidInit, learningRate, batchSize: 32 }, 1);
}

/** Steps a trainer to each total step count in turn and returns the view's arrays at each. */
async function at<T>(t: { step(n: number): Promise<unknown>; view(): Promise<Record<string, unknown>> }, totals: number[], key: string): Promise<T[]> {
  const out: T[] = [];
  let done = 0;
  for (const n of totals) {
    await t.step(n - done);
    done = n;
    out.push((await t.view())[key] as T);
  }
  return out;
}

describe('chapter 5: the depth figure (6 hidden layers of 16, circle data, SGD)', () => {
  it('step 1: the sigmoid gradients climb from about 5e-6 to 0.17, the ReLU lines are flat; small init takes layer 1 two orders lower', async () => {
    const t = depthTrainer();
    const [g] = await at<number[][]>(t, [1], 'gradNorms');
    t.dispose();
    const [sig, relu] = g;
    expect(sig[0]).toBeGreaterThan(3e-6);
    expect(sig[0]).toBeLessThan(8e-6);
    expect(sig[6]).toBeCloseTo(0.17, 2);
    for (let i = 1; i < 7; i++) expect(sig[i]).toBeGreaterThan(sig[i - 1]);
    // "The ReLU lines are nearly flat": within one order of magnitude across the seven matrices.
    expect(Math.max(...relu) / Math.min(...relu)).toBeLessThan(10);
    const s = depthTrainer(0.1, 'small');
    const [gs] = await at<number[][]>(s, [1], 'gradNorms');
    s.dispose();
    // "the first layer's gradient drops by about two more orders of magnitude"
    expect(gs[0][0]).toBeGreaterThan(1e-8);
    expect(gs[0][0]).toBeLessThan(5e-8);
    expect(sig[0] / gs[0][0]).toBeGreaterThan(50);
    expect(sig[0] / gs[0][0]).toBeLessThan(500);
  }, 120_000);

  it('eta = 0.1: the ReLU nets learn within 100 steps, the sigmoid stays at ln 2; batch norm is ahead at step 30 (0.14 vs 0.26)', async () => {
    const t = depthTrainer();
    const [s30, s100] = await at<number[]>(t, [30, 100], 'trainLoss');
    t.dispose();
    expect(s30[2]).toBeCloseTo(0.14, 1);
    expect(s30[1]).toBeCloseTo(0.26, 1);
    expect(s30[2]).toBeLessThan(s30[1]);
    expect(s100[1]).toBeLessThan(0.1);
    expect(s100[2]).toBeLessThan(0.1);
    for (const l of [s30[0], s100[0]]) expect(Math.abs(l - Math.LN2)).toBeLessThan(0.01);
  }, 300_000);

  it('eta = 1: after 100 steps the plain ReLU net sits at ln 2 while the batch-normalised one is at about 0.02', async () => {
    const t = depthTrainer(1);
    const [s100] = await at<number[]>(t, [100], 'trainLoss');
    t.dispose();
    expect(Math.abs(s100[1] - Math.LN2)).toBeLessThan(0.01);
    expect(s100[2]).toBeGreaterThan(0.01);
    expect(s100[2]).toBeLessThan(0.04);
  }, 120_000);
});

describe('chapter 5: the regularisation figure (moons, 30 points, Adam 0.01, dropout 0.5, weight decay 0.003)', () => {
  it('plain overfits (test loss climbs), dropout climbs at least as fast, weight decay stays well below', async () => {
    const train = dataset2d('moons', 30, 0.15, 1);
    const test = dataset2d('moons', 200, 0.15, 1001);
    const t = new Trainer(regulariseCompareSpec, {
      base: {
        train, test, features: 'xy', hidden: [16, 16], activation: 'relu', batchNorm: false, init: 'he',
        optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.01, batchSize: 30, l1: 0, l2: 0, dropout: 0, gridSize: 24, neuronMaps: false,
      },
      dropout: 0.5,
      l2: 0.003,
    }, 1);
    const [t100, t1000] = await at<number[]>(t, [100, 1000], 'testLoss');
    const trainLoss = (await t.view()).trainLoss as number[];
    t.dispose();
    // Steps 100 -> 1000: plain 0.21 -> 0.85, dropout 0.23 -> 1.18, weight decay 0.16 -> 0.149.
    const [plain, dropout, decay] = [0, 1, 2];
    expect(trainLoss[plain]).toBeLessThan(0.05); // "heads towards zero"
    expect(t1000[plain]).toBeGreaterThan(t100[plain] + 0.3); // "its test loss stops falling and climbs"
    expect(t1000[dropout] - t100[dropout]).toBeGreaterThanOrEqual(t1000[plain] - t100[plain]); // "at least as fast"
    expect(t1000[decay]).toBeLessThan(0.5 * t1000[plain]); // "well below the plain network's"
    expect(trainLoss[decay]).toBeGreaterThan(trainLoss[plain]); // regularised runs fit the training data less
  }, 300_000);
});
