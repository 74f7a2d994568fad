/**
 * The linear layer's two routes (src/engine/nn/linear.ts): plain-JS products (the cpu backend's) and tfjs kernels
 * with a written-out backward (every other backend's), against each other, against autodiff of the plain formula,
 * and against central finite differences, with and without bias and ReLU; and transpose4 against tf.transpose.
 * Run on cpu, where both routes work.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { linearBy } from '../../src/engine/nn/linear';
import { transpose4 } from '../../src/engine/nn/transposeFast';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/** Rows 7 (not a multiple of four: rowsTimes's remainder loop runs too), 5 inputs, 3 outputs. */
const x = () => tf.tensor2d(Array.from({ length: 35 }, (_, i) => Math.sin(i * 1.7)), [7, 5]);
const w = () => tf.tensor2d(Array.from({ length: 15 }, (_, i) => Math.cos(i * 0.9) * 0.7), [5, 3]);
const b = () => tf.tensor1d([0.3, -0.2, 0.1]);
/** A loss that weighs every output differently, so that each gradient entry is distinct. */
const weights = tf.tensor2d(Array.from({ length: 21 }, (_, i) => 0.5 + i / 10), [7, 3]);
const lossOf = (y: tf.Tensor) => tf.sum(tf.mul(y, weights)) as tf.Scalar;

describe('linear layer routes', () => {
  for (const activation of ['linear', 'relu'] as const)
    for (const withBias of [true, false])
      it(`js and tfjs agree with autodiff and finite differences (${activation}, ${withBias ? 'bias' : 'no bias'})`, () => {
        const before = tf.memory().numTensors;
        const [X, W, B] = [x(), w(), b()];
        const grads = (route: 'js' | 'tfjs' | 'reference') =>
          tf.tidy(() => {
            const f = (xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor = B) => {
              if (route === 'reference') {
                const z = tf.matMul(xi as tf.Tensor2D, wi as tf.Tensor2D);
                const zb = withBias ? tf.add(z, bi) : z;
                return lossOf(activation === 'relu' ? tf.relu(zb) : zb);
              }
              return lossOf(linearBy(route, xi as tf.Tensor2D, wi, withBias ? bi : null, activation));
            };
            const g = withBias ? tf.grads(f)([X, W, B]) : tf.grads((xi: tf.Tensor, wi: tf.Tensor) => f(xi, wi))([X, W]);
            return [f(X, W, B), ...g].map((t) => Array.from(t.dataSync()));
          });
        const [js, tfjs, ref] = [grads('js'), grads('tfjs'), grads('reference')];
        for (let k = 0; k < (withBias ? 4 : 3); k++) {
          expect(maxAbs(js[k], ref[k])).toBeLessThan(1e-4);
          expect(maxAbs(tfjs[k], ref[k])).toBeLessThan(1e-4);
        }
        // Central differences of the js route for every entry of W (float64 arithmetic would be tighter;
        // h = 1e-3 on a function that is piecewise linear in W is exact away from a ReLU's kink).
        const h = 1e-3;
        const Wv = W.dataSync();
        for (let i = 0; i < Wv.length; i++) {
          const at = (d: number) =>
            tf.tidy(() => {
              const shifted = Float32Array.from(Wv);
              shifted[i] += d;
              return lossOf(linearBy('js', X, tf.tensor2d(shifted, [5, 3]), withBias ? B : null, activation)).dataSync()[0];
            });
          expect(Math.abs((at(h) - at(-h)) / (2 * h) - js[2][i])).toBeLessThan(2e-2);
        }
        tf.dispose([X, W, B]);
        expect(tf.memory().numTensors).toBe(before);
      });
});

describe('transpose4 (the heads’ split and merge)', () => {
  it('equals tf.transpose for the permutations attention uses, and its gradient is the inverse permutation', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => i * 0.1 - 3), [2, 3, 4, 5]);
    const upstream = (shape: number[]) => tf.tensor(Array.from({ length: 120 }, (_, i) => Math.sin(i)), shape);
    for (const perm of [[2, 0, 1, 3], [1, 2, 0, 3], [1, 0, 2, 3]] as [number, number, number, number][]) {
      tf.tidy(() => {
        const ours = transpose4(x, perm);
        const ref = tf.transpose(x, perm);
        expect(ours.shape).toEqual(ref.shape);
        expect(maxAbs(ours.dataSync(), ref.dataSync())).toBe(0);
        const dy = upstream(ref.shape);
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(transpose4(t, perm), dy)))(x);
        const gRef = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.transpose(t, perm), dy)))(x);
        expect(maxAbs(g.dataSync(), gRef.dataSync())).toBeLessThan(1e-6);
      });
    }
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
