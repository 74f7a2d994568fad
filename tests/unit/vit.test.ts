/**
 * The tiny ViT of chapter 10: patches against a direct loop, the parameter count against a hand count,
 * the loss falls on a few steps, the attention it answers with, and no tensor leaks (the race with LeNet
 * built, stepped, viewed, asked and disposed).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { provideMnist } from '../../src/engine/data/mnistStore';
import { lenetParamCount, vitDigitsSpec } from '../../src/engine/models/vitDigits';
import { DEFAULT_VIT, type VitDigitsConfig } from '../../src/engine/models/vitDigitsConfig';
import { DEFAULT_ARCH, LenetNet } from '../../src/engine/nn/lenetNet';
import { nearestPatch, patchCount, patchify, patchPixelOrder, vitParamCount, VitNet } from '../../src/engine/nn/vit';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';
import { patchOf } from '../../src/widgets/vit/vitPixels';
import { mnistFixture } from './support/mnistFixture';

useCpuBackend();

const size = (vars: tf.Variable[]) => vars.reduce((s, v) => s + v.size, 0);

describe('ViT patches', () => {
  it('patch n holds rows r·p … r·p+p−1 and columns c·p … c·p+p−1 of the image, row by row (direct loop)', () => {
    const rng = createRng(3);
    const images = Float32Array.from({ length: 2 * 784 }, () => rng.next());
    for (const p of [4, 7, 14]) {
      const g = 28 / p;
      const order = tf.tensor1d(patchPixelOrder(p), 'int32');
      const got = tf.tidy(() => patchify(tf.tensor2d(images, [2, 784]), order, p).arraySync());
      order.dispose();
      expect(got[0].length).toBe(patchCount(p));
      for (let b = 0; b < 2; b++)
        for (let r = 0; r < g; r++)
          for (let c = 0; c < g; c++)
            for (let y = 0; y < p; y++)
              for (let x = 0; x < p; x++) expect(got[b][r * g + c][y * p + x]).toBe(images[b * 784 + (r * p + y) * 28 + c * p + x]);
    }
  });

  it("the figure's patchOf cuts the same patches as the model's index table", () => {
    const rng = createRng(5);
    const image = Float32Array.from({ length: 784 }, () => rng.next());
    for (const p of [4, 7, 14]) {
      const order = patchPixelOrder(p);
      for (let n = 0; n < patchCount(p); n++) expect(Array.from(patchOf(image, p, n))).toEqual(Array.from(order.subarray(n * p * p, (n + 1) * p * p), (i) => image[i]));
    }
  });

  it('refuses a patch side that does not divide 28 and offers the nearest that does', () => {
    expect(() => patchPixelOrder(5)).toThrow(/does not divide 28: use 4, 7, 14/);
    expect([1, 3, 5, 6, 9, 10, 12, 20].map(nearestPatch)).toEqual([4, 4, 4, 7, 7, 7, 14, 14]);
  });
});

describe('ViT parameters', () => {
  it('the default ViT has 19,658 parameters, as counted by hand and as the variables hold', () => {
    // p = 7, d = 32, N = 16 patches + a class token, 2 blocks with d_ff = 64:
    // embedding 49·32 + 32 = 1,600; class token 32; positions 17·32 = 544;
    // per block 4(32² + 32) + 4·32 + (32·64 + 64 + 64·32 + 32) = 4,224 + 128 + 4,192 = 8,544; final norm 64; head 330.
    const hand = 1600 + 32 + 544 + 2 * 8544 + 64 + 330;
    expect(hand).toBe(19658);
    expect(vitParamCount(DEFAULT_VIT)).toBe(hand);
    const net = new VitNet(DEFAULT_VIT, 1);
    expect(size(net.params.variables())).toBe(hand);
    net.dispose();
    for (const c of [{ ...DEFAULT_VIT, patch: 4, pooling: 'mean' as const }, { ...DEFAULT_VIT, patch: 14, dModel: 16, dFF: 32, layers: 1 }]) {
      const n = new VitNet(c, 2);
      expect(size(n.params.variables())).toBe(vitParamCount(c));
      n.dispose();
    }
  });

  it('LeNet-5 (6 and 16 channels) has 61,706 parameters, as its variables hold', () => {
    const net = new LenetNet(DEFAULT_ARCH, createRng(1));
    expect(lenetParamCount()).toBe(61706);
    expect(size(net.vars)).toBe(61706);
    net.dispose();
  });
});

describe('ViT training', () => {
  it('the loss falls within a few steps on a fixed batch of digits, with class token and with mean pooling', () => {
    const { data } = mnistFixture();
    const xs = Float32Array.from(data.pixels.subarray(0, 16 * 784), (v) => v / 255);
    const ys = Int32Array.from(data.labels.subarray(0, 16));
    for (const pooling of ['cls', 'mean'] as const) {
      const net = new VitNet({ patch: 7, dModel: 16, heads: 2, layers: 1, dFF: 32, pooling, learningRate: 0.01 }, 1);
      const x = tf.tensor4d(xs, [16, 28, 28, 1]);
      const y = tf.tensor1d(ys, 'int32');
      const first = net.loss(x, y).arraySync() as number;
      for (let i = 0; i < 8; i++) net.trainStep(x, y).dispose();
      const last = net.loss(x, y).arraySync() as number;
      expect(last).toBeLessThan(first * 0.8);
      tf.dispose([x, y]);
      net.dispose();
    }
  });

  it('leaks no tensors across race steps, views and answers, and frees all on dispose; the answer holds attention over patches', async () => {
    const { data } = mnistFixture();
    provideMnist(data);
    const before = tf.memory().numTensors;
    const config: VitDigitsConfig = { dataUrl: '', ...DEFAULT_VIT, patch: 14, dModel: 16, heads: 2, layers: 1, batchSize: 4, trainSize: 200, lenet: true };
    const trainer = new Trainer(vitDigitsSpec, config, 2);
    await trainer.step(1);
    await trainer.view();
    const a = await trainer.answer({ digit: 3 });
    expect(a.attention.length).toBe(1 * 4);
    expect(a.lastLayerHeads.length).toBe(2 * 4);
    // The class token's row over the 4 patches (and itself): what it gives the patches sums to at most 1.
    const s = a.attention.reduce((x, y) => x + y, 0);
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThanOrEqual(1 + 1e-5);
    expect(a.sequence.length).toBe(5 * 16);
    expect(a.vitProbs.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    expect(a.lenetProbs.length).toBe(10);
    const mid = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) {
      await trainer.step(1);
      await trainer.view();
      await trainer.answer({ digit: i });
    }
    expect(tf.memory().numTensors).toBe(mid);
    const v = await trainer.view();
    expect(v.vitSeconds).toBeGreaterThan(0);
    expect(v.lenetSeconds).toBeGreaterThan(0);
    expect(v.examples).toBe(3 * 4);
    trainer.reset(3);
    await trainer.step(1);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
