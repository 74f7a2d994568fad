import * as tf from '@tensorflow/tfjs';
import { grid2d, type Points2D } from '../data/classification2d';
import { ConfigError, type DataPayload, type Model, type ModelSpec } from '../model';
import { backprop } from '../nn/backprop';
import { DenseNetJs } from '../nn/denseJs';
import { plainView, testMetric, type MlpClassifierView, type PlainViewInput } from './mlpPlainView';
import { dataLoss, tfView } from './mlpTfView';
import { Mlp } from '../nn/mlp';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { lrAt } from '../nn/schedules';
import { createRng, permutation, type Rng } from '../rng';
import { featureNames, featureRows, featurize } from './features2d';
import { classesOf, inlinePoints, isRegressionConfig, MLP_PROBE_CONFIG, outputsOf, parseMlpPoints, validateMlpConfig, validateMlpPoints, type MlpClassifierConfig, type MlpClassifierInput, type MlpPoints } from './mlpClassifierConfig';

export { MAX_LAYERS, MAX_UNITS, validateMlpConfig, type MlpClassifierConfig, type MlpClassifierInput, type MlpPoints, type MlpSettings } from './mlpClassifierConfig';

/** One MLP classifier run; exported so that comparison models can hold several. */
export class MlpClassifier implements Model<MlpClassifierInput, MlpClassifierView> {
  private net: Mlp;
  private opt: Optimizer;
  private readonly rng: Rng;
  private xTrain!: tf.Tensor2D;
  private yTrain!: tf.Tensor2D;
  private xTest!: tf.Tensor2D;
  private yTest!: tf.Tensor2D;
  private xGrid: tf.Tensor2D | null = null;
  /** The training set as plain rows too: a mini-batch is built in JS, with no gather kernels. */
  private xRows: Float32Array = new Float32Array(0);
  private yRows: Float32Array = new Float32Array(0);
  private order: Int32Array = new Int32Array(0);
  private cursor = 0;
  private t = 0;
  /** Gradient of each weight matrix at the last step (norms are taken only when a view asks: fewer ops per step). */
  private lastWeightGrads: tf.Tensor[] = [];
  /** The plain-JS copy of the network that trains when config.plainJs is set; the tf.Variables follow it lazily. */
  private js: DenseNetJs | null = null;
  private jsDirty = false;
  /** The sets as plain rows, for views computed in plain JS (only with `js`). */
  private plainSets: Omit<PlainViewInput, 'neuronMaps'> | null = null;
  /** The first step, and its test loss, where config.testBelow was met at an epoch end (plain-JS steps). */
  private below: { step: number; loss: number } | null = null;
  /** What the model trains on: the config's inline points, or the last good points from the data path (none yet: empty). */
  private points: MlpPoints;
  /** One step without any tfjs op, returning the batch loss: set only when the steps run in plain JS. */
  readonly plainStep?: () => number;

  constructor(
    private config: MlpClassifierInput,
    seed: number,
  ) {
    validateMlpConfig(config);
    this.points = inlinePoints(config) ?? emptyPoints(config);
    this.rng = createRng(seed);
    const sizes = [featureNames(config.features).length, ...config.hidden, outputsOf(config)];
    this.net = new Mlp({ sizes, activation: config.activation, batchNorm: config.batchNorm, layerNorm: config.layerNorm, init: config.init }, this.rng);
    this.opt = new Optimizer(this.net.trainable(), config.optimizer ?? DEFAULT_OPTIMIZER);
    if (config.plainJs && !config.batchNorm && !config.layerNorm) {
      const biases = sizes.slice(1).map((s) => new Float32Array(s));
      const js = new DenseNetJs(sizes, config.activation, this.net.initialWeights, biases, config.optimizer ?? DEFAULT_OPTIMIZER);
      this.js = js;
      this.plainStep = () => (this.empty ? 0 : this.stepJs(js));
    }
    this.setData();
  }

  /** Copies the plain-JS weights into the tf.Variables, once per change: views and exports read those. */
  private syncFromJs(): void {
    const js = this.js;
    if (!js || !this.jsDirty) return;
    tf.tidy(() => {
      js.weights.forEach((w, l) => this.net.weights[l].assign(tf.tensor2d(w, this.net.weights[l].shape as [number, number])));
      js.biases.forEach((b, l) => this.net.biases[l].assign(tf.tensor1d(b)));
    });
    this.jsDirty = false;
  }

  /** Points on the data path (`points`, an MlpPoints): checked against the config; bad ones are refused and the last good stay. */
  receivePoints(payload: DataPayload): void {
    const p = parseMlpPoints(payload);
    validateMlpPoints(p, this.config);
    // The config's class count is the one the network was built for.
    const k = classesOf(this.config);
    this.points = { ...p, train: { ...p.train, classes: k }, test: { ...p.test, classes: k } };
    this.setData();
  }

  private setData(): void {
    [this.xTrain, this.yTrain, this.xTest, this.yTest, this.xGrid].forEach((t) => t?.dispose());
    const c = { ...this.config, ...this.points };
    const k = outputsOf(this.config);
    const targetRows = (d: Points2D, values: number[] | undefined) => {
      if (values) return Float32Array.from(values);
      const rows = new Float32Array(d.label.length * k);
      d.label.forEach((lab, i) => (rows[i * k + lab] = 1));
      return rows;
    };
    const enc = (d: Points2D, values: number[] | undefined) => [featurize(c.features, d.x, d.y), tf.tensor2d(targetRows(d, values), [d.x.length, k])] as const;
    [this.xTrain, this.yTrain] = enc(c.train, c.targets?.train);
    [this.xTest, this.yTest] = enc(c.test, c.targets?.test);
    this.xRows = featureRows(c.features, c.train.x, c.train.y);
    this.yRows = targetRows(c.train, c.targets?.train);
    const g = c.gridSize > 0 ? grid2d(c.gridSize) : null;
    this.xGrid = g ? featurize(c.features, g.x, g.y) : null;
    if (this.js) {
      this.plainSets = {
        train: { x: this.xRows, y: this.yRows, n: c.train.x.length },
        test: { x: featureRows(c.features, c.test.x, c.test.y), y: targetRows(c.test, c.targets?.test), n: c.test.x.length },
        grid: g ? { x: featureRows(c.features, g.x, g.y), n: g.x.length } : null,
        testLabels: c.test.label,
        classes: classesOf(this.config),
        regression: isRegressionConfig(this.config),
      };
    }
    this.order = permutation(c.train.x.length, this.rng);
    this.cursor = 0;
  }

  configure(config: MlpClassifierInput): void {
    validateMlpConfig(config);
    const old = this.config;
    if (outputsOf(config) !== outputsOf(old) || isRegressionConfig(config) !== isRegressionConfig(old)) throw new ConfigError('Switching between classification and regression needs a new network: reset.');
    this.config = config;
    if (config.optimizer.kind !== old.optimizer.kind) {
      this.opt.dispose();
      this.opt = new Optimizer(this.net.trainable(), config.optimizer);
    } else this.opt.configure(config.optimizer);
    this.js?.configureOptimizer(config.optimizer);
    if (JSON.stringify(config.testBelow) !== JSON.stringify(old.testBelow)) this.below = null;
    // Inline points (tests, comparisons) are compared by value; points on the data path arrive through receivePoints.
    const inline = inlinePoints(config);
    const dataChanged = JSON.stringify([old.train, old.test, old.features, old.gridSize, old.targets]) !== JSON.stringify([config.train, config.test, config.features, config.gridSize, config.targets]);
    if (inline && dataChanged) this.points = inline;
    if (dataChanged) this.setData();
  }

  private nextBatch(): number[] {
    const n = this.points.train.x.length;
    const size = Math.max(1, Math.min(this.config.batchSize, n));
    const idx: number[] = [];
    for (let i = 0; i < size; i++) {
      if (this.cursor >= n) {
        this.order = permutation(n, this.rng);
        this.cursor = 0;
      }
      idx.push(this.order[this.cursor++]);
    }
    return idx;
  }

  private dataLoss(out: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
    return dataLoss(out, y, isRegressionConfig(this.config));
  }

  /** The next mini-batch as plain rows: features [n x d] and targets [n x k]. */
  private batchRows(): { xb: Float32Array; yb: Float32Array; n: number; d: number; k: number } {
    const idx = this.nextBatch();
    const d = featureNames(this.config.features).length;
    const k = outputsOf(this.config);
    const xb = new Float32Array(idx.length * d);
    const yb = new Float32Array(idx.length * k);
    idx.forEach((r, i) => {
      xb.set(this.xRows.subarray(r * d, r * d + d), i * d);
      yb.set(this.yRows.subarray(r * k, r * k + k), i * k);
    });
    return { xb, yb, n: idx.length, d, k };
  }

  /** The next mini-batch as tensors built from plain rows (two uploads, no kernels). */
  private batchTensors(): [tf.Tensor2D, tf.Tensor2D] {
    const { xb, yb, n, d, k } = this.batchRows();
    return [tf.tensor2d(xb, [n, d]), tf.tensor2d(yb, [n, k])];
  }

  /** One step in plain JS: the batch is built from rows, the loss comes back as a number. */
  private stepJs(js: DenseNetJs): number {
    const c = this.config;
    const { xb, yb, n } = this.batchRows();
    const learningRate = c.schedule ? lrAt(c.schedule, this.t) : c.learningRate;
    const epochEnded = this.cursor >= this.points.train.x.length;
    const loss = js.step(xb, yb, n, { loss: isRegressionConfig(c) ? 'squared' : 'cross-entropy', dropout: c.dropout, dropoutSeed: this.rng.int(1 << 30), l1: c.l1, l2: c.l2, decoupledDecay: c.decoupledDecay, learningRate });
    this.jsDirty = true;
    this.t += 1;
    const target = c.testBelow;
    if (epochEnded && target && !this.below && this.plainSets) {
      const value = testMetric(js, this.plainSets, target.key);
      if (value < target.value) this.below = { step: this.t, loss: value };
    }
    return loss;
  }

  /** No points yet (they come on the data path): nothing to train on, so no step happens. */
  get empty(): boolean {
    return this.points.train.x.length === 0;
  }

  step(): tf.Scalar {
    if (this.empty) return tf.scalar(0);
    if (this.js) return tf.scalar(this.stepJs(this.js));
    const c = this.config;
    const [x, y] = this.batchTensors();
    const dropoutSeed = this.rng.int(1 << 30);
    const vars = this.net.trainable();
    let dataLoss: tf.Scalar;
    let g: tf.Tensor[];
    if (!c.batchNorm && !c.layerNorm) {
      // The lean path: backprop written out (nn/backprop.ts), half the kernels of the taped one.
      const r = backprop(this.net, x, y, { loss: isRegressionConfig(c) ? 'squared' : 'cross-entropy', dropout: c.dropout, dropoutSeed, l1: c.l1, l2: c.l2 });
      dataLoss = r.loss;
      g = r.grads;
    } else {
      let kept: tf.Scalar | null = null;
      const { grads } = tf.variableGrads(() => {
        const { logits } = this.net.forward(x, { training: true, dropout: c.dropout, dropoutSeed });
        // Kept: variableGrads disposes every intermediate but the total, and this is what the curve shows.
        kept = tf.keep(this.dataLoss(logits, y));
        let total: tf.Scalar = kept;
        if (c.l2 > 0) total = tf.add(total, tf.mul(c.l2, this.net.l2()));
        if (c.l1 > 0) total = tf.add(total, tf.mul(c.l1, this.net.l1()));
        return total;
      }, vars);
      // Hand back an ordinary tensor owned by the caller's tidy, so wrappers that combine runs' losses leak nothing.
      dataLoss = tf.clone(kept!);
      (kept as tf.Scalar | null)?.dispose();
      g = vars.map((v) => grads[v.name]);
    }
    const lr = c.schedule ? lrAt(c.schedule, this.t) : c.learningRate;
    // Decoupled decay (AdamW): shrink the weights before the update, outside the optimiser's normalisation.
    if (c.decoupledDecay) for (const w of this.net.weights) w.assign(tf.mul(w, 1 - lr * c.decoupledDecay));
    this.opt.apply(g, lr);
    this.lastWeightGrads.forEach((t) => t.dispose());
    this.lastWeightGrads = g.slice(0, this.net.layers).map((t) => tf.keep(t));
    this.t += 1;
    return dataLoss;
  }

  async view(): Promise<MlpClassifierView> {
    const v = await this.snapshot();
    return { ...v, series: { 'train loss': v.trainLoss, 'test loss': v.testLoss } };
  }

  private async snapshot(): Promise<Omit<MlpClassifierView, 'series'>> {
    const c = this.config;
    const learningRate = c.schedule ? lrAt(c.schedule, this.t) : c.learningRate;
    if (this.js && this.plainSets) {
      const v = plainView(this.js, { ...this.plainSets, neuronMaps: c.neuronMaps });
      // [step, test loss] where the stop rule's target was first met at an epoch end; [] if not (yet).
      const testBelow = this.below ? [this.below.step, this.below.loss] : [];
      return { ...v, testBelow, learningRate, parameters: this.net.parameterCount() };
    }
    return tfView({ net: this.net, config: { ...c, ...this.points }, sets: { xTrain: this.xTrain, yTrain: this.yTrain, xTest: this.xTest, yTest: this.yTest, xGrid: this.xGrid }, lastWeightGrads: this.lastWeightGrads, learningRate });
  }

  variables(): tf.Variable[] {
    this.syncFromJs();
    return [...this.net.variables(), ...this.opt.variables()];
  }

  /** Weights carried over from another backend: the plain-JS copy takes them too (its optimiser state restarts). */
  loadWeights(weights: Float32Array[]): void {
    const vars = this.variables();
    vars.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(weights[i], v.shape, v.dtype))));
    if (this.js) {
      this.js.load(weights.slice(0, 2 * this.net.layers));
      this.js.resetOptimizer(this.config.optimizer);
    }
  }

  dispose(): void {
    this.net.dispose();
    this.opt.dispose();
    [this.xTrain, this.yTrain, this.xTest, this.yTest, this.xGrid, ...this.lastWeightGrads].forEach((t) => t?.dispose());
  }
}

/** The probe's config has its points inline: the comparison models build on it. */
export const mlpClassifierSpec: ModelSpec<MlpClassifierInput, MlpClassifierView> & { probeConfig: MlpClassifierConfig } = {
  kind: 'mlp-classifier',
  probeConfig: MLP_PROBE_CONFIG,
  create: (config, seed) => {
    const run = new MlpClassifier(config, seed);
    // A class instance keeps its prototype: receiveData is added as an own property, so comparisons holding runs stay as they are.
    return Object.assign(run, {
      receiveData: (name: string, payload: DataPayload) => {
        if (name !== 'points') throw new ConfigError(`The MLP classifier takes only points, not "${name}".`);
        run.receivePoints(payload);
      },
    });
  },
  plainJs: (config) => ({ ...config, plainJs: true }),
};

/** No points yet: the sets are empty until the data path brings some. */
function emptyPoints(c: MlpClassifierInput): MlpPoints {
  const none = () => ({ x: [], y: [], label: [], classes: classesOf(c) });
  return { train: none(), test: none(), ...(isRegressionConfig(c) ? { targets: { train: [], test: [] } } : {}) };
}
