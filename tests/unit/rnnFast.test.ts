/**
 * The SimpleRNN's fast path (hand-written backward pass through time, src/engine/nn/rnnFast.ts)
 * against the straightforward one (runSequence, autodiff over per-step ops): the same outputs,
 * the same loss and the same gradients for every weight and the initial state, on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng';
import { ParamStore } from '../../src/engine/nn/params';
import { SimpleRnnCell } from '../../src/engine/nn/recurrent';
import { runSequence } from '../../src/engine/nn/sequence';
import { runRnnFast } from '../../src/engine/nn/rnnFast';

afterAll(async () => {
  await tf.setBackend('cpu');
});

function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

for (const backend of ['cpu', 'wasm']) {
  describe(`fast SimpleRNN on ${backend}`, () => {
    for (const products of ['js', 'tfjs'] as const) {
      it(`outputs, loss and gradients (W_x, W_h, b, h_0) within 1e-4 of autodiff (${products} products)`, async () => {
        await tf.setBackend(backend);
        await tf.ready();
        const params = new ParamStore(createRng(21));
        const cell = new SimpleRnnCell(params, 5, 8);
        const rng = createRng(4);
        const [B, T] = [3, 7];
        const x = tf.tensor3d(Float32Array.from({ length: B * T * 5 }, () => rng.normal()), [B, T, 5]);
        const p = tf.tensor3d(Float32Array.from({ length: B * T * 8 }, () => rng.normal()), [B, T, 8]);
        const h0 = tf.variable(tf.tensor2d(Float32Array.from({ length: B * 8 }, () => rng.normal() * 0.5), [B, 8]));
        const vars = [...cell.weights(), h0];
        // A loss reached by every h_t and by the final state, so each path of the backward pass counts.
        const loss = (fast: boolean) => () =>
          tf.tidy(() => {
            const r = fast ? runRnnFast(cell, x, { h: h0 }, { products }) : runSequence(cell, x, { h: h0 });
            return tf.add(tf.sum(tf.mul(r.outputs, p)), tf.sum(tf.square(r.final.h))) as tf.Scalar;
          });
        const slow = tf.variableGrads(loss(false), vars);
        const before = tf.memory().numTensors;
        const fast = tf.variableGrads(loss(true), vars);
        expect(Math.abs(fast.value.dataSync()[0] - slow.value.dataSync()[0])).toBeLessThan(1e-4);
        for (const v of vars) {
          const g = fast.grads[v.name].dataSync();
          const ref = slow.grads[v.name].dataSync();
          expect(maxAbs(g, ref)).toBeLessThan(1e-4);
          expect(maxAbs(ref, new Float32Array(ref.length))).toBeGreaterThan(1e-3);
        }
        tf.dispose([fast.value, ...Object.values(fast.grads)]);
        expect(tf.memory().numTensors).toBe(before);
        const outs = tf.tidy(() => [runRnnFast(cell, x, undefined, { products }).outputs, runSequence(cell, x).outputs]);
        expect(maxAbs(outs[0].dataSync(), outs[1].dataSync())).toBeLessThan(1e-5);
        tf.dispose([outs, slow.value, ...Object.values(slow.grads), x, p, h0]);
        params.dispose();
      });
    }
  });
}
