import * as tf from '@tensorflow/tfjs';
import { birthsStore } from '../data/births';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { MASK_VALUE } from '../nn/attention';
import { lossAndGradients } from '../nn/gradients';
import { birthsYear, functionData, type PoolingData, type PoolingSource } from './attentionPoolingData';

/**
 * Chapter 9's learned kernel: attention pooling f(q) = Σ_j softmax_j(−½((q − x_j) w)²) y_j with one trainable
 * weight w (d2l's parametric Nadaraya-Watson), trained by plain gradient descent on the leave-one-out squared
 * loss over the data points, with tfjs computing dL/dw by autodiff. The fixed-bandwidth estimator it is compared
 * with needs no training; the figure computes it on the main thread (src/engine/math/kernelRegression.ts).
 */
export interface AttentionPoolingConfig {
  source: PoolingSource;
  /** The packed births file's URL (source 'births'); '' in Node tests, where the store is provided. */
  dataUrl: string;
  learningRate: number;
  /** w at the start: w = 1/h, so 1 is a bandwidth of one unit of x. */
  initialW: number;
}

export interface AttentionPoolingView {
  /** The learned kernel's weight now (bandwidth 1/|w|) and its leave-one-out loss. */
  w: number;
  loss: number;
  data: PoolingData;
  /** The learned kernel's prediction at each query. */
  fit: Float32Array;
  series: { 'learned kernel (leave-one-out)': number };
}

function dataOf(c: AttentionPoolingConfig, seed: number): PoolingData {
  return c.source === 'births' ? birthsYear(birthsStore.get()) : functionData(seed);
}

/** The leave-one-out loss of the learned kernel on keys x [n] and values y [n], as a tf scalar (autodiff in w). */
export function learnedKernelLoss(x: tf.Tensor1D, y: tf.Tensor1D, w: tf.Tensor, selfMask: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const n = x.shape[0];
    const d = tf.mul(tf.sub(tf.reshape(x, [n, 1]), tf.reshape(x, [1, n])), w);
    // Each point is predicted from the others: without the mask, w → ∞ would copy y_i to itself.
    const scores = tf.add(tf.mul(tf.square(d), -0.5), selfMask);
    const f = tf.squeeze(tf.matMul(tf.softmax(scores), tf.reshape(y, [n, 1])), [1]);
    return tf.mean(tf.square(tf.sub(f, y))) as tf.Scalar;
  });
}

/**
 * f(q) = Σ_j softmax_j(−½((q − x_j) w)²) y_j at every query q [m]; with `selfMask` (the queries are the keys) each
 * query leaves its own key out, as the loss does.
 */
export function learnedKernelFit(q: tf.Tensor1D, x: tf.Tensor1D, y: tf.Tensor1D, w: tf.Tensor, selfMask?: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const d = tf.mul(tf.sub(tf.reshape(q, [q.shape[0], 1]), tf.reshape(x, [1, x.shape[0]])), w);
    let scores = tf.mul(tf.square(d), -0.5);
    if (selfMask) scores = tf.add(scores, selfMask);
    return tf.squeeze(tf.matMul(tf.softmax(scores), tf.reshape(y, [y.shape[0], 1])), [1]) as tf.Tensor1D;
  });
}

export const attentionPoolingSpec: ModelSpec<AttentionPoolingConfig, AttentionPoolingView> = {
  kind: 'attention-pooling',
  probeConfig: { source: 'function', dataUrl: '', learningRate: 0.5, initialW: 1 },
  async prepare(config) {
    if (config.source === 'births' && config.dataUrl) await birthsStore.load(config.dataUrl);
  },
  create(config, seed): Model<AttentionPoolingConfig, AttentionPoolingView> {
    let c = config;
    if (!(c.learningRate > 0) || !Number.isFinite(c.learningRate)) throw new ConfigError('The learning rate must be a positive number.');
    if (!Number.isFinite(c.initialW) || c.initialW === 0) throw new ConfigError('The starting weight w must be a non-zero number (w = 0 gives every key the same weight, and a zero gradient).');
    const data = dataOf(c, seed);
    const n = data.keys.length;
    const x = tf.tensor1d(data.keys);
    const y = tf.tensor1d(data.values);
    const selfMask = tf.tidy(() => tf.mul(tf.eye(n), MASK_VALUE)) as tf.Tensor2D;
    const queries = tf.tensor1d(data.queries);
    // tf.variable(tf.scalar(..)) outside a tidy would keep the initial tensor alive.
    const w = tf.tidy(() => tf.variable(tf.scalar(c.initialW), true));
    return {
      step() {
        const { loss, grads } = lossAndGradients(() => learnedKernelLoss(x, y, w, selfMask), [w]);
        tf.tidy(() => w.assign(tf.sub(w, tf.mul(grads[0], c.learningRate))));
        grads.forEach((g) => g.dispose());
        return loss;
      },
      configure(next) {
        if (next.source !== c.source || next.initialW !== c.initialW) throw new ConfigError('Changing the data or the starting w needs a reset.');
        if (!(next.learningRate > 0)) throw new ConfigError('The learning rate must be a positive number.');
        c = next;
      },
      async view(): Promise<AttentionPoolingView> {
        const l = learnedKernelLoss(x, y, w, selfMask);
        const f = learnedKernelFit(queries, x, y, w, data.queriesAreKeys ? selfMask : undefined);
        const [wv, lv, fv] = await Promise.all([w.data(), l.data(), f.data()]);
        l.dispose();
        f.dispose();
        return { w: wv[0], loss: lv[0], data, fit: fv as Float32Array, series: { 'learned kernel (leave-one-out)': lv[0] } };
      },
      variables: () => [w],
      dispose() {
        x.dispose();
        y.dispose();
        selfMask.dispose();
        queries.dispose();
        w.dispose();
      },
    };
  },
};
