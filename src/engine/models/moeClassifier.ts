import * as tf from '@tensorflow/tfjs';
import { clusteredSet } from '../data/clusters2d';
import { grid2d } from '../data/classification2d';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { lossAndGradients } from '../nn/gradients';
import { validateMoe } from '../nn/moe';
import { loadEntropy, routerEntropy, type Routing } from '../nn/moeRouting';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { ParamStore } from '../nn/params';
import { createRng, permutation } from '../rng';
import { MoeNet } from './moeClassifierNet';

/** The MoE classifier's settings: the mixture's shape is structural, the balancing loss and η are live. */
export interface MoeClassifierConfig {
  experts: number;
  topK: number;
  noisy: boolean;
  /** Each expert's hidden width. */
  hidden: number;
  dModel: number;
  /** Weight α of the balancing loss; 0 turns it off. */
  balanceWeight: number;
  /** Capacity factor while training; Infinity for no limit. */
  capacityFactor: number;
  learningRate: number;
  batch: number;
  /** Training points (the same number again are held out). */
  points: number;
  /** Cells per side of the expert map. */
  gridSize: number;
}

export interface MoeClassifierView {
  /** The router's first choice (no noise) on a gridSize² grid over [-1, 1]², row-major from the top-left. */
  gridExpert: number[];
  gridSize: number;
  /** Assignments each expert was sent and processed in the training batches since the last view. */
  demand: number[];
  load: number[];
  /** Share of training tokens in those batches that no expert took. */
  droppedShare: number;
  testAccuracy: number;
  trainLoss: number;
  balance: number;
  routerEntropy: number;
  loadEntropy: number;
  parameters: { total: number; active: number };
  series?: SeriesPoint;
}

export const MOE_CLASSIFIER_DEFAULTS: MoeClassifierConfig = {
  experts: 6, topK: 1, noisy: false, hidden: 8, dModel: 8, balanceWeight: 0.1, capacityFactor: Infinity, learningRate: 0.02, batch: 64, points: 360, gridSize: 40,
};

function validate(c: MoeClassifierConfig): void {
  validateMoe(c);
  if (!(c.balanceWeight >= 0 && c.balanceWeight <= 10)) throw new ConfigError(`The balancing weight α must lie in [0, 10] (got ${c.balanceWeight}).`);
  if (!(c.learningRate > 0 && c.learningRate <= 1)) throw new ConfigError(`The learning rate must lie in (0, 1] (got ${c.learningRate}).`);
  if (!(Number.isInteger(c.batch) && c.batch >= 1 && c.batch <= 1024)) throw new ConfigError(`A batch holds 1 to 1,024 points (got ${c.batch}).`);
  if (!(Number.isInteger(c.hidden) && c.hidden >= 1 && c.hidden <= 256)) throw new ConfigError(`An expert needs 1 to 256 hidden units (got ${c.hidden}).`);
}

/**
 * One MoE classifier on the clustered set (data/clusters2d.ts): Adam on cross-entropy + α · E Σ f_i P_i,
 * mini-batches of `batch` points. The view draws which expert serves each part of the plane, the tokens
 * per expert, the held-out accuracy and two entropies: the router's per token, and the load's.
 */
export class MoeClassifier implements Model<MoeClassifierConfig, MoeClassifierView> {
  private readonly net: MoeNet;
  private readonly opt: Optimizer;
  private readonly rng;
  private readonly train;
  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor1D;
  private readonly xTest: tf.Tensor2D;
  private readonly yTest: tf.Tensor1D;
  private readonly xGrid: tf.Tensor2D;
  private order: Int32Array;
  private cursor = 0;
  private demand: number[];
  private load: number[];
  private tokens = 0;
  private droppedTokens = 0;
  private shown: { demand: number[]; load: number[]; dropped: number } | null = null;

  constructor(
    private config: MoeClassifierConfig,
    seed: number,
  ) {
    validate(config);
    this.rng = createRng(seed * 31 + 7);
    const store = new ParamStore(createRng(seed));
    this.net = new MoeNet(store, { dHidden: config.hidden, experts: config.experts, topK: config.topK, noisy: config.noisy, capacityFactor: config.capacityFactor }, config.dModel, 2);
    this.opt = new Optimizer(this.net.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
    this.train = clusteredSet(config.points, seed);
    const test = clusteredSet(config.points, seed + 7777);
    const xy = (d: { x: number[]; y: number[] }) => tf.tensor2d(d.x.flatMap((x, i) => [x, d.y[i]]), [d.x.length, 2]);
    this.xTrain = xy(this.train);
    this.yTrain = tf.tensor1d(this.train.label, 'int32');
    this.xTest = xy(test);
    this.yTest = tf.tensor1d(test.label, 'int32');
    this.xGrid = xy(grid2d(config.gridSize));
    this.order = permutation(config.points, this.rng);
    this.demand = new Array(config.experts).fill(0);
    this.load = new Array(config.experts).fill(0);
  }

  private nextBatch(): { x: tf.Tensor2D; y: tf.Tensor1D } {
    const n = this.config.points;
    const b = Math.min(this.config.batch, n);
    const xs = new Float32Array(b * 2);
    const ys = new Int32Array(b);
    for (let i = 0; i < b; i++) {
      if (this.cursor >= n) {
        this.order = permutation(n, this.rng);
        this.cursor = 0;
      }
      const r = this.order[this.cursor++];
      xs[2 * i] = this.train.x[r];
      xs[2 * i + 1] = this.train.y[r];
      ys[i] = this.train.label[r];
    }
    return { x: tf.tensor2d(xs, [b, 2]), y: tf.tensor1d(ys, 'int32') };
  }

  step(): tf.Scalar {
    const { x, y } = this.nextBatch();
    const alpha = this.config.balanceWeight;
    let data: tf.Scalar | null = null;
    const { grads } = lossAndGradients(() => {
      const f = this.net.forward(x, { training: true, rng: this.rng, capacityFactor: this.config.capacityFactor });
      const r = f.moe.routing;
      r.demand.forEach((c, e) => (this.demand[e] += c));
      r.load.forEach((c, e) => (this.load[e] += c));
      this.tokens += r.tokens;
      this.droppedTokens += r.dropped;
      data = tf.keep(this.net.dataLoss(f.logits, y));
      return alpha > 0 ? (tf.add(data, tf.mul(alpha, f.moe.balance)) as tf.Scalar) : data;
    }, this.net.variables());
    this.opt.apply(grads, this.config.learningRate);
    const out = tf.clone(data!);
    (data as tf.Scalar | null)?.dispose();
    return out;
  }

  configure(config: MoeClassifierConfig): void {
    validate(config);
    const old = this.config;
    const structural: (keyof MoeClassifierConfig)[] = ['experts', 'topK', 'noisy', 'hidden', 'dModel', 'points', 'gridSize'];
    if (structural.some((k) => old[k] !== config[k])) throw new ConfigError('Changing the mixture’s shape needs a new network: reset.');
    this.config = config;
    (this.net.moe as { capacityFactor: number }).capacityFactor = config.capacityFactor;
  }

  async view(): Promise<MoeClassifierView> {
    const E = this.config.experts;
    if (this.tokens > 0) {
      this.shown = { demand: this.demand, load: this.load, dropped: this.droppedTokens / this.tokens };
      this.demand = new Array(E).fill(0);
      this.load = new Array(E).fill(0);
      this.tokens = 0;
      this.droppedTokens = 0;
    }
    // Evaluation: no noise, no capacity limit (it is a training-time device), the router's first choices on the grid.
    let probs: Float32Array = new Float32Array(0);
    let routing: Routing | null = null;
    const { statsT, gridT } = tf.tidy(() => {
      const tr = this.net.forward(this.xTrain, { training: false, capacityFactor: Infinity });
      const te = this.net.forward(this.xTest, { training: false, capacityFactor: Infinity });
      const correct = tf.mean(tf.cast(tf.equal(tf.argMax(te.logits, 1), tf.cast(this.yTest, 'int32')), 'float32'));
      const stats = tf.stack([this.net.dataLoss(tr.logits, this.yTrain), correct, tr.moe.balance]);
      probs = tr.moe.probs;
      routing = tr.moe.routing;
      return { statsT: stats, gridT: this.net.firstChoice(this.xGrid) };
    });
    const r = routing as unknown as Routing;
    const [stats, grid] = await Promise.all([statsT.data(), gridT.data()]);
    tf.dispose([statsT, gridT]);
    const shown = this.shown ?? { demand: r.demand, load: r.load, dropped: 0 };
    const hRouter = routerEntropy(probs, r.tokens, E);
    const hLoad = loadEntropy(shown.load);
    return {
      gridExpert: Array.from(grid),
      gridSize: this.config.gridSize,
      demand: shown.demand,
      load: shown.load,
      droppedShare: shown.dropped,
      testAccuracy: stats[1],
      trainLoss: stats[0],
      balance: stats[2],
      routerEntropy: hRouter,
      loadEntropy: hLoad,
      parameters: this.net.moe.parameterCounts(),
      series: { 'train loss': stats[0], 'test accuracy': stats[1], 'router entropy': hRouter, 'load entropy': hLoad },
    };
  }

  variables(): tf.Variable[] {
    return [...this.net.variables(), ...this.opt.variables()];
  }

  dispose(): void {
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.xGrid]);
    this.net.params.dispose();
    this.opt.dispose();
  }
}

export const moeClassifierSpec: ModelSpec<MoeClassifierConfig, MoeClassifierView> = {
  kind: 'moe-classifier',
  probeConfig: { ...MOE_CLASSIFIER_DEFAULTS, gridSize: 8 },
  create: (config, seed) => new MoeClassifier(config, seed),
};
