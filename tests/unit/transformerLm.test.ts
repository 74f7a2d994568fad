/**
 * The decoder-only language model: its fast path (fused QKV, batched heads, written-out backwards) gives
 * the loss and gradients of the straightforward tfjs version (bench/naiveTransformer.ts) to 1e-4; its loss
 * falls on real text (Moby Dick); the wasm backend takes the same training step as cpu; tensors are owned.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { NaiveLm } from '../../bench/naiveTransformer';
// A character vocabulary local to these tests: to be replaced by the shared tokenizer.
import { charCodes, mobyDick, windowBatch } from '../../bench/seqText';
import { DEFAULT_LM, TransformerLm, type TransformerLmConfig } from '../../src/engine/nn/transformerLm';
import { createRng } from '../../src/engine/rng';
import { maxDiff } from './support/attentionRef';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();
afterAll(async () => {
  await tf.setBackend('cpu');
});

const { vocab, ids: codes } = charCodes(mobyDick(1));
const small: TransformerLmConfig = { ...DEFAULT_LM, vocabSize: vocab.length, context: 16, dModel: 32, heads: 4, layers: 2, dFF: 64, learningRate: 0.005 };

describe('fast path against the straightforward version', () => {
  it('the same loss and gradients to 1e-4 (2 layers, 4 heads, Moby Dick windows)', () => {
    const lm = new TransformerLm(small, 5);
    const naive = new NaiveLm(lm);
    const { ids, targets } = windowBatch(codes, 4, 16, createRng(1));
    const fast = lm.gradients(ids, targets);
    const ref = naive.gradientsLikeFast(ids, targets);
    expect(Math.abs(fast.loss.dataSync()[0] - ref.loss.dataSync()[0])).toBeLessThan(1e-4);
    expect(fast.grads.length).toBe(ref.grads.length);
    fast.grads.forEach((g, i) => {
      expect(g.shape).toEqual(ref.grads[i].shape);
      expect(maxDiff(g.dataSync(), ref.grads[i].dataSync())).toBeLessThan(1e-4);
    });
    lm.dispose();
    naive.dispose();
  });
});

describe('training on Moby Dick', () => {
  // On wasm: the loaded test machine's cpu backend takes over a second a step (wasm is checked against cpu below).
  it('the held-out loss falls well below the uniform guess, with the tensor count flat and back to start after dispose', async () => {
    await tf.setBackend('wasm');
    const start = tf.memory().numTensors;
    const lm = new TransformerLm(small, 2);
    // Train on the first 90% of chapter 1, hold out the rest.
    const cut = Math.floor(codes.length * 0.9);
    const train = codes.subarray(0, cut);
    const held = windowBatch(codes.subarray(cut), 16, 16, createRng(99));
    const initial = lm.heldOutLoss(held.ids, held.targets);
    const before = (await initial.data())[0];
    initial.dispose();
    expect(before).toBeCloseTo(Math.log(vocab.length), 0);
    const rng = createRng(3);
    let built = -1;
    for (let step = 0; step < 60; step++) {
      const { ids, targets } = windowBatch(train, 16, 16, rng);
      const loss = lm.trainStep(ids, targets);
      ids.dispose();
      targets.dispose();
      loss.dispose();
      if (step === 1) built = tf.memory().numTensors; // the optimiser's state exists from the first step on
      if (step > 1) expect(tf.memory().numTensors).toBe(built);
    }
    const after = lm.heldOutLoss(held.ids, held.targets);
    const heldLoss = (await after.data())[0];
    after.dispose();
    // Uniform over the vocabulary is ln |V| ≈ 4.1 nats; character frequencies alone give about 3.1.
    expect(heldLoss).toBeLessThan(0.75 * before);
    expect(tf.memory().numTensors).toBe(built);
    held.ids.dispose();
    held.targets.dispose();
    lm.dispose();
    expect(tf.memory().numTensors).toBe(start);
    await tf.setBackend('cpu');
  }, 180_000);
});

describe('wasm against cpu', () => {
  it('the same training steps give the same losses and weights to 1e-4', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      await tf.ready();
      const lm = new TransformerLm({ ...small, positions: 'rotary' }, 8);
      const rng = createRng(4);
      const losses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { ids, targets } = windowBatch(codes, 4, 16, rng);
        const loss = lm.trainStep(ids, targets);
        losses.push((await loss.data())[0]);
        tf.dispose([ids, targets, loss]);
      }
      const weights = await Promise.all(lm.params.variables().map((v) => v.data()));
      lm.dispose();
      return { losses, weights };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(maxDiff(wasm.losses, cpu.losses)).toBeLessThan(1e-4);
    wasm.weights.forEach((w, i) => expect(maxDiff(w, cpu.weights[i])).toBeLessThan(1e-4));
    await tf.setBackend('cpu');
  });
});
