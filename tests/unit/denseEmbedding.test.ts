/**
 * Dense and Embedding (src/engine/nn/dense.ts, embedding.ts) against tfjs's layers with the same
 * weights, their written-out gradients against autodiff, and the embedding's gradient on wasm
 * (which has no UnsortedSegmentSum kernel, so tf.gather's own gradient throws there).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng';
import { ParamStore } from '../../src/engine/nn/params';
import { Dense } from '../../src/engine/nn/dense';
import { Embedding } from '../../src/engine/nn/embedding';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

for (const backend of ['cpu', 'wasm']) {
  describe(`on ${backend}`, () => {
    it('Dense equals tf.layers.dense with the same weights, on rank 2 and rank 3 inputs', async () => {
      await tf.setBackend(backend);
      const params = new ParamStore(createRng(3));
      const dense = new Dense(params, 5, 4);
      dense.bias!.assign(tf.tensor1d([0.1, -0.2, 0.3, 0.05]));
      const layer = tf.layers.dense({ units: 4, inputShape: [5] });
      layer.apply(tf.input({ shape: [5] }));
      layer.setWeights([dense.kernel, dense.bias!]);
      const x = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 1);
      const [ours, ref] = [dense.apply(x), layer.apply(x) as tf.Tensor];
      expect(ours.shape).toEqual([2, 3, 4]);
      expect(maxAbs(ours.dataSync(), ref.dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, ours, ref]);
      layer.dispose();
      params.dispose();
    });

    it('Dense gradients (x, W, b) equal autodiff of x W + b', async () => {
      await tf.setBackend(backend);
      const params = new ParamStore(createRng(4));
      const dense = new Dense(params, 6, 3);
      const x = tf.variable(tf.randomNormal([7, 6], 0, 1, 'float32', 2));
      const p = tf.randomNormal([7, 3], 0, 1, 'float32', 3);
      const vars = [x, dense.kernel, dense.bias!];
      const ours = tf.variableGrads(() => tf.sum(tf.mul(dense.apply(x), p)) as tf.Scalar, vars);
      const ref = tf.variableGrads(() => tf.sum(tf.mul(tf.add(tf.matMul(x, dense.kernel), dense.bias!), p)) as tf.Scalar, vars);
      for (const v of vars) expect(maxAbs(ours.grads[v.name].dataSync(), ref.grads[v.name].dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, p, ours.value, ref.value, ...Object.values(ours.grads), ...Object.values(ref.grads)]);
      params.dispose();
    });

    it('Embedding equals tf.layers.embedding with the same table', async () => {
      await tf.setBackend(backend);
      const params = new ParamStore(createRng(5));
      const emb = new Embedding(params, 10, 4);
      const layer = tf.layers.embedding({ inputDim: 10, outputDim: 4 });
      layer.apply(tf.input({ shape: [3] }));
      layer.setWeights([emb.table]);
      const ids = tf.tensor2d([[1, 9, 1], [0, 4, 7]], [2, 3], 'int32');
      const [ours, ref] = [emb.apply(ids), layer.apply(ids) as tf.Tensor];
      expect(ours.shape).toEqual([2, 3, 4]);
      expect(maxAbs(ours.dataSync(), ref.dataSync())).toBeLessThan(1e-7);
      tf.dispose([ids, ours, ref]);
      layer.dispose();
      params.dispose();
    });

    it('Embedding gradient is the scatter-add of output gradients (repeated ids add up)', async () => {
      await tf.setBackend(backend);
      const params = new ParamStore(createRng(6));
      const emb = new Embedding(params, 5, 3);
      const ids = tf.tensor1d([2, 0, 2, 4, 2], 'int32');
      const p = tf.randomNormal([5, 3], 0, 1, 'float32', 7);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(emb.apply(ids), p)) as tf.Scalar, [emb.table]);
      const g = grads[emb.table.name].dataSync();
      const pv = p.dataSync();
      const expected = new Float32Array(15);
      [2, 0, 2, 4, 2].forEach((id, r) => {
        for (let k = 0; k < 3; k++) expected[id * 3 + k] += pv[r * 3 + k];
      });
      expect(maxAbs(g, expected)).toBeLessThan(1e-6);
      tf.dispose([ids, p, value, ...Object.values(grads)]);
      params.dispose();
    });

    it('an embedding + Dense model trains (the loss falls), tensor counts flat and back after dispose', async () => {
      await tf.setBackend(backend);
      const start = tf.memory().numTensors;
      const params = new ParamStore(createRng(8));
      const emb = new Embedding(params, 6, 4, { std: 0.5 });
      const dense = new Dense(params, 4, 6);
      const ids = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
      const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([1, 2, 3, 4, 5, 0], 'int32'), 6));
      const loss = () => tf.losses.softmaxCrossEntropy(labels, dense.apply(emb.apply(ids))) as tf.Scalar;
      const losses: number[] = [];
      const counts: number[] = [];
      for (let s = 0; s < 60; s++) {
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(loss, params.variables());
          params.variables().forEach((v) => v.assign(tf.sub(v, tf.mul(0.5, grads[v.name]))));
          losses.push(value.dataSync()[0]);
        });
        counts.push(tf.memory().numTensors);
      }
      expect(losses[59]).toBeLessThan(losses[0] * 0.2);
      expect(new Set(counts.slice(1)).size).toBe(1);
      tf.dispose([ids, labels]);
      params.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  });
}
