/** The chapter's claim about the lean step: it launches about half the kernels of the taped step (tf.variableGrads): 55 vs 102. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { backprop } from '../../src/engine/nn/backprop';
import { Mlp } from '../../src/engine/nn/mlp';
import { createRng } from '../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('8-8-8-8 ReLU, batch 10: hand-written backprop launches about half the kernels of the taped step', () => {
  const net = new Mlp({ sizes: [2, 8, 8, 8, 8, 2], activation: 'relu', batchNorm: false, init: 'auto' }, createRng(1));
  const vars = net.trainable();
  const x = tf.randomNormal([10, 2], 0, 1, 'float32', 1) as tf.Tensor2D;
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 'int32'), 2).toFloat()) as tf.Tensor2D;
  const count = (f: () => void) => {
    const e = tf.engine() as unknown as { runKernel: (...a: unknown[]) => unknown };
    const original = e.runKernel;
    let n = 0;
    e.runKernel = function (this: unknown, ...a: unknown[]) {
      n++;
      return original.apply(this, a);
    };
    try {
      f();
    } finally {
      e.runKernel = original;
    }
    return n;
  };
  const leanN = count(() => tf.tidy(() => void backprop(net, x, y, { loss: 'cross-entropy', dropout: 0, dropoutSeed: 0, l1: 0, l2: 0 })));
  const tapedN = count(() => tf.tidy(() => void tf.variableGrads(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(net.forward(x, { training: true }).logits)), 1))) as tf.Scalar, vars)));
  console.log(`runKernel calls: lean ${leanN}, taped ${tapedN}`);
  expect(leanN / tapedN).toBeLessThan(0.6);
  net.dispose();
  x.dispose();
  y.dispose();
});
