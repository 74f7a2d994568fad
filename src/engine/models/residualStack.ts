import * as tf from '@tensorflow/tfjs';
import { getMnist } from '../data/mnistStore';
import type { Model, ModelSpec, SeriesPoint } from '../model';
import { createRng, permutation } from '../rng';
import { DeepStack, downsample } from '../nn/deepStack';
import { crossEntropy } from '../nn/lenetNet';
import { LiveOptimizer, type OptimizerKind } from '../nn/optimizers';
import { prepareMnist } from './lenet';

/** A plain and a residual stack of the same depth, trained side by side on the same batches. */
export interface ResidualStackConfig {
  dataUrl: string;
  depth: number;
  width: number;
  optimizer: OptimizerKind;
  learningRate: number;
}

const BATCH = 32;
const TRAIN = 8000;

/**
 * The residual figure's model: one step trains both stacks on one shared
 * batch; the view reports each stack's training loss (averaged since the last
 * point) and the size of the gradient reaching its first hidden layer.
 */
/** A new curve point (absent between points): each stack's mean training loss and first-hidden-layer gradient norm since the last. */
export interface ResidualStackView {
  series?: { plain: number; residual: number; plainGrad: number; residualGrad: number } & SeriesPoint;
}

export const residualStackSpec: ModelSpec<ResidualStackConfig, ResidualStackView> = {
  kind: 'residual-stack',
  probeConfig: { dataUrl: '', depth: 8, width: 32, optimizer: 'momentum', learningRate: 0.02 },
  prepare: prepareMnist,
  create(config, seed): Model<ResidualStackConfig, ResidualStackView> {
    const data = getMnist();
    const plain = new DeepStack(config.depth, config.width, false, createRng(seed));
    const residual = new DeepStack(config.depth, config.width, true, createRng(seed));
    const opts = [plain, residual].map((n) => new LiveOptimizer(n.vars, config.optimizer, config.learningRate));
    const rng = createRng(seed * 31 + 7);
    let order = permutation(TRAIN, rng);
    let cursor = 0;
    // [plain loss sum, residual loss sum, plain |grad| of first hidden layer, residual |grad|, steps]
    const running = tf.tidy(() => tf.variable(tf.zeros([5]), false));
    let steps = 0;
    let nextPoint = 0;
    return {
      step: () => {
        const xs = new Float32Array(BATCH * 784);
        const ys = new Int32Array(BATCH);
        for (let i = 0; i < BATCH; i++) {
          if (cursor >= TRAIN) {
            order = permutation(TRAIN, rng);
            cursor = 0;
          }
          const k = order[cursor++];
          ys[i] = data.labels[k];
          for (let j = 0; j < 784; j++) xs[i * 784 + j] = data.pixels[k * 784 + j] / 255;
        }
        const x = tf.tensor2d(downsample(xs, BATCH), [BATCH, 196]);
        const y = tf.tensor1d(ys, 'int32');
        const out = [plain, residual].map((net, i) => {
          const { value, grads } = tf.variableGrads(() => crossEntropy(net.logits(x), y), net.vars);
          const g1 = tf.norm(grads[net.vars[1].name]);
          opts[i].apply(grads);
          return { value, g1 };
        });
        running.assign(tf.add(running, tf.stack([out[0].value, out[1].value, out[0].g1, out[1].g1, tf.scalar(1)])));
        steps += 1;
        return tf.div(tf.add(out[0].value, out[1].value), 2) as tf.Scalar;
      },
      configure: (c) => opts.forEach((o) => {
        o.setKind(c.optimizer);
        o.learningRate = c.learningRate;
      }),
      view: async () => {
        if (!(steps >= nextPoint && steps > 0)) return {};
        const r = await running.data();
        tf.tidy(() => running.assign(tf.zeros([5])));
        const n = Math.max(1, r[4]);
        nextPoint = steps + Math.min(20, Math.max(2, Math.floor(steps / 5)));
        return { series: { plain: r[0] / n, residual: r[1] / n, plainGrad: r[2] / n, residualGrad: r[3] / n } };
      },
      variables: () => [...plain.vars, ...residual.vars],
      dispose: () => {
        plain.dispose();
        residual.dispose();
        opts.forEach((o) => o.dispose());
        running.dispose();
      },
    };
  },
};
