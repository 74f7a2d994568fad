/**
 * Chapter 3's playground sends its points on the data path (`points`, Model.receiveData) instead of inside the
 * config: the same points train the same network either way, a reset keeps them, bad points are refused with a
 * message (the last good ones stay), and good points after bad ones train again.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { regression2d, splitWithTargets } from '../../src/engine/data/regression2d';
import type { DataPayload } from '../../src/engine/model';
import { mlpClassifierSpec, type MlpClassifierConfig, type MlpClassifierInput } from '../../src/engine/models/mlpClassifier';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const settings: MlpClassifierInput = {
  classes: 2, features: 'xy', hidden: [4], activation: 'tanh', batchNorm: false, init: 'auto',
  optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam' }, learningRate: 0.05, batchSize: 8, l1: 0, l2: 0, dropout: 0, gridSize: 4, neuronMaps: false,
};
const { train, test } = splitTrainTest(dataset2d('xor', 40, 0.02, 1), 0.25, 1);
const inline: MlpClassifierConfig = { ...settings, train, test };
const lists = (p: { x: number[]; y: number[]; label: number[] }) => ({ x: p.x, y: p.y, label: p.label });
const points: DataPayload = { train: lists(train), test: lists(test) };

async function losses<C, V>(t: Trainer<C, V>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await t.step(1)).loss as number);
  return out;
}

describe('mlp-classifier on the data path', () => {
  it('trains exactly as with inline points, in both the tfjs and the plain-JS steps', async () => {
    for (const plainJs of [false, true]) {
      const a = new Trainer(mlpClassifierSpec, { ...inline, plainJs }, 3);
      const b = new Trainer(mlpClassifierSpec, { ...settings, plainJs }, 3);
      b.setData('points', points);
      expect(await losses(b, 12)).toEqual(await losses(a, 12));
      const [va, vb] = [await a.view(), await b.view()];
      expect(vb.testLoss).toBe(va.testLoss);
      expect(Array.from(vb.probs as Float32Array)).toEqual(Array.from(va.probs as Float32Array));
      a.dispose();
      b.dispose();
    }
  });

  it('regression points (with targets) train as inline ones do', async () => {
    const r = regression2d('plane', 30, 0.05, 2);
    const d = splitWithTargets({ x: r.x, y: r.y, label: r.label, classes: 2 }, [...r.target], 0.3, 2);
    const a = new Trainer(mlpClassifierSpec, { ...settings, train: d.train, test: d.test, targets: d.targets! }, 4);
    const b = new Trainer(mlpClassifierSpec, { ...settings, regression: true }, 4);
    b.setData('points', { train: lists(d.train), test: lists(d.test), targets: d.targets! });
    expect(await losses(b, 6)).toEqual(await losses(a, 6));
    a.dispose();
    b.dispose();
  });

  it('a reset keeps the points', async () => {
    const a = new Trainer(mlpClassifierSpec, inline, 5);
    const b = new Trainer(mlpClassifierSpec, settings, 9);
    b.setData('points', points);
    await b.step(5);
    b.reset(5);
    expect(await losses(b, 8)).toEqual(await losses(a, 8));
    a.dispose();
    b.dispose();
  });

  it('refuses bad points with a message and keeps the last good ones; good points after bad train again', async () => {
    const ref = new Trainer(mlpClassifierSpec, inline, 6);
    const t = new Trainer(mlpClassifierSpec, settings, 6);
    t.setData('points', points);
    t.setData('points', { train: { x: [0.1], y: [0.2], label: [5] }, test: lists(test) });
    expect(t.state).toBe('error');
    expect(t.message).toMatch(/class from 0 to 1/);
    t.setData('points', { train: { x: [0.1, 0.2], y: [0.2], label: [0, 1] } });
    expect(t.message).toMatch(/same length/);
    t.reset(6); // the last good points, replayed
    expect(t.state).toBe('idle');
    expect(await losses(t, 5)).toEqual(await losses(ref, 5));
    t.setData('points', { train: { x: [], y: [], label: [] }, test: lists(test) });
    expect(t.message).toMatch(/No training points/);
    await t.step(2);
    expect(t.state).toBe('error');
    t.setData('points', points); // good after bad: rebuilt, trains again
    expect(t.state).toBe('idle');
    expect(t.message).toBeNull();
    ref.reset(6);
    expect(await losses(t, 5)).toEqual(await losses(ref, 5));
    ref.dispose();
    t.dispose();
  });

  it('with no points yet it neither trains nor fails; the first points start it', async () => {
    const t = new Trainer(mlpClassifierSpec, settings, 1);
    expect(t.state).toBe('idle');
    await t.view();
    t.setData('points', points);
    const l = await losses(t, 3);
    expect(l.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    t.dispose();
  });

  it('owns every tensor: flat across steps, new points, refusals and resets, and back to the start after dispose', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(mlpClassifierSpec, settings, 2);
    t.setData('points', points);
    await t.step(2);
    await t.view();
    const during = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      t.setData('points', points);
      t.setData('points', { train: { x: [1], y: [1], label: [3] }, test: lists(test) });
      t.setData('points', points);
      await t.step(2);
      await t.view();
      t.reset();
      await t.step(2);
      expect(tf.memory().numTensors).toBe(during);
    }
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('hidden-layer-compare on the data path', () => {
  it('every run trains on the points sent, exactly as with the points inline', async () => {
    const { hiddenLayerCompareSpec } = await import('../../src/engine/models/hiddenLayerCompare');
    const a = new Trainer(hiddenLayerCompareSpec, { base: inline, hidden: [[], [3]] }, 2);
    const b = new Trainer(hiddenLayerCompareSpec, { base: settings, hidden: [[], [3]] }, 2);
    b.setData('points', points);
    expect(await losses(b, 6)).toEqual(await losses(a, 6));
    b.setData('points', { train: { x: [0], y: [0], label: [2] } });
    expect(b.message).toMatch(/class from 0 to 1/);
    a.dispose();
    b.dispose();
  });
});

describe("chapters 4 and 5's comparisons on the data path", () => {
  it('mlp-regularise, mlp-depth and schedule-compare train on the points sent exactly as on the points inline', async () => {
    const { regulariseCompareSpec, depthCompareSpec } = await import('../../src/engine/models/mlpCompare');
    const ra = new Trainer(regulariseCompareSpec, { base: inline, dropout: 0.2, l2: 1e-3 }, 4);
    const rb = new Trainer(regulariseCompareSpec, { base: settings, dropout: 0.2, l2: 1e-3 }, 4);
    rb.setData('points', points);
    expect(await losses(rb, 4)).toEqual(await losses(ra, 4));
    const depth = { depth: 2, width: 3, sigmoidInit: 'xavier' as const, learningRate: 0.1, batchSize: 8 };
    const da = new Trainer(depthCompareSpec, { ...depth, train, test }, 4);
    const db = new Trainer(depthCompareSpec, { ...depth, classes: 2 }, 4);
    db.setData('points', points);
    expect(await losses(db, 4)).toEqual(await losses(da, 4));
    const { scheduleCompareSpec } = await import('../../src/engine/models/scheduleCompare');
    const { CONSTANT } = await import('../../src/engine/nn/schedules');
    const schedules = [CONSTANT(0.05), { ...CONSTANT(0.05), kind: 'cosine' as const, total: 20 }];
    const sa = new Trainer(scheduleCompareSpec, { base: inline, schedules }, 4);
    const sb = new Trainer(scheduleCompareSpec, { base: settings, schedules }, 4);
    sb.setData('points', points);
    expect(await losses(sb, 4)).toEqual(await losses(sa, 4));
    [ra, rb, da, db, sa, sb].forEach((t) => t.dispose());
  });
});
