/**
 * Layer normalisation in the MLP (chapter 5's depth figure): the forward pass against
 * the formula written as loops, the same output in training and inference, no running
 * statistics, gradients against finite differences, and the figure's run trains, leak-free.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataset2d, splitTrainTest } from '../../src/engine/data/classification2d';
import { depthCompareSpec, type DepthConfig } from '../../src/engine/models/mlpCompare';
import { Mlp } from '../../src/engine/nn/mlp';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** LN(z)_j = γ_j (z_j − μ)/√(σ² + ε) + β_j per row, μ and σ² over the row's H entries. */
function layerNormRows(z: number[][], gamma: number[], beta: number[], eps = 1e-5): number[][] {
  return z.map((row) => {
    const H = row.length;
    const mu = row.reduce((a, b) => a + b, 0) / H;
    const v = row.reduce((a, b) => a + (b - mu) ** 2, 0) / H;
    return row.map((x, j) => (gamma[j] * (x - mu)) / Math.sqrt(v + eps) + beta[j]);
  });
}

describe('layer normalisation', () => {
  const x = tf.tensor2d([[0.3, -0.7], [1.2, 0.4], [-0.5, -0.1]]);

  it('the pre-activations equal the formula per example, in training and at inference alike', async () => {
    const net = new Mlp({ sizes: [2, 5, 2], activation: 'relu', batchNorm: false, layerNorm: true, init: 'he' }, createRng(3));
    // Non-trivial γ and β, so the test sees them.
    net.gammas[0].assign(tf.tensor1d([1.5, 0.5, 2, 1, 0.8]));
    net.betas[0].assign(tf.tensor1d([0.1, -0.2, 0, 0.3, 0.05]));
    const W = (await net.weights[0].array()) as number[][];
    const b = Array.from(await net.biases[0].data());
    const xs = (await x.array()) as number[][];
    const z = xs.map((row) => b.map((bj, j) => bj + row[0] * W[0][j] + row[1] * W[1][j]));
    const expected = layerNormRows(z, [1.5, 0.5, 2, 1, 0.8], [0.1, -0.2, 0, 0.3, 0.05]);
    for (const training of [true, false]) {
      const got = tf.tidy(() => net.forward(x, { training }).preActivations[0].arraySync()) as number[][];
      got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
    }
    // One example alone gets the same output as inside the batch: nothing depends on the other rows.
    const alone = tf.tidy(() => net.forward(tf.slice(x, [1, 0], [1, 2]) as tf.Tensor2D, { training: true }).preActivations[0].arraySync()) as number[][];
    alone[0].forEach((v, j) => expect(v).toBeCloseTo(expected[1][j], 5));
    // γ and β per layer, no running statistics: 2·5 extra parameters, no other variables.
    expect(net.parameterCount()).toBe(2 * 5 + 5 + 5 * 2 + 2 + 2 * 5);
    expect(net.variables().length).toBe(net.trainable().length);
    net.dispose();
  });

  it('its gradients match finite differences', () => {
    const net = new Mlp({ sizes: [2, 4, 2], activation: 'tanh', batchNorm: false, layerNorm: true, init: 'xavier' }, createRng(5));
    const y = tf.tensor2d([[1, 0], [0, 1], [1, 0]]);
    const loss = () => tf.tidy(() => tf.losses.softmaxCrossEntropy(y, net.forward(x, { training: true }).logits) as tf.Scalar);
    const vars = net.trainable();
    const { grads } = tf.variableGrads(loss, vars);
    const h = 1e-2;
    for (const v of [net.weights[0], net.gammas[0], net.betas[0]]) {
      const g = grads[v.name].dataSync();
      const base = v.dataSync().slice();
      for (let i = 0; i < base.length; i++) {
        const at = (d: number) => {
          const p = base.slice();
          p[i] += d;
          v.assign(tf.tensor(p, v.shape));
          return loss().dataSync()[0];
        };
        const fd = (at(h) - at(-h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(g[i]).toBeCloseTo(fd, 3);
      }
    }
    Object.values(grads).forEach((t) => t.dispose());
    y.dispose();
    net.dispose();
  });

  it('batch norm and layer norm together are refused', () => {
    expect(() => new Mlp({ sizes: [2, 4, 2], activation: 'relu', batchNorm: true, layerNorm: true, init: 'he' }, createRng(1))).toThrow(/not both/);
  });
});

describe('the depth figure with layer norm', () => {
  const { train, test } = splitTrainTest(dataset2d('circle', 240, 0.05, 1), 0.25, 1);
  const config = (norm: 'batch' | 'layer'): DepthConfig => ({ train, test, depth: 6, width: 16, sigmoidInit: 'xavier', learningRate: 0.1, batchSize: 32, norm });

  it('trains, keeps the tensor count flat and frees everything', async () => {
    const start = tf.memory().numTensors;
    const t = new Trainer(depthCompareSpec, config('layer'), 1);
    await t.step(1);
    const v1 = await t.view();
    const after1 = tf.memory().numTensors;
    await t.step(60);
    const v = await t.view();
    expect((v.trainLoss as number[])[2]).toBeLessThan((v1.trainLoss as number[])[2]);
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('numbers in chapter 5: training loss at step 30, 0.137 with batch norm and 0.119 with layer norm; at step 100, 0.030 and 0.006', async () => {
    const out: Record<string, number[]> = {};
    for (const norm of ['batch', 'layer'] as const) {
      const t = new Trainer(depthCompareSpec, config(norm), 1);
      out[norm] = [];
      for (const s of [30, 100]) {
        await t.step(s - t.stepCount);
        out[norm].push(Math.round(((await t.view()).trainLoss as number[])[2] * 1000) / 1000);
      }
      t.dispose();
    }
    expect(out).toEqual({ batch: [0.137, 0.03], layer: [0.119, 0.006] });
  }, 120_000);
});
