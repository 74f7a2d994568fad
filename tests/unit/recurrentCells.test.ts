/**
 * The recurrent cells of src/engine/nn/recurrent.ts against tfjs's own layers with the same
 * weights (simpleRNN, gru, lstm with returnSequences and sigmoid gates), stacked use, the gate
 * equations step by step, gradients against finite differences, and tensor counts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng';
import { ParamStore } from '../../src/engine/nn/params';
import { createCell, type CellKind, type LstmGates, type GruGates } from '../../src/engine/nn/recurrent';
import { RecurrentStack, runSequence } from '../../src/engine/nn/sequence';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const B = 3;
const T = 5;
const D = 4;
const Q = 6;

function input(seed: number, shape = [B, T, D]): tf.Tensor3D {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor3d(Float32Array.from({ length: n }, () => rng.normal()), shape as [number, number, number]);
}

function tfLayer(kind: CellKind, units: number): tf.layers.Layer {
  const common = { units, returnSequences: true };
  if (kind === 'rnn') return tf.layers.simpleRNN(common);
  if (kind === 'gru') return tf.layers.gru({ ...common, recurrentActivation: 'sigmoid' });
  return tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid' });
}

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const [x, y] = [await a.data(), await b.data()];
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

describe('cells match tfjs layers with the same weights', () => {
  for (const kind of ['rnn', 'gru', 'lstm'] as CellKind[]) {
    it(`${kind}: every hidden state within 1e-5 of tf.layers (returnSequences)`, async () => {
      const params = new ParamStore(createRng(7));
      // Non-zero biases, so that the bias placement is checked too.
      const cell = createCell(kind, params, D, Q);
      cell.bias.assign(tf.tidy(() => tf.randomUniform(cell.bias.shape, -0.5, 0.5, 'float32', 3)));
      const x = input(11);
      const layer = tfLayer(kind, Q);
      layer.apply(tf.input({ shape: [T, D] }));
      layer.setWeights(cell.weights());
      const ref = layer.apply(x) as tf.Tensor;
      const ours = runSequence(cell, x);
      expect(await maxDiff(ours.outputs, ref)).toBeLessThan(1e-5);
      tf.dispose([ref, ours.outputs, ours.final.h, ours.final.c, x]);
      layer.dispose();
      params.dispose();
    });
  }

  it('a two-layer LSTM stack equals two tfjs LSTM layers in a row', async () => {
    const params = new ParamStore(createRng(3));
    const stack = new RecurrentStack(params, 'lstm', D, [Q, 5]);
    const x = input(5);
    const l1 = tfLayer('lstm', Q);
    const l2 = tfLayer('lstm', 5);
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [T, D] }), l1, l2] });
    l1.setWeights(stack.cells[0].weights());
    l2.setWeights(stack.cells[1].weights());
    const ref = model.predict(x) as tf.Tensor;
    const ours = tf.tidy(() => stack.apply(x).outputs);
    expect(ours.shape).toEqual([B, T, 5]);
    expect(await maxDiff(ours, ref)).toBeLessThan(1e-5);
    tf.dispose([ref, ours, x]);
    model.dispose();
    params.dispose();
  });
});

describe('gates, step by step', () => {
  it('LSTM gates obey c_t = f ⊙ c_{t−1} + i ⊙ c~ and h_t = o ⊙ tanh(c_t), gates in (0, 1)', async () => {
    const params = new ParamStore(createRng(1));
    const cell = createCell('lstm', params, D, Q);
    const x = input(2);
    tf.tidy(() => {
      const run = runSequence(cell, x, undefined, { keepGates: true });
      expect(run.gates).toHaveLength(T);
      const g1 = run.gates![1] as LstmGates;
      const g0 = run.gates![0] as LstmGates;
      const c = tf.add(tf.mul(g1.f, g0.c), tf.mul(g1.i, g1.candidate));
      expect(tf.max(tf.abs(tf.sub(c, g1.c))).dataSync()[0]).toBeLessThan(1e-6);
      expect(tf.max(tf.abs(tf.sub(tf.mul(g1.o, tf.tanh(g1.c)), g1.h))).dataSync()[0]).toBeLessThan(1e-6);
      for (const g of [g1.i, g1.f, g1.o]) {
        expect(tf.min(g).dataSync()[0]).toBeGreaterThan(0);
        expect(tf.max(g).dataSync()[0]).toBeLessThan(1);
      }
    });
    x.dispose();
    params.dispose();
  });

  it('GRU: z_t = 1 keeps h_{t−1} (the Keras convention)', () => {
    const params = new ParamStore(createRng(1));
    const cell = createCell('gru', params, D, Q);
    // A huge update-gate bias drives z to 1: the state must not move.
    const b = new Float32Array(3 * Q);
    b.fill(50, 0, Q);
    cell.bias.assign(tf.tensor1d(b));
    tf.tidy(() => {
      const h0 = tf.randomNormal([B, Q], 0, 1, 'float32', 4) as tf.Tensor2D;
      const r = cell.step(tf.randomNormal([B, D], 0, 1, 'float32', 5) as tf.Tensor2D, { h: h0 });
      expect(tf.min((r.gates as GruGates).z).dataSync()[0]).toBeGreaterThan(0.999);
      expect(tf.max(tf.abs(tf.sub(r.state.h, h0))).dataSync()[0]).toBeLessThan(1e-5);
    });
    params.dispose();
  });
});

describe('gradients against finite differences', () => {
  for (const kind of ['rnn', 'gru', 'lstm'] as CellKind[]) {
    it(`${kind}: ∂L/∂W_h and ∂L/∂W_x by autodiff within 2e-3 of central differences`, () => {
      const params = new ParamStore(createRng(9));
      const cell = createCell(kind, params, 3, 4);
      const x = input(4, [2, 4, 3]);
      const proj = tf.tidy(() => tf.randomNormal([2, 4, 4], 0, 1, 'float32', 8));
      // L = Σ_t Σ h_t ⊙ P: every hidden state reaches the loss.
      const loss = () => tf.tidy(() => tf.sum(tf.mul(runSequence(cell, x).outputs, proj)) as tf.Scalar);
      const { grads } = tf.variableGrads(loss, [cell.kernel, cell.recurrentKernel]);
      for (const v of [cell.kernel, cell.recurrentKernel]) {
        const g = grads[v.name].dataSync();
        const values = v.dataSync().slice();
        const eps = 1e-2;
        for (const idx of [0, 3, values.length - 1]) {
          const plus = values.slice();
          plus[idx] += eps;
          v.assign(tf.tensor(plus, v.shape));
          const lp = loss().dataSync()[0];
          const minus = values.slice();
          minus[idx] -= eps;
          v.assign(tf.tensor(minus, v.shape));
          const lm = loss().dataSync()[0];
          v.assign(tf.tensor(values, v.shape));
          expect(Math.abs((lp - lm) / (2 * eps) - g[idx])).toBeLessThan(2e-3);
        }
      }
      tf.dispose([x, proj, ...Object.values(grads)]);
      params.dispose();
    });
  }
});

describe('tensor counts', () => {
  it('flat across forward-backward steps and back to start after dispose', () => {
    const start = tf.memory().numTensors;
    const params = new ParamStore(createRng(2));
    const stack = new RecurrentStack(params, 'gru', D, [Q, Q]);
    const x = input(1);
    const counts: number[] = [];
    for (let s = 0; s < 3; s++) {
      const { value, grads } = tf.variableGrads(() => tf.tidy(() => tf.mean(tf.square(stack.apply(x).outputs)) as tf.Scalar), stack.weights());
      tf.dispose([value, ...Object.values(grads)]);
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    x.dispose();
    params.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
