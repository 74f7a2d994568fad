/** Hand-written MLP backprop (nn/backprop.ts) against tf.grad of the same loss, for every activation and loss. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backprop, type BackpropOptions } from '../../src/engine/nn/backprop';
import { Mlp, type Activation } from '../../src/engine/nn/mlp';
import { createRng } from '../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setup(activation: Activation, outputs: number) {
  const rng = createRng(7);
  const net = new Mlp({ sizes: [3, 5, 4, outputs], activation, batchNorm: false, init: 'xavier' }, rng);
  // non-zero biases, so that bias gradients are tested away from a special point
  net.biases.forEach((b, i) => b.assign(tf.tidy(() => tf.fill(b.shape, 0.1 * (i + 1)))));
  const x = tf.tensor2d(Array.from({ length: 6 * 3 }, () => rng.normal()), [6, 3]);
  const y = outputs === 1 ? tf.tensor2d(Array.from({ length: 6 }, () => rng.normal()), [6, 1]) : tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0, 2], 'int32'), outputs).toFloat() as tf.Tensor2D;
  return { net, x, y };
}

/** The same loss through Mlp.forward and tfjs autodiff. */
function reference(net: Mlp, x: tf.Tensor2D, y: tf.Tensor2D, o: BackpropOptions) {
  const vars = net.trainable();
  const { value, grads } = tf.variableGrads(() => {
    const z = net.forward(x, { training: true, dropout: o.dropout, dropoutSeed: o.dropoutSeed }).logits;
    let loss: tf.Scalar =
      o.loss === 'cross-entropy' ? tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(z)), 1))) : tf.div(tf.mean(tf.square(tf.sub(z, y))), 2);
    if (o.l2 > 0) loss = tf.add(loss, tf.mul(o.l2, net.l2()));
    if (o.l1 > 0) loss = tf.add(loss, tf.mul(o.l1, net.l1()));
    return loss;
  }, vars);
  return { value, grads: vars.map((v) => grads[v.name]) };
}

describe('hand-written backprop', () => {
  const cases: [Activation, BackpropOptions['loss'], number, number, number][] = [
    ['relu', 'cross-entropy', 0, 0, 0],
    ['tanh', 'cross-entropy', 0, 1e-2, 0],
    ['sigmoid', 'squared', 0, 0, 1e-2],
    ['linear', 'squared', 0, 0, 0],
    ['relu', 'cross-entropy', 0.3, 1e-3, 1e-3],
    ['tanh', 'squared', 0.5, 0, 0],
  ];
  it.each(cases)('%s, %s, dropout %s, l2 %s, l1 %s: gradients equal tf.grad', (act, loss, dropout, l2, l1) => {
    const { net, x, y } = setup(act, loss === 'squared' ? 1 : 3);
    const o: BackpropOptions = { loss, dropout, dropoutSeed: 11, l1, l2 };
    tf.tidy(() => {
      const mine = backprop(net, x, y, o);
      const ref = reference(net, x, y, o);
      const dataOnly = reference(net, x, y, { ...o, l1: 0, l2: 0 }).value;
      expect(mine.loss.dataSync()[0]).toBeCloseTo(dataOnly.dataSync()[0], 5);
      mine.grads.forEach((g, i) => {
        expect(g.shape).toEqual(ref.grads[i].shape);
        const diff = tf.max(tf.abs(tf.sub(g, ref.grads[i]))).dataSync()[0];
        expect(diff).toBeLessThan(1e-5);
      });
    });
    net.dispose();
    x.dispose();
    y.dispose();
  });

  it('leaves no tensor behind inside tidy', () => {
    const { net, x, y } = setup('relu', 3);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      backprop(net, x, y, { loss: 'cross-entropy', dropout: 0.2, dropoutSeed: 1, l1: 0.1, l2: 0.1 });
    });
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
    x.dispose();
    y.dispose();
  });
});
