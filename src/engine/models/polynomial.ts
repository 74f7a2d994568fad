import * as tf from '@tensorflow/tfjs';
import { kfoldSplits, pick, trainIndices } from '../math/kfold';
import { legendreFeatures } from '../math/polynomial';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { createRng } from '../rng';

/** Chapter 5's polynomial regression: y ≈ Σ_k c_k φ_k(x) on scaled Legendre features, trained full-batch. */
export interface PolynomialConfig {
  xs: number[];
  ys: number[];
  /** Held-out points: never trained on, only measured. */
  valXs: number[];
  valYs: number[];
  degree: number;
  /** Weight decay λ on c_1..c_d (the constant term is not penalised). */
  l2: number;
  learningRate: number;
  optimizer: 'adam' | 'sgd';
}

export const MAX_DEGREE = 15;

function validate(c: { xs: number[]; degree: number }): void {
  if (c.xs.length === 0) throw new ConfigError('No training points.');
  if (!Number.isInteger(c.degree) || c.degree < 0 || c.degree > MAX_DEGREE) throw new ConfigError(`The degree must be a whole number from 0 to ${MAX_DEGREE}.`);
}

/** One polynomial fit: the coefficients, Adam or SGD state, and its data as tensors. */
export class PolynomialRun {
  readonly coef: tf.Variable;
  private opt: Optimizer;
  private x!: tf.Tensor2D;
  private y!: tf.Tensor1D;
  private xv!: tf.Tensor2D;
  private yv!: tf.Tensor1D;
  private readonly mask: tf.Tensor1D;

  constructor(
    private config: PolynomialConfig,
    seed: number,
  ) {
    validate(config);
    const rng = createRng(seed);
    const d = config.degree + 1;
    // Small random start: every seed gives its own (reproducible) path to the same minimum.
    const init = Array.from({ length: d }, () => 0.1 * rng.normal());
    this.coef = tf.tidy(() => tf.variable(tf.tensor1d(init), true));
    this.mask = tf.tensor1d(Array.from({ length: d }, (_, k) => (k === 0 ? 0 : 1)));
    this.opt = new Optimizer([this.coef], { ...DEFAULT_OPTIMIZER, kind: config.optimizer });
    this.setData();
  }

  private setData(): void {
    [this.x, this.y, this.xv, this.yv].forEach((t) => t?.dispose());
    const c = this.config;
    const feats = (xs: number[]) => tf.tensor2d(xs.length ? legendreFeatures(xs, c.degree) : [], [xs.length, c.degree + 1]);
    this.x = feats(c.xs);
    this.y = tf.tensor1d(c.ys);
    this.xv = feats(c.valXs);
    this.yv = tf.tensor1d(c.valYs);
  }

  configure(config: PolynomialConfig): void {
    validate(config);
    if (config.degree !== this.config.degree) throw new ConfigError('Changing the degree needs a new model.');
    const old = this.config;
    this.config = config;
    if (config.optimizer !== old.optimizer) {
      this.opt.dispose();
      this.opt = new Optimizer([this.coef], { ...DEFAULT_OPTIMIZER, kind: config.optimizer });
    }
    if (JSON.stringify([old.xs, old.ys, old.valXs, old.valYs]) !== JSON.stringify([config.xs, config.ys, config.valXs, config.valYs])) this.setData();
  }

  /** Mean squared error on a feature matrix and targets (0 when there are none). */
  private mse(x: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
    if (x.shape[0] === 0) return tf.scalar(0);
    return tf.mean(tf.square(tf.sub(tf.squeeze(tf.matMul(x, tf.reshape(this.coef, [-1, 1])), [1]), y)));
  }

  /** The training data's loss alone, without the penalty (what the curves show). */
  trainLoss(): tf.Scalar {
    return this.mse(this.x, this.y);
  }

  /** One full-batch step on mean (ŷ − y)² + λ Σ_{k≥1} c_k²; returns the data part of the loss. */
  step(): tf.Scalar {
    const { l2, learningRate } = this.config;
    let data: tf.Scalar | null = null;
    const { grads } = tf.variableGrads(() => {
      data = tf.keep(this.trainLoss());
      return l2 > 0 ? tf.add(data, tf.mul(l2, tf.sum(tf.square(tf.mul(this.coef, this.mask))))) : data;
    }, [this.coef]);
    this.opt.apply([grads[this.coef.name]], learningRate);
    // data was kept through variableGrads' scope; handing it back through a fresh op lets the caller's tidy own it.
    const out = tf.clone(data!);
    (data as tf.Scalar | null)?.dispose();
    return out;
  }

  /** Coefficients and the train and validation MSE, as plain numbers. */
  async snapshot(): Promise<{ coef: number[]; trainLoss: number; valLoss: number }> {
    const t = tf.tidy(() => tf.concat([this.coef, tf.stack([this.trainLoss(), this.xv.shape[0] ? this.mse(this.xv, this.yv) : tf.scalar(NaN)])]));
    const v = Array.from(await t.data());
    t.dispose();
    const d = this.config.degree + 1;
    return { coef: v.slice(0, d), trainLoss: v[d], valLoss: v[d + 1] };
  }

  variables(): tf.Variable[] {
    return [this.coef, ...this.opt.variables()];
  }

  dispose(): void {
    [this.coef, this.mask, this.x, this.y, this.xv, this.yv].forEach((t) => t.dispose());
    this.opt.dispose();
  }
}

const PROBE_XS = Array.from({ length: 20 }, (_, i) => -1 + (2 * i) / 19);
const PROBE: PolynomialConfig = { xs: PROBE_XS, ys: PROBE_XS.map((x) => Math.sin(3 * x)), valXs: PROBE_XS, valYs: PROBE_XS.map((x) => Math.sin(3 * x)), degree: 5, l2: 0, learningRate: 0.05, optimizer: 'adam' };

/** The fit's Legendre coefficients and its losses, also as series 'train loss' and 'validation loss'. */
export interface PolynomialView {
  coef: number[];
  trainLoss: number;
  /** NaN without validation points. */
  valLoss: number;
  series: SeriesPoint;
}

/** The degree-slider widget's model: one polynomial fit with its validation error in the view. */
export const polynomialSpec: ModelSpec<PolynomialConfig, PolynomialView> = {
  kind: 'polynomial',
  probeConfig: PROBE,
  create(config, seed): Model<PolynomialConfig, PolynomialView> {
    const run = new PolynomialRun(config, seed);
    return {
      step: () => run.step(),
      configure: (c) => run.configure(c),
      view: async () => {
        const s = await run.snapshot();
        return { ...s, series: { 'train loss': s.trainLoss, 'validation loss': s.valLoss } };
      },
      variables: () => run.variables(),
      dispose: () => run.dispose(),
    };
  },
};

/** K-fold cross-validation of one degree: K fits, trained one fold after another. */
export interface KFoldConfig {
  xs: number[];
  ys: number[];
  k: number;
  degree: number;
  l2: number;
  learningRate: number;
  optimizer: 'adam' | 'sgd';
  /** Steps each fold's model trains before the next fold starts. */
  stepsPerFold: number;
  /** Seed of the shuffle that assigns points to folds. */
  foldSeed: number;
}

function foldsOf(c: KFoldConfig): number[][] {
  if (!Number.isInteger(c.k) || c.k < 2 || c.k > 10) throw new ConfigError('K must be a whole number from 2 to 10.');
  if (c.xs.length < c.k) throw new ConfigError(`K-fold needs at least K = ${c.k} points.`);
  if (!Number.isInteger(c.stepsPerFold) || c.stepsPerFold < 1) throw new ConfigError('Each fold needs at least one step.');
  return kfoldSplits(c.xs.length, c.k, c.foldSeed);
}

function foldRunConfig(c: KFoldConfig, folds: number[][], i: number): PolynomialConfig {
  const tr = pick(c, trainIndices(folds, i));
  const va = pick(c, folds[i]);
  return { xs: tr.xs, ys: tr.ys, valXs: va.xs, valYs: va.ys, degree: c.degree, l2: c.l2, learningRate: c.learningRate, optimizer: c.optimizer };
}

/**
 * The cross-validation widget's model. Fold i's model trains on the other K − 1
 * folds for `stepsPerFold` steps, then fold i + 1's starts; after the last fold
 * a step changes nothing. The loss is the mean training loss of the K models
 * (untrained ones count at their starting loss), so it falls fold after fold.
 */
/** Each fold's coefficients and losses, which fold trains now, and how far. */
export interface KFoldView {
  folds: number[][];
  coef: number[][];
  trainLoss: number[];
  valLoss: number[];
  currentFold: number;
  stepsInFold: number;
  done: boolean;
}

export const polynomialKFoldSpec: ModelSpec<KFoldConfig, KFoldView> = {
  kind: 'polynomial-kfold',
  probeConfig: { xs: PROBE_XS, ys: PROBE.ys, k: 5, degree: 5, l2: 0, learningRate: 0.05, optimizer: 'adam', stepsPerFold: 100, foldSeed: 1 },
  create(config, seed): Model<KFoldConfig, KFoldView> {
    let c = config;
    const folds = foldsOf(c);
    // Same seed for every fold: the folds differ only in which points they hold out.
    const runs = folds.map((_, i) => new PolynomialRun(foldRunConfig(c, folds, i), seed));
    let t = 0;
    return {
      step: () => {
        const fold = Math.floor(t / c.stepsPerFold);
        if (fold < runs.length) {
          runs[fold].step().dispose();
          t += 1;
        }
        return tf.div(tf.addN(runs.map((r) => r.trainLoss())), runs.length) as tf.Scalar;
      },
      configure: (next) => {
        if (next.k !== c.k || next.foldSeed !== c.foldSeed || next.degree !== c.degree || JSON.stringify([next.xs, next.ys]) !== JSON.stringify([c.xs, c.ys]))
          throw new ConfigError('Changing the folds or the degree needs a new model.');
        c = next;
        runs.forEach((r, i) => r.configure(foldRunConfig(c, folds, i)));
      },
      view: async () => {
        const snaps = await Promise.all(runs.map((r) => r.snapshot()));
        return {
          folds: folds.map((f) => [...f]),
          coef: snaps.map((s) => s.coef),
          trainLoss: snaps.map((s) => s.trainLoss),
          valLoss: snaps.map((s) => s.valLoss),
          currentFold: Math.min(Math.floor(t / c.stepsPerFold), runs.length),
          stepsInFold: t % c.stepsPerFold,
          done: t >= runs.length * c.stepsPerFold,
        };
      },
      variables: () => runs.flatMap((r) => r.variables()),
      dispose: () => runs.forEach((r) => r.dispose()),
    };
  },
};
