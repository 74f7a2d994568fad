/**
 * Chapter 13's models: the MoE classifier learns with its experts in use when balanced and collapses in the
 * chapter's preset when not; dense against MoE and the MoE Transformer step and report; no tensor leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { namesStore, parseNames } from '../../src/engine/data/names';
import { createDenseVsMoe, DENSE_VS_MOE_DEFAULTS } from '../../src/engine/models/denseVsMoe';
import { MOE_CLASSIFIER_DEFAULTS, MoeClassifier } from '../../src/engine/models/moeClassifier';
import { MOE_LM_DEFAULTS, moeLmSpec } from '../../src/engine/models/moeLm';
import { useCpuBackend } from './support/cpuBackend';
import { bufferOf, packed } from './support/textDataFixture';

useCpuBackend();

const share = (load: number[]) => Math.max(...load) / load.reduce((a, b) => a + b, 0);

describe('the MoE classifier', () => {
  it('balanced (the default): the loss falls, every expert serves points, tensors stay flat', async () => {
    const m = new MoeClassifier({ ...MOE_CLASSIFIER_DEFAULTS, gridSize: 8 }, 1);
    const first = await m.view();
    tf.tidy(() => m.step()).dispose();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 80; i++) tf.tidy(() => m.step()).dispose();
    const v = await m.view();
    expect(tf.memory().numTensors).toBe(start);
    expect(v.trainLoss).toBeLessThan(0.6 * first.trainLoss);
    expect(v.load.filter((c) => c > 0).length).toBeGreaterThan(1);
    expect(share(v.load)).toBeLessThan(0.5);
    expect(v.gridExpert).toHaveLength(64);
    m.dispose();
  }, 60_000);

  it('the chapter’s collapse preset (balancing off, η = 0.05, seed 2): one expert takes most points', async () => {
    const m = new MoeClassifier({ ...MOE_CLASSIFIER_DEFAULTS, gridSize: 8, balanceWeight: 0, learningRate: 0.05 }, 2);
    for (let i = 0; i < 130; i++) tf.tidy(() => m.step()).dispose();
    await m.view();
    for (let i = 0; i < 20; i++) tf.tidy(() => m.step()).dispose();
    const v = await m.view();
    expect(share(v.load)).toBeGreaterThan(0.6);
    expect(v.loadEntropy).toBeLessThan(0.8);
    m.dispose();
  }, 60_000);
});

describe('dense against MoE', () => {
  it('steps three networks, reports their parameters and times, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const m = createDenseVsMoe({ ...DENSE_VS_MOE_DEFAULTS, batch: 32 }, 1);
    tf.tidy(() => m.step()).dispose();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.tidy(() => m.step()).dispose();
    expect(tf.memory().numTensors).toBe(start);
    const v = await m.view();
    expect(v.runs.moe).toMatchObject({ total: 265_216, active: 67_072 });
    expect(v.runs['dense-active'].total).toBe(65_920);
    expect(v.runs['dense-total'].total).toBe(263_296);
    expect(v.runs.moe.msPerStep).toBeGreaterThan(0);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

describe('the MoE Transformer', () => {
  it('trains on names, reports tokens per expert per layer and characters per expert, and leaks nothing', async () => {
    namesStore.provide(parseNames(bufferOf(packed('names'))));
    const before = tf.memory().numTensors;
    const m = moeLmSpec.create({ dataUrl: '', ...MOE_LM_DEFAULTS, batch: 4 }, 1);
    tf.tidy(() => m.step()).dispose();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.tidy(() => m.step()).dispose();
    expect(tf.memory().numTensors).toBe(start);
    const v = await m.view();
    expect(v.load).toHaveLength(2);
    v.load.forEach((l) => expect(l.reduce((a, b) => a + b, 0)).toBe(4 * 4 * 16));
    expect(v.charExperts[0]).toHaveLength(v.tokens.length);
    expect(v.heldOut).toBeGreaterThan(0);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
