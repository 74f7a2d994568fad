/**
 * The GRU's fast path (gruScan, hand-written backward pass through time) against autodiff over the
 * cell's per-step ops (runSequenceProjected): the same outputs, loss and gradients for the projected
 * inputs, W_h and h_0, on cpu and wasm; and CharGru through CharLstmTrainer lowers its loss, leak-free.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { CharGru } from '../../src/engine/nn/charGru';
import { CharLstmTrainer } from '../../src/engine/nn/charLstm';
import { gruScan } from '../../src/engine/nn/gruFast';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';
import { ParamStore } from '../../src/engine/nn/params';
import { GruCell } from '../../src/engine/nn/recurrent';
import { runSequenceProjected } from '../../src/engine/nn/sequence';
import { createRng } from '../../src/engine/rng';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

for (const backend of ['cpu', 'wasm']) {
  describe(`fast GRU on ${backend}`, () => {
    for (const products of ['js', 'tfjs'] as const) {
      it(`outputs, loss and gradients (xp, W_h, h_0) within 1e-4 of autodiff (${products} products)`, async () => {
        await tf.setBackend(backend);
        await tf.ready();
        const params = new ParamStore(createRng(21));
        const cell = new GruCell(params, 5, 8);
        const rng = createRng(4);
        const [B, T, q] = [3, 7, 8];
        const rand = (n: number, s = 1) => Float32Array.from({ length: n }, () => rng.normal() * s);
        const xp = tf.variable(tf.tensor3d(rand(B * T * 3 * q), [B, T, 3 * q]));
        const p = tf.tensor3d(rand(B * T * q), [B, T, q]);
        const h0 = tf.variable(tf.tensor2d(rand(B * q, 0.5), [B, q]));
        const vars = [xp, cell.recurrentKernel, h0];
        const loss = (fast: boolean) => () =>
          tf.tidy(() => {
            const r = fast ? gruScan(xp, cell.recurrentKernel as tf.Tensor2D, { h: h0 }, { products }) : runSequenceProjected(cell, xp, { h: h0 });
            return tf.add(tf.sum(tf.mul(r.outputs, p)), tf.sum(tf.square(r.final.h))) as tf.Scalar;
          });
        const slow = tf.variableGrads(loss(false), vars);
        const before = tf.memory().numTensors;
        const fast = tf.variableGrads(loss(true), vars);
        expect(Math.abs(fast.value.dataSync()[0] - slow.value.dataSync()[0])).toBeLessThan(1e-4);
        for (const v of vars) {
          const ref = slow.grads[v.name].dataSync();
          expect(maxAbs(fast.grads[v.name].dataSync(), ref)).toBeLessThan(1e-4);
          expect(maxAbs(ref, new Float32Array(ref.length))).toBeGreaterThan(1e-3);
        }
        tf.dispose([fast.value, ...Object.values(fast.grads)]);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([slow.value, ...Object.values(slow.grads), xp, p, h0]);
        params.dispose();
      });
    }
  });
}

describe('CharGru', () => {
  it('trains through CharLstmTrainer (fast path), its loss falls, no tensor left behind', async () => {
    await tf.setBackend('cpu');
    const model = new CharGru({ vocabSize: 6, embedDim: 0, hidden: 16, seed: 3 });
    const trainer = new CharLstmTrainer(model, { ...DEFAULT_OPTIMIZER, kind: 'adam' }, 0.02, 5);
    // A periodic stream 0 1 2 3 4 5 0 1 …: each next id follows from the last, so the loss can fall far.
    const ids = Int32Array.from({ length: 8 * 13 }, (_, i) => i % 6);
    const x = tf.tensor2d(Int32Array.from({ length: 8 * 12 }, (_, i) => ids[Math.floor(i / 12) * 13 + (i % 12)]), [8, 12], 'int32');
    const y = tf.tensor2d(Int32Array.from({ length: 8 * 12 }, (_, i) => ids[Math.floor(i / 12) * 13 + (i % 12) + 1]), [8, 12], 'int32');
    const start = tf.memory().numTensors;
    const losses: number[] = [];
    for (let s = 0; s < 60; s++) {
      const l = trainer.step(x, y);
      losses.push(l.dataSync()[0]);
      l.dispose();
    }
    expect(tf.memory().numTensors).toBe(start);
    expect(losses[0]).toBeCloseTo(Math.log(6), 0);
    expect(losses[59]).toBeLessThan(0.3 * losses[0]);
    tf.dispose([x, y]);
    trainer.dispose();
    model.dispose();
  });
});
