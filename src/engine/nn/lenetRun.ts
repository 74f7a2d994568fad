import * as tf from '@tensorflow/tfjs';
import type { MnistData } from '../data/mnist';
import { createRng } from '../rng';
import { DigitBatches, testDigits, type Augment } from './digitBatches';
import { EvalSet, evaluate, type EvalResult } from './lenetEval';
import { crossEntropy, LenetNet, type LenetArch } from './lenetNet';
import { LiveOptimizer, type OptimizerKind } from './optimizers';

/** What can change while a LeNet trains (the architecture cannot: it is a new network). */
export interface LenetTraining {
  optimizer: OptimizerKind;
  learningRate: number;
  batchSize: number;
  /** How many of the training digits to use (the first n of the fixed training split). */
  trainSize: number;
  augment: Augment | null;
}

/** One point of the learning curves. */
export interface CurvePoint {
  step: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
}

/**
 * One LeNet training run: a network, its hand-written optimizer, seeded
 * batches, running train metrics kept on the device (no read per step), and
 * test evaluations spaced so that they cost about a tenth of training.
 */
export class LenetRun {
  readonly net: LenetNet;
  readonly opt: LiveOptimizer;
  private readonly batches: DigitBatches;
  /** [loss sum, correct, examples] since the last curve point, on the device. */
  private readonly running: tf.Variable;
  readonly evalSet: EvalSet;
  steps = 0;
  private nextEval = 0;
  readonly curve: CurvePoint[] = [];
  lastEval: EvalResult | null = null;

  constructor(
    readonly data: MnistData,
    arch: LenetArch,
    public training: LenetTraining,
    seed: number,
    readonly evalSize = 300,
  ) {
    const rng = createRng(seed);
    this.net = new LenetNet(arch, rng);
    this.opt = new LiveOptimizer(this.net.vars, training.optimizer, training.learningRate);
    this.batches = new DigitBatches(data, training.trainSize, createRng(seed * 7919 + 13));
    this.running = tf.tidy(() => tf.variable(tf.zeros([3]), false));
    const t = testDigits(data, 0, evalSize);
    this.evalSet = new EvalSet(t.xs, t.ys);
  }

  configure(t: LenetTraining): void {
    this.training = t;
    this.opt.setKind(t.optimizer);
    this.opt.learningRate = t.learningRate;
    this.batches.setTrainSize(t.trainSize);
  }

  /** One step of mini-batch training; returns the batch loss. Runs inside the trainer's tf.tidy. */
  step(): tf.Scalar {
    const { x, y } = this.batches.next(this.training.batchSize, this.training.augment);
    let correct: tf.Tensor | null = null;
    const { value, grads } = tf.variableGrads(() => {
      const logits = this.net.logits(x);
      // variableGrads disposes what its function makes: keep the count, free it below.
      correct = tf.keep(tf.sum(tf.equal(tf.argMax(logits, 1), y).toFloat()));
      return crossEntropy(logits, y);
    }, this.net.vars);
    this.opt.apply(grads);
    this.running.assign(tf.add(this.running, tf.stack([tf.mul(value, y.shape[0]), correct!, tf.scalar(y.shape[0])])));
    (correct as tf.Tensor | null)?.dispose();
    this.steps += 1;
    return value;
  }

  /** True when a new curve point is due: often at first, then every so many examples. */
  evalDue(): boolean {
    return this.steps >= this.nextEval && (this.steps > 0 || this.curve.length === 0);
  }

  /** Adds a curve point: running train metrics since the last point, and the fixed test subset. */
  async addCurvePoint(): Promise<CurvePoint> {
    const r = await this.running.data();
    tf.tidy(() => this.running.assign(tf.zeros([3])));
    const ev = await evaluate(this.net, this.evalSet);
    this.lastEval = ev;
    const point: CurvePoint = {
      step: this.steps,
      trainLoss: r[2] > 0 ? r[0] / r[2] : ev.loss,
      trainAcc: r[2] > 0 ? r[1] / r[2] : ev.accuracy,
      testLoss: ev.loss,
      testAcc: ev.accuracy,
    };
    this.curve.push(point);
    if (this.curve.length > 400) this.curve.splice(1, 1); // bounded: drop the oldest but keep the start
    // Evaluating E digits costs about E/3 training examples; spacing points by 10/3 E examples keeps it near 10%.
    const spacing = Math.ceil((10 / 3) * this.evalSize / Math.max(1, this.training.batchSize));
    this.nextEval = this.steps + Math.min(spacing, Math.max(5, Math.floor(this.steps / 3)));
    return point;
  }

  dispose(): void {
    this.net.dispose();
    this.opt.dispose();
    this.running.dispose();
    this.evalSet.dispose();
  }
}
