import * as tf from '@tensorflow/tfjs';
import { affineDigit } from '../data/digitTransforms';
import { angleFit, describeTheta } from '../math/affineTheta';
import { getMnist } from '../data/mnistStore';
import type { MnistData } from '../data/mnist';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { DigitBatches } from '../nn/digitBatches';
import { transformImages } from '../nn/bilinearSampler';
import { crossEntropy, DEFAULT_ARCH, LenetNet } from '../nn/lenetNet';
import { LiveOptimizer } from '../nn/optimizers';
import { SpatialTransformer } from '../nn/spatialTransformer';
import { createRng } from '../rng';
import { prepareMnist } from './lenet';

/** A spatial transformer in front of a LeNet, trained on digits turned and moved at random. */
export interface StnDigitsConfig {
  dataUrl: string;
  learningRate: number;
  /** Largest rotation (degrees, either way) and shift (pixels, each axis) of the distorted digits. */
  rotate: number;
  shift: number;
  trainSize: number;
  batchSize: number;
}

const PX = 784;
const EVAL = 300;
const SHOWN = 6;

/** Seeded distortions of at least half the maximum, for the test digits: the angle, then the shift. */
export function distortions(n: number, rotate: number, shift: number, seed = 808): { angle: number; dx: number; dy: number }[] {
  const rng = createRng(seed);
  const signed = (m: number) => (rng.next() < 0.5 ? -1 : 1) * m * (0.5 + 0.5 * rng.next());
  return Array.from({ length: n }, () => ({ angle: signed(rotate), dx: signed(shift), dy: signed(shift) }));
}

/** Test digits [0, n) each turned and moved by its own distortion: pixels [n·784] in [0, 1] and labels. */
export function distortedTestDigits(data: MnistData, n: number, rotate: number, shift: number): { xs: Float32Array; ys: Int32Array } {
  const d = distortions(n, rotate, shift);
  const xs = new Float32Array(n * PX);
  const ys = new Int32Array(n);
  const src = new Float32Array(PX);
  const out = new Float32Array(PX);
  for (let i = 0; i < n; i++) {
    const k = data.nTrain + i;
    ys[i] = data.labels[k];
    for (let j = 0; j < PX; j++) src[j] = data.pixels[k * PX + j] / 255;
    affineDigit(src, d[i].angle, d[i].dx, d[i].dy, out);
    xs.set(out, i * PX);
  }
  return { xs, ys };
}

function validate(c: StnDigitsConfig): void {
  if (!(c.learningRate > 0)) throw new ConfigError('The learning rate must be a positive number.');
  if (!(c.rotate >= 0 && c.rotate <= 90)) throw new ConfigError('Rotations must be between 0 and 90 degrees.');
  if (!(c.shift >= 0 && c.shift <= 6)) throw new ConfigError('Shifts must be between 0 and 6 pixels.');
}

/** The mean loss of `net` after `st` on (x, y): the quantity both samplers' θ-gradients are taken of. */
function lossThrough(net: LenetNet, x: tf.Tensor4D, y: tf.Tensor1D, theta: tf.Tensor2D, sampler: 'bilinear' | 'nearest'): tf.Scalar {
  return crossEntropy(net.logits(transformImages(x, theta, sampler)), y);
}

/**
 * The spatial transformer figure's model. Each step trains the transformer and the LeNet
 * together on one batch of distorted digits; the view shows six distorted test digits with
 * what the transformer made of them, the accuracy on 300 distorted test digits, and the
 * gradient of the loss with respect to θ through the bilinear sampler and through rounding.
 */
/** Six test digits before and after the transformer, the θ it applied, and the gradient through each sampler. */
export interface StnDigitsView {
  inputs: Float32Array;
  outputs: Float32Array;
  theta: number[];
  predicted: number[];
  labels: number[];
  applied: number[];
  gradBilinear: number;
  gradNearest: number;
  /** The learned angle against the applied one over the 300 test digits, from the last evaluation (null before it). */
  angleFit: { slope: number; offset: number; r: number } | null;
  series?: { accuracy: number } & SeriesPoint;
}

export const stnDigitsSpec: ModelSpec<StnDigitsConfig, StnDigitsView> = {
  kind: 'stn-digits',
  probeConfig: { dataUrl: '', learningRate: 0.002, rotate: 45, shift: 3, trainSize: 2000, batchSize: 8 },
  prepare: prepareMnist,
  create(config, seed): Model<StnDigitsConfig, StnDigitsView> {
    validate(config);
    let cfg = config;
    const data = getMnist();
    const rng = createRng(seed);
    const st = new SpatialTransformer(rng);
    const net = new LenetNet(DEFAULT_ARCH, rng, true);
    const vars = [...st.vars, ...net.vars];
    const opt = new LiveOptimizer(vars, 'adam', cfg.learningRate);
    const batches = new DigitBatches(data, cfg.trainSize, createRng(seed * 7919 + 29));
    let steps = 0;
    let test = { x: tf.tensor4d(new Float32Array(0), [0, 28, 28, 1]), y: tf.tensor1d([], 'int32') };
    const makeTest = () => {
      test.x.dispose();
      test.y.dispose();
      const t = distortedTestDigits(data, EVAL, cfg.rotate, cfg.shift);
      test = { x: tf.tensor4d(t.xs, [EVAL, 28, 28, 1]), y: tf.tensor1d(t.ys, 'int32') };
    };
    makeTest();
    let nextEval = 0;
    let evaluated = false;
    let fit: StnDigitsView['angleFit'] = null;
    return {
      step: () => {
        const { x, y } = batches.next(cfg.batchSize, { shift: cfg.shift, rotate: cfg.rotate });
        const { value, grads } = tf.variableGrads(() => crossEntropy(net.logits(st.apply(x).out), y), vars);
        opt.apply(grads);
        steps += 1;
        return value;
      },
      configure: (c) => {
        validate(c);
        const distortionChanged = c.rotate !== cfg.rotate || c.shift !== cfg.shift;
        cfg = c;
        opt.learningRate = c.learningRate;
        batches.setTrainSize(c.trainSize);
        if (distortionChanged) {
          makeTest();
          nextEval = steps;
        }
      },
      view: async (): Promise<StnDigitsView> => {
        const packed = tf.tidy(() => {
          const xs = tf.slice(test.x, [0, 0, 0, 0], [SHOWN, 28, 28, 1]);
          const ys = tf.slice(test.y, [0], [SHOWN]);
          const theta = st.theta(xs);
          const out = transformImages(xs, theta);
          const pred = tf.argMax(net.logits(out), 1).toFloat();
          // ∂L/∂θ through each sampler, at the transformer's own θ for these digits.
          const gB = tf.grad((t: tf.Tensor) => lossThrough(net, xs, ys, t as tf.Tensor2D, 'bilinear'))(theta);
          const gN = tf.grad((t: tf.Tensor) => lossThrough(net, xs, ys, t as tf.Tensor2D, 'nearest'))(theta);
          return tf.concat([tf.reshape(xs, [-1]), tf.reshape(out, [-1]), tf.reshape(theta, [-1]), pred, tf.stack([tf.norm(gB), tf.norm(gN)])]);
        });
        const due = steps >= nextEval && (steps > 0 || !evaluated);
        const evalT = due
          ? tf.tidy(() => {
              const { out, theta } = st.apply(test.x);
              return tf.concat([tf.reshape(tf.mean(tf.equal(tf.argMax(net.logits(out), 1), test.y).toFloat()), [1]), tf.reshape(theta, [-1])]);
            })
          : null;
        const [v, ev] = (await Promise.all([packed.data(), evalT?.data() ?? null])) as [Float32Array, Float32Array | null];
        packed.dispose();
        evalT?.dispose();
        const acc = ev ? ev.subarray(0, 1) : null;
        if (ev) {
          const learned = Array.from({ length: EVAL }, (_, i) => describeTheta(ev.subarray(1 + 6 * i, 7 + 6 * i)).angle);
          fit = angleFit(distortions(EVAL, cfg.rotate, cfg.shift).map((d) => d.angle), learned);
          evaluated = true;
          nextEval = steps + Math.min(40, Math.max(5, Math.floor(steps / 3)));
        }
        const n = SHOWN * PX;
        return {
          inputs: v.slice(0, n),
          outputs: v.slice(n, 2 * n),
          theta: Array.from(v.slice(2 * n, 2 * n + 6 * SHOWN)),
          predicted: Array.from(v.slice(2 * n + 6 * SHOWN, 2 * n + 7 * SHOWN)),
          labels: Array.from(data.labels.slice(data.nTrain, data.nTrain + SHOWN)),
          applied: distortions(SHOWN, cfg.rotate, cfg.shift).flatMap((d) => [d.angle, d.dx, d.dy]),
          gradBilinear: v[2 * n + 7 * SHOWN],
          gradNearest: v[2 * n + 7 * SHOWN + 1],
          angleFit: cfg.rotate > 0 ? fit : null,
          // The test accuracy is measured only now and then (a pass over 300 digits); the kit keeps its history.
          ...(acc ? { series: { accuracy: acc[0] } } : {}),
        };
      },
      variables: () => [...vars, ...opt.variables()],
      dispose: () => {
        st.dispose();
        net.dispose();
        opt.dispose();
        test.x.dispose();
        test.y.dispose();
      },
    };
  },
};
