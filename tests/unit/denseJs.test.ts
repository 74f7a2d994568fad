/**
 * The plain-JS MLP step (nn/denseJs.ts) against the tfjs references: gradients against
 * tf.grad of the same loss, whole runs against the tfjs path of MlpClassifier for every
 * optimiser, and the host's choice between them.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { preferPlainJs } from '../../src/engine/backend';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { MlpClassifier, mlpClassifierSpec, type MlpClassifierConfig } from '../../src/engine/models/mlpClassifier';
import type { LossKind } from '../../src/engine/nn/backprop';
import { DenseNetJs } from '../../src/engine/nn/denseJs';
import { Mlp, type Activation } from '../../src/engine/nn/mlp';
import { DEFAULT_OPTIMIZER, OPTIMIZER_KINDS } from '../../src/engine/nn/optimizers';
import { CONSTANT } from '../../src/engine/nn/schedules';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe('plain-JS backprop', () => {
  const cases: [Activation, LossKind, number, number, number][] = [
    ['relu', 'cross-entropy', 0, 0, 0],
    ['tanh', 'cross-entropy', 0, 1e-2, 0],
    ['sigmoid', 'squared', 0, 0, 1e-2],
    ['linear', 'squared', 0, 0, 0],
    ['relu', 'cross-entropy', 0.3, 1e-3, 1e-3],
    ['tanh', 'squared', 0.5, 0, 0],
    ['sigmoid', 'cross-entropy', 0.2, 0, 0],
  ];
  it.each(cases)('%s, %s, dropout %s, l2 %s, l1 %s: loss and gradients equal tf.grad', (act, loss, dropout, l2, l1) => {
    const rng = createRng(7);
    const k = loss === 'squared' ? 1 : 3;
    const sizes = [3, 5, 4, k];
    const net = new Mlp({ sizes, activation: act, batchNorm: false, init: 'xavier' }, rng);
    // non-zero biases, so that bias gradients are tested away from a special point
    const biases = sizes.slice(1).map((s, i) => new Float32Array(s).fill(0.1 * (i + 1)));
    net.biases.forEach((b, i) => b.assign(tf.tensor1d(biases[i])));
    const n = 6;
    const x = Float32Array.from({ length: n * 3 }, () => rng.normal());
    const labels = [0, 1, 2, 1, 0, 2];
    const y = k === 1 ? Float32Array.from({ length: n }, () => rng.normal()) : Float32Array.from({ length: n * k }, (_, i) => (labels[Math.floor(i / k)] === i % k ? 1 : 0));
    const js = new DenseNetJs(sizes, act, net.initialWeights, biases, DEFAULT_OPTIMIZER);
    const mine = js.step(x, y, n, { loss, dropout, dropoutSeed: 11, l1, l2, learningRate: 0 });
    const masks = js.masks();
    tf.tidy(() => {
      const xt = tf.tensor2d(x, [n, 3]);
      const yt = tf.tensor2d(y, [n, k]);
      const vars = net.trainable();
      let dataLoss = 0;
      const { grads } = tf.variableGrads(() => {
        // The same forward pass with the plain-JS step's own dropout masks.
        let h: tf.Tensor2D = xt;
        for (let l = 0; l < net.layers; l++) {
          const z = tf.add(tf.matMul(h, net.weights[l]), net.biases[l]) as tf.Tensor2D;
          if (l === net.layers - 1) {
            h = z;
            break;
          }
          const a = act === 'relu' ? tf.relu(z) : act === 'tanh' ? tf.tanh(z) : act === 'sigmoid' ? tf.sigmoid(z) : z;
          h = (dropout > 0 ? tf.mul(a, tf.tensor2d(masks[l], a.shape)) : a) as tf.Tensor2D;
        }
        let total: tf.Scalar = loss === 'cross-entropy' ? tf.neg(tf.mean(tf.sum(tf.mul(yt, tf.logSoftmax(h)), 1))) : tf.div(tf.mean(tf.square(tf.sub(h, yt))), 2);
        dataLoss = total.dataSync()[0];
        if (l2 > 0) total = tf.add(total, tf.mul(l2, net.l2()));
        if (l1 > 0) total = tf.add(total, tf.mul(l1, net.l1()));
        return total;
      }, vars);
      expect(mine).toBeCloseTo(dataLoss, 5);
      js.grads().forEach((g, i) => expect(maxDiff(g, grads[vars[i].name].dataSync())).toBeLessThan(1e-5));
    });
    if (dropout > 0) {
      // inverted dropout: every entry is 0 or 1/(1 − p), and about p of them are 0
      const all = masks.flatMap((m) => Array.from(m));
      expect(all.every((v) => v === 0 || Math.abs(v - 1 / (1 - dropout)) < 1e-6)).toBe(true);
    }
    net.dispose();
  });
});

function config(overrides: Partial<MlpClassifierConfig> = {}): MlpClassifierConfig {
  const { train, test } = splitTrainTest(dataset2d('spiral', 120, 0.05, 3), 0.5, 3);
  return {
    train, test, features: 'xy', hidden: [8, 8, 8], activation: 'tanh', batchNorm: false, init: 'auto',
    optimizer: DEFAULT_OPTIMIZER, learningRate: 0.05, batchSize: 10, l1: 1e-4, l2: 1e-3, dropout: 0, gridSize: 4, neuronMaps: true,
    ...overrides,
  };
}

describe('MlpClassifier with plain-JS steps', () => {
  it.each(OPTIMIZER_KINDS)('%s: 40 steps give the same weights and losses as the tfjs path', async (kind) => {
    const c = config({ optimizer: { ...DEFAULT_OPTIMIZER, kind }, learningRate: kind === 'sgd' || kind === 'momentum' ? 0.05 : 0.01, schedule: kind === 'adam' ? { ...CONSTANT(0.01), kind: 'cosine', total: 40 } : undefined });
    const tfRun = new MlpClassifier(c, 5);
    const jsRun = new MlpClassifier({ ...c, plainJs: true }, 5);
    for (let i = 0; i < 40; i++) {
      const [a, b] = tf.tidy(() => [tfRun.step().dataSync()[0], jsRun.step().dataSync()[0]]);
      expect(b).toBeCloseTo(a, 4);
    }
    const wTf = await Promise.all(tfRun.variables().slice(0, 8).map((v) => v.data()));
    const wJs = await Promise.all(jsRun.variables().slice(0, 8).map((v) => v.data()));
    wTf.forEach((w, i) => expect(maxDiff(w, wJs[i])).toBeLessThan(1e-4));
    // The plain-JS view (no tfjs) shows the same numbers as the tfjs view.
    const [vTf, vJs] = [await tfRun.view(), await jsRun.view()];
    for (const key of ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy', 'testPlaygroundLoss', 'learningRate', 'parameters'] as const) expect(vJs[key], key).toBeCloseTo(vTf[key], 4);
    expect(maxDiff(vJs.gradNorms, vTf.gradNorms)).toBeLessThan(1e-4);
    expect(maxDiff(vJs.probs as Float32Array, vTf.probs as Float32Array)).toBeLessThan(1e-4);
    expect(vJs.confusion).toEqual(vTf.confusion);
    const [nTf, nJs] = [vTf.neurons as Float32Array[], vJs.neurons as Float32Array[]];
    expect(nJs.map((m) => m.length)).toEqual(nTf.map((m) => m.length));
    nJs.forEach((m, i) => expect(maxDiff(m, nTf[i])).toBeLessThan(1e-4));
    tfRun.dispose();
    jsRun.dispose();
  });

  it('learns the spiral and keeps the tensor count flat over 2,000 steps, back to the start after dispose', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(mlpClassifierSpec, config({ plainJs: true, dropout: 0.1, optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.02, l1: 0, l2: 0 }), 2);
    await t.step(1);
    const first = (await t.view()).trainLoss as number;
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) await t.step(500);
    const v = await t.view();
    expect(tf.memory().numTensors).toBe(after1);
    expect(v.trainLoss as number).toBeLessThan(first * 0.6);
    expect(v.trainAccuracy as number).toBeGreaterThan(0.8);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('carries its weights to another backend: exported, rebuilt, loaded, it goes on where it was', async () => {
    const t = new Trainer(mlpClassifierSpec, config({ plainJs: true }), 4);
    await t.step(200);
    const before = (await t.view()).trainLoss as number;
    const w = await t.exportWeights();
    t.rebuild(w);
    expect((await t.view()).trainLoss as number).toBeCloseTo(before, 5);
    await t.step(1);
    expect((await t.view()).trainLoss as number).toBeLessThan(before * 1.5);
    t.dispose();
  });
});

it('regression (one real output, squared error): the plain-JS view matches the tfjs view', async () => {
  const base = config({ hidden: [6, 6] });
  const targets = { train: base.train.x.map((x) => Math.sin(3 * x)), test: base.test.x.map((x) => Math.sin(3 * x)) };
  const c = { ...base, targets };
  const [a, b] = [new MlpClassifier(c, 9), new MlpClassifier({ ...c, plainJs: true }, 9)];
  for (let i = 0; i < 30; i++) tf.tidy(() => [a.step(), b.step()]);
  const [va, vb] = [await a.view(), await b.view()];
  expect(vb.trainLoss as number).toBeCloseTo(va.trainLoss as number, 4);
  expect(vb.testLoss as number).toBeCloseTo(va.testLoss as number, 4);
  expect(maxDiff(vb.outputs as Float32Array, va.outputs as Float32Array)).toBeLessThan(1e-4);
  expect(maxDiff(vb.probs as Float32Array, va.probs as Float32Array)).toBeLessThan(1e-4);
  a.dispose();
  b.dispose();
});

it('a stop target is checked at every epoch end: the first step below it is kept across views until the target changes', async () => {
  const circle = splitTrainTest(dataset2d('circle', 200, 0.02, 1), 0.5, 1);
  const c = config({ ...circle, plainJs: true, hidden: [8, 8], learningRate: 0.02, optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, l1: 0, l2: 0 });
  const m = new MlpClassifier({ ...c, testBelow: { key: 'testLoss', value: 0.3 } }, 3);
  const epoch = Math.ceil(c.train.x.length / c.batchSize);
  let hit: number[] = [];
  for (let e = 0; e < 300 && !hit.length; e++) {
    for (let i = 0; i < epoch; i++) m.plainStep!();
    hit = (await m.view()).testBelow as number[];
  }
  expect(hit.length).toBe(2);
  expect(hit[1]).toBeLessThan(0.3);
  expect(hit[0] % Math.ceil(c.train.x.length / c.batchSize)).toBe(0); // at an epoch end
  for (let i = 0; i < 10 * epoch; i++) m.plainStep!();
  expect((await m.view()).testBelow).toEqual(hit); // sticky: the first crossing, whatever came after
  m.configure({ ...c, testBelow: { key: 'testLoss', value: 1e-9 } });
  expect((await m.view()).testBelow).toEqual([]);
  m.dispose();
});

describe('choosing plain-JS steps', () => {
  const tfChoice = { backend: 'wasm' as const, reason: 'wasm was fastest for this model: 1500 steps/s (vs cpu 1200)', measured: { wasm: 1500, cpu: 1200 } };
  it('takes them only when faster than every tfjs backend, and says so', () => {
    const fast = preferPlainJs(tfChoice, 40_000);
    expect(fast.plainJs).toBe(true);
    expect(fast.backend).toBe('wasm');
    expect(fast.reason).toMatch(/plain JS steps were fastest.*40000 steps\/s.*tfjs wasm 1500, tfjs cpu 1200/);
    const slow = preferPlainJs(tfChoice, 1000);
    expect(slow.plainJs).toBeUndefined();
    expect(slow.reason).toMatch(/wasm was fastest.*; plain JS steps 1000/);
  });
});
