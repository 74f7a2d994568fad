import * as tf from '@tensorflow/tfjs';
import { kfoldSplits, pick, trainIndices } from '../math/kfold';
import { legendreFeatures } from '../math/polynomial';
import { ConfigError, type DataPayload, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { createRng } from '../rng';
import { pointsOnDataPath, readPoints1d, type Points1d } from './pointsOnDataPath';

/** Training points and held-out ones (never trained on, only measured). */
interface PolynomialPoints extends Points1d {
  valXs: number[];
  valYs: number[];
}

/**
 * Chapter 5's polynomial regression: y ≈ Σ_k c_k φ_k(x) on scaled Legendre features, trained full-batch.
 * The points are inline (tests, the probe) or, from the widget, sent on the data path as `points`
 * `{xs, ys, valXs, valYs}` (the validation lists may be left out).
 */
export interface PolynomialConfig extends Partial<PolynomialPoints> {
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
    private config: PolynomialConfig & PolynomialPoints,
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

  /** A live change; a config without points keeps the current ones. */
  configure(settings: PolynomialConfig): void {
    const old = this.config;
    const config = { ...settings, xs: settings.xs ?? old.xs, ys: settings.ys ?? old.ys, valXs: settings.valXs ?? old.valXs, valYs: settings.valYs ?? old.valYs };
    validate(config);
    if (config.degree !== old.degree) throw new ConfigError('Changing the degree needs a new model.');
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
/** Validates the points sent as `points`: training points, and validation points where given. */
function readPolynomialPoints(payload: DataPayload): PolynomialPoints {
  const train = readPoints1d(payload);
  const rec = payload as Record<string, DataPayload>;
  const val = rec.valXs === undefined && rec.valYs === undefined ? { xs: [], ys: [] } : readPoints1d(payload, 0, 'valXs', 'valYs');
  return { ...train, valXs: val.xs, valYs: val.ys };
}

const PROBE: PolynomialConfig & PolynomialPoints = { xs: PROBE_XS, ys: PROBE_XS.map((x) => Math.sin(3 * x)), valXs: PROBE_XS, valYs: PROBE_XS.map((x) => Math.sin(3 * x)), degree: 5, l2: 0, learningRate: 0.05, optimizer: 'adam' };

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
    if (!config.xs || !config.ys) return pointsOnDataPath(config, seed, { read: readPolynomialPoints, create: polynomialSpec.create });
    const run = new PolynomialRun({ ...config, xs: config.xs, ys: config.ys, valXs: config.valXs ?? [], valYs: config.valYs ?? [] }, seed);
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

/**
 * K-fold cross-validation of one degree: K fits, trained one fold after another. The points are inline or sent
 * on the data path as `points` `{xs, ys}`; new points are new folds, so they rebuild the model from the seed.
 */
export interface KFoldConfig extends Partial<Points1d> {
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

function foldsOf(c: KFoldConfig & Points1d): number[][] {
  if (!Number.isInteger(c.k) || c.k < 2 || c.k > 10) throw new ConfigError('K must be a whole number from 2 to 10.');
  if (c.xs.length < c.k) throw new ConfigError(`K-fold needs at least K = ${c.k} points.`);
  if (!Number.isInteger(c.stepsPerFold) || c.stepsPerFold < 1) throw new ConfigError('Each fold needs at least one step.');
  return kfoldSplits(c.xs.length, c.k, c.foldSeed);
}

function foldRunConfig(c: KFoldConfig & Points1d, folds: number[][], i: number): PolynomialConfig & PolynomialPoints {
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
    if (!config.xs || !config.ys) return pointsOnDataPath(config, seed, { read: (p) => readPoints1d(p), create: polynomialKFoldSpec.create, rebuild: true });
    let c = { ...config, xs: config.xs, ys: config.ys };
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
      configure: (settings) => {
        // A config without points keeps the current ones.
        const next = { ...settings, xs: settings.xs ?? c.xs, ys: settings.ys ?? c.ys };
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
