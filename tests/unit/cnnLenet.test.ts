import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { provideMnist } from '../../src/engine/data/mnistStore';
import { lenetSpec, type LenetConfig } from '../../src/engine/models/lenet';
import { EvalSet, evaluate } from '../../src/engine/nn/lenetEval';
import { DEFAULT_ARCH } from '../../src/engine/nn/lenetNet';
import { LenetRun } from '../../src/engine/nn/lenetRun';
import { testDigits } from '../../src/engine/nn/digitBatches';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';
import { mnistFixture } from './support/mnistFixture';

useCpuBackend();

describe('LeNet on the packed digits (Node, cpu backend)', () => {
  // 70 steps of 32 digits (2,240 examples, under a third of one epoch) with Adam: kept short so the
  // test stays near a minute on a busy 2-core machine. The page trains far longer.
  it('reaches at least 90% accuracy on all 2,000 test digits', async () => {
    const { data } = mnistFixture();
    const run = new LenetRun(data, DEFAULT_ARCH, { optimizer: 'adam', learningRate: 0.003, batchSize: 32, trainSize: 8000, augment: null }, 1, 50);
    for (let s = 0; s < 70; s++) tf.tidy(() => run.step());
    const t = testDigits(data, 0, data.nTest);
    const all = new EvalSet(t.xs, t.ys);
    const ev = await evaluate(run.net, all);
    all.dispose();
    run.dispose();
    expect(ev.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 180_000);

  it('leaks no tensors across steps, views, configure, reset and dispose', async () => {
    const { data } = mnistFixture();
    provideMnist(data);
    const before = tf.memory().numTensors;
    const config: LenetConfig = { ...lenetSpec.probeConfig, details: true };
    const drawn = Array.from({ length: 784 }, (_, i) => (i % 29 === 0 ? 1 : 0));
    const trainer = new Trainer(lenetSpec, config, 3);
    await trainer.step(2);
    await trainer.view();
    await trainer.answer({ classify: drawn });
    const mid = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await trainer.step(3);
      await trainer.view();
      await trainer.answer({ classify: drawn });
    }
    expect(tf.memory().numTensors).toBe(mid);
    trainer.configure({ ...config, optimizer: 'momentum', learningRate: 0.01, chosen: 5 });
    await trainer.step(2);
    trainer.configure({ ...config, optimizer: 'adam' });
    await trainer.step(2);
    await trainer.view();
    expect(tf.memory().numTensors).toBe(mid);
    trainer.reset(4);
    await trainer.step(1);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
