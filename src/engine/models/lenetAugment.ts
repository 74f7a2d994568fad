import * as tf from '@tensorflow/tfjs';
import { createRng } from '../rng';
import type { Model, ModelSpec, SeriesPoint } from '../model';
import { getMnist } from '../data/mnistStore';
import { EvalSet, evaluate } from '../nn/lenetEval';
import { DEFAULT_ARCH } from '../nn/lenetNet';
import { LenetRun } from '../nn/lenetRun';
import { testDigits, type Augment } from '../nn/digitBatches';
import { prepareMnist } from './lenet';

/** Two LeNets from the same start on the same small training set, one with augmented batches. */
export interface AugmentCompareConfig {
  dataUrl: string;
  learningRate: number;
  trainSize: number;
  augment: Augment;
  /** Largest shift (pixels, each axis) of the shifted test set. */
  testShift: number;
}

const EVAL = 300;

/** Seeded per-digit shifts of at least half the maximum, in a random direction: the shifted test set. */
export function testShifts(n: number, maxShift: number, seed = 606): { dx: number; dy: number }[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const r = maxShift * (0.5 + 0.5 * rng.next());
    const a = rng.next() * 2 * Math.PI;
    return { dx: Math.round(r * Math.cos(a)), dy: Math.round(r * Math.sin(a)) };
  });
}

/**
 * The augmentation figure's model: one step trains both networks on one batch
 * each; the view reports both on the plain test digits and on shifted ones.
 */
/** Six shifted test digits (6 x 784), and at each curve point both networks' accuracy on plain and on shifted test digits. */
export interface AugmentCompareView {
  shiftedSample: Float32Array;
  series?: { plainClean: number; plainShifted: number; augClean: number; augShifted: number } & SeriesPoint;
}

export const lenetAugmentSpec: ModelSpec<AugmentCompareConfig, AugmentCompareView> = {
  kind: 'lenet-augment',
  probeConfig: { dataUrl: '', learningRate: 0.002, trainSize: 1000, augment: { shift: 3, rotate: 15 }, testShift: 4 },
  prepare: prepareMnist,
  // Two LeNets: the fastest backend for one LeNet is the fastest for two.
  probeAs: 'lenet',
  create(config, seed): Model<AugmentCompareConfig, AugmentCompareView> {
    const data = getMnist();
    const training = (c: AugmentCompareConfig, aug: Augment | null) => ({ optimizer: 'adam' as const, learningRate: c.learningRate, batchSize: 32, trainSize: c.trainSize, augment: aug });
    const plain = new LenetRun(data, DEFAULT_ARCH, training(config, null), seed, EVAL);
    const augmented = new LenetRun(data, DEFAULT_ARCH, training(config, config.augment), seed, EVAL);
    let shift = config.testShift;
    const makeShifted = () => {
      const t = testDigits(data, 0, EVAL, testShifts(EVAL, shift));
      return new EvalSet(t.xs, t.ys);
    };
    let shifted = makeShifted();
    let nextEval = 0;
    let evaluated = false;
    return {
      step: () => tf.div(tf.add(plain.step(), augmented.step()), 2) as tf.Scalar,
      configure: (c) => {
        plain.configure(training(c, null));
        augmented.configure(training(c, c.augment));
        if (c.testShift !== shift) {
          shift = c.testShift;
          shifted.dispose();
          shifted = makeShifted();
        }
      },
      view: async () => {
        const sample = testDigits(data, 0, 6, testShifts(6, shift));
        if (!(plain.steps >= nextEval && (plain.steps > 0 || !evaluated))) return { shiftedSample: sample.xs };
        const [pc, ps, ac, as] = [await evaluate(plain.net, plain.evalSet), await evaluate(plain.net, shifted), await evaluate(augmented.net, augmented.evalSet), await evaluate(augmented.net, shifted)];
        evaluated = true;
        nextEval = plain.steps + Math.min(40, Math.max(5, Math.floor(plain.steps / 3)));
        return { shiftedSample: sample.xs, series: { plainClean: pc.accuracy, plainShifted: ps.accuracy, augClean: ac.accuracy, augShifted: as.accuracy } };
      },
      variables: () => [...plain.net.vars, ...augmented.net.vars],
      dispose: () => {
        plain.dispose();
        augmented.dispose();
        shifted.dispose();
      },
    };
  },
};
