/**
 * Decoupled weight decay (AdamW) against an L2 penalty under Adam, in chapter 5's
 * regularisation figure: one step checked by hand on both training paths (tfjs and
 * plain JS), no leaks, and the figure's numbers the text quotes.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d } from '../../src/engine/data/classification2d';
import { MlpClassifier } from '../../src/engine/models/mlpClassifier';
import type { MlpClassifierConfig } from '../../src/engine/models/mlpClassifierConfig';
import { regulariseCompareSpec, type RegulariseConfig } from '../../src/engine/models/mlpCompare';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizerSettings';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const train = dataset2d('moons', 30, 0.15, 1);
const base: MlpClassifierConfig = {
  train, test: train, features: 'xy', hidden: [4], activation: 'relu', batchNorm: false, init: 'he',
  optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.01, batchSize: 30, l1: 0, l2: 0, dropout: 0, gridSize: 0, neuronMaps: false,
};

/** All trainable values (weights then biases) after `steps` full-batch steps from seed 1. */
async function paramsAfter(c: MlpClassifierConfig, steps: number): Promise<number[][]> {
  const m = new MlpClassifier(c, 1);
  for (let s = 0; s < steps; s++) tf.tidy(() => m.step().dispose());
  const vars = m.variables().slice(0, 4); // W1, W2, b1, b2
  const out = await Promise.all(vars.map(async (v) => Array.from(await v.data())));
  m.dispose();
  return out;
}

describe('one step of Adam with an L2 penalty and with decoupled decay, by hand', () => {
  const lam = 0.05;
  const eta = 0.01;
  const eps = 1e-8;
  for (const plainJs of [false, true]) {
    it(`${plainJs ? 'plain JS' : 'tfjs'}: L2 goes through Adam's normalisation, AdamW's 2λW does not`, async () => {
      const w0 = await paramsAfter({ ...base, plainJs }, 0);
      // The data gradient at w0, from one SGD step with η = 1: g = w0 − w1.
      const sgd = await paramsAfter({ ...base, plainJs, optimizer: { ...DEFAULT_OPTIMIZER, kind: 'sgd' }, learningRate: 1 }, 0 + 1);
      const g = w0.map((p, a) => p.map((v, i) => v - sgd[a][i]));
      const l2 = await paramsAfter({ ...base, plainJs, l2: lam }, 1);
      const adamw = await paramsAfter({ ...base, plainJs, decoupledDecay: 2 * lam }, 1);
      let decayedDifferently = 0;
      w0.forEach((p, a) => {
        const isWeight = a < 2;
        p.forEach((w, i) => {
          // Adam's first step: m̂ = g, ŝ = g², so the update is η g/(|g| + ε).
          const gL2 = g[a][i] + (isWeight ? 2 * lam * w : 0);
          const expectL2 = w - (eta * gL2) / (Math.abs(gL2) + eps);
          const expectW = w - eta * (g[a][i] / (Math.abs(g[a][i]) + eps) + (isWeight ? 2 * lam * w : 0));
          expect(l2[a][i]).toBeCloseTo(expectL2, 5);
          expect(adamw[a][i]).toBeCloseTo(expectW, 5);
          if (isWeight && Math.abs(expectL2 - expectW) > 1e-4) decayedDifferently++;
        });
      });
      // Under L2 the first step has size η whatever λ is; under AdamW the decay adds 2ηλ|w| on top.
      expect(decayedDifferently).toBeGreaterThan(3);
    });
  }

  it('under plain gradient descent the two are the same update', async () => {
    const sgd = { ...base, optimizer: { ...DEFAULT_OPTIMIZER, kind: 'sgd' as const }, learningRate: 0.1 };
    const a = await paramsAfter({ ...sgd, l2: lam }, 3);
    const b = await paramsAfter({ ...sgd, decoupledDecay: 2 * lam }, 3);
    a.forEach((p, k) => p.forEach((v, i) => expect(b[k][i]).toBeCloseTo(v, 6)));
  });

  it('the tensor count stays flat across decoupled steps and returns to the start after dispose', () => {
    const start = tf.memory().numTensors;
    const m = new MlpClassifier({ ...base, decoupledDecay: 0.1 }, 1);
    tf.tidy(() => m.step().dispose());
    const after1 = tf.memory().numTensors;
    for (let s = 0; s < 5; s++) tf.tidy(() => m.step().dispose());
    expect(tf.memory().numTensors).toBe(after1);
    m.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('a decay that would flip the weights’ sign is refused', () => {
    expect(() => new MlpClassifier({ ...base, learningRate: 1, decoupledDecay: 2 }, 1)).toThrow(/ηλ < 1/);
  });
});

describe('numbers in chapter 5: the regularisation figure at its defaults (30 moons, 16-16 ReLU, Adam η = 0.01)', () => {
  const test = dataset2d('moons', 200, 0.15, 1001);
  const reg = (l2: number, decay: 'l2' | 'decoupled'): RegulariseConfig => ({
    base: { ...base, test, hidden: [16, 16], gridSize: 0, plainJs: true }, dropout: 0.5, l2, decay,
  });
  async function at(c: RegulariseConfig, step: number) {
    const t = new Trainer(regulariseCompareSpec, c, 1);
    await t.step(step);
    const v = await t.view();
    t.dispose();
    return { train: (v.trainLoss as number[])[2], test: (v.testLoss as number[])[2], plainTest: (v.testLoss as number[])[0] };
  }
  const r2 = (v: number) => Math.round(v * 100) / 100;
  it('the decoupled shrink factors: 0.99994 per step and 0.94 per thousand at λ = 0.003; 0.55 per thousand at 0.03', () => {
    expect(1 - 2 * 0.01 * 0.003).toBeCloseTo(0.99994, 12);
    expect(r2((1 - 2 * 0.01 * 0.003) ** 1000)).toBe(0.94);
    expect(r2((1 - 2 * 0.01 * 0.03) ** 1000)).toBe(0.55);
  });
  it('λ = 0.003 at step 1000: L2 test loss 0.15, AdamW 0.81, plain 0.85', async () => {
    const l2 = await at(reg(0.003, 'l2'), 1000);
    const w = await at(reg(0.003, 'decoupled'), 1000);
    expect([r2(l2.test), r2(w.test), r2(w.plainTest)]).toEqual([0.15, 0.81, 0.85]);
  }, 60_000);
  it('λ = 0.03 at step 1000: L2 training loss 0.35 (test about 0.3); AdamW training loss 0.00, test 0.33', async () => {
    const l2 = await at(reg(0.03, 'l2'), 1000);
    const w = await at(reg(0.03, 'decoupled'), 1000);
    expect(r2(l2.train)).toBe(0.35);
    expect(l2.test).toBeCloseTo(0.295, 2);
    expect([r2(w.train), r2(w.test)]).toEqual([0, 0.33]);
  }, 60_000);
});
