import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { provideMnist } from '../../src/engine/data/mnistStore';
import { residualStackSpec } from '../../src/engine/models/residualStack';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';
import { mnistFixture } from './support/mnistFixture';

useCpuBackend();

describe('residual vs plain deep stack', () => {
  it('the residual stack trains where the plain one of the same depth barely moves, without leaks', async () => {
    provideMnist(mnistFixture().data);
    const before = tf.memory().numTensors;
    const t = new Trainer(residualStackSpec, { dataUrl: '', depth: 20, width: 32, optimizer: 'momentum', learningRate: 0.02 }, 1);
    await t.step(1);
    await t.view();
    const mid = tf.memory().numTensors;
    // The view reports a new curve point as named series now and then; keep the latest.
    let point: Record<string, number> = {};
    for (let i = 0; i < 6; i++) {
      await t.step(25);
      point = (await t.view()).series ?? point;
    }
    expect(tf.memory().numTensors).toBe(mid);
    const last = (k: string) => point[k];
    expect(last('residual')).toBeLessThan(1.0);
    expect(last('plain')).toBeGreaterThan(2.0);
    expect(last('plainGrad')).toBeLessThan(last('residualGrad'));
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 180_000);
});
