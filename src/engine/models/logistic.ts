import * as tf from '@tensorflow/tfjs';
import { grid2d } from '../data/classification2d';
import { featureCount, featureMatrix, type FeatureKind } from '../math/features';
import { ConfigError, type DataPayload, type Model, type ModelSpec } from '../model';
import { createRng, permutation, type Rng } from '../rng';

/**
 * Chapter 2's model on labelled 2-D points: logistic regression (two classes, one
 * logit, sigmoid, binary cross-entropy) or softmax regression (K classes, K logits,
 * cross-entropy), both linear in the features φ(x). Trained by mini-batch gradient
 * descent with the gradient written out by hand: ∂L/∂o = ŷ − y.
 */
export interface LinearClassifierConfig {
  /**
   * The points inline: for tests and the probe. A widget sends them on the data path instead
   * (`useTrainer(..., { data: { points } })`, received as `points`), so the config stays small.
   */
  x?: number[];
  y?: number[];
  label?: number[];
  classes: number;
  features: FeatureKind;
  learningRate: number;
  batchSize: number;
  /** Side of the probability grid the view carries (default 40). */
  gridSize?: number;
  /** Standard deviation of the seeded initial weights (default 0.1; when given, the bias is drawn with it too). */
  initScale?: number;
}

export type Head = 'sigmoid' | 'softmax';

/** Two classes get logistic regression's single logit; more get softmax regression. */
export function headFor(classes: number): Head {
  return classes === 2 ? 'sigmoid' : 'softmax';
}

/** Logits O = Φ W + b, shape [n, outputs]. */
export function logits(phi: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.add(tf.matMul(phi, W), b);
}

/**
 * Mean loss of logits O against targets T. Sigmoid: T is [n, 1] of 0/1 and the loss is
 * softplus(o) − t o (binary cross-entropy). Softmax: T is one-hot [n, K] and the loss is
 * −Σ_j t_j log softmax(o)_j (cross-entropy, the negative log-likelihood of the label).
 */
export function classifierLoss(head: Head, O: tf.Tensor2D, T: tf.Tensor2D): tf.Scalar {
  if (head === 'sigmoid') return tf.mean(tf.sub(tf.softplus(O), tf.mul(T, O)));
  return tf.neg(tf.mean(tf.sum(tf.mul(T, tf.logSoftmax(O)), 1)));
}

/** Predicted probabilities: σ(O) or softmax(O) row by row. */
export function classifierProbs(head: Head, O: tf.Tensor2D): tf.Tensor2D {
  return head === 'sigmoid' ? tf.sigmoid(O) : tf.softmax(O);
}

/**
 * The hand-written gradient of the mean loss: G = ŷ − y per example (the same formula
 * for sigmoid and softmax), then ∂L/∂W = Φᵀ G / n and ∂L/∂b = the column means of G.
 */
export function handGradients(head: Head, phi: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D, T: tf.Tensor2D): { dW: tf.Tensor2D; db: tf.Tensor1D } {
  const G = tf.sub(classifierProbs(head, logits(phi, W, b)), T);
  const n = phi.shape[0];
  return { dW: tf.div(tf.matMul(phi, G, true, false), n), db: tf.mean(G, 0) };
}

/** Targets as a tensor: a column of 0/1 for sigmoid, one-hot rows for softmax. */
export function targets(head: Head, label: readonly number[], classes: number): tf.Tensor2D {
  if (head === 'sigmoid') return tf.tensor2d(label.map((l) => [l]), [label.length, 1]);
  return tf.oneHot(tf.tensor1d(label as number[], 'int32'), classes).toFloat() as tf.Tensor2D;
}

/** One run of logistic or softmax regression. */
export class LinearClassifier {
  readonly W: tf.Variable<tf.Rank.R2>;
  readonly b: tf.Variable<tf.Rank.R1>;
  readonly head: Head;
  private phi!: tf.Tensor2D;
  private T!: tf.Tensor2D;
  private readonly gridPhi: tf.Tensor2D;
  private labels: number[] = [];
  private n = 0;
  private order: Int32Array = new Int32Array(0);
  private cursor = 0;
  private readonly rng: Rng;
  private readonly d: number;
  private readonly outputs: number;

  constructor(
    private config: LinearClassifierConfig,
    seed: number,
  ) {
    this.rng = createRng(seed);
    this.head = headFor(config.classes);
    this.d = featureCount(config.features);
    this.outputs = this.head === 'sigmoid' ? 1 : config.classes;
    // Small seeded weights: the loss is convex, so the start only changes the path, not where it ends.
    const w0 = Array.from({ length: this.d * this.outputs }, () => (config.initScale ?? 0.1) * this.rng.normal());
    this.W = tf.tidy(() => tf.variable(tf.tensor2d(w0, [this.d, this.outputs]), true, undefined));
    // The bias starts at zero unless a scale is given (then it is drawn too, so a start can be confidently wrong).
    const b0 = config.initScale === undefined ? new Array<number>(this.outputs).fill(0) : Array.from({ length: this.outputs }, () => config.initScale! * this.rng.normal());
    this.b = tf.tidy(() => tf.variable(tf.tensor1d(b0), true, undefined));
    const size = config.gridSize ?? 40;
    const g = grid2d(size);
    this.gridPhi = tf.tensor2d(featureMatrix(config.features, g.x, g.y), [size * size, this.d]);
    this.setData(inlinePoints(config));
  }

  /** Points on the data path (`points`): they replace the current set, as a new inline set would. */
  receivePoints(payload: DataPayload): void {
    const p = payload as Partial<LinearClassifierPoints>;
    const ok = (a: unknown): a is number[] => Array.isArray(a) || a instanceof Float32Array;
    if (!ok(p.x) || !ok(p.y) || !ok(p.label) || p.x.length !== p.y.length || p.x.length !== p.label.length) throw new ConfigError('The points must be three lists of the same length: x, y and label.');
    if (Array.from(p.label).some((l) => !(Number.isInteger(l) && l >= 0 && l < this.config.classes))) throw new ConfigError(`Every label must be a class from 0 to ${this.config.classes - 1}.`);
    this.setData({ x: Array.from(p.x), y: Array.from(p.y), label: Array.from(p.label) });
  }

  private setData(p: LinearClassifierPoints): void {
    const c = this.config;
    this.phi?.dispose();
    this.T?.dispose();
    this.n = p.x.length;
    this.labels = [...p.label];
    this.phi = tf.tensor2d(featureMatrix(c.features, p.x, p.y), [this.n, this.d]);
    this.T = tf.tidy(() => targets(this.head, p.label, c.classes));
    this.order = permutation(this.n, this.rng);
    this.cursor = 0;
  }

  configure(config: LinearClassifierConfig): void {
    const old = this.config;
    // Features and the number of classes fix the weights' shape: the widget rebuilds the model for those.
    config = { ...config, features: old.features, classes: old.classes };
    this.config = config;
    // Inline points (tests) are compared by value; points on the data path arrive through receivePoints.
    if (!config.x) return;
    const same = (a: number[] | undefined, b: number[]) => !!a && a.length === b.length && a.every((v, i) => v === b[i]);
    if (!same(old.x, config.x) || !same(old.y, config.y ?? []) || !same(old.label, config.label ?? [])) this.setData(inlinePoints(config));
  }

  private nextBatch(): number[] {
    const size = Math.max(1, Math.min(Math.round(this.config.batchSize), this.n));
    const idx: number[] = [];
    for (let i = 0; i < size; i++) {
      if (this.cursor >= this.n) {
        this.order = permutation(this.n, this.rng);
        this.cursor = 0;
      }
      idx.push(this.order[this.cursor++]);
    }
    return idx;
  }

  /** W ← W − η Φᵀ(ŷ − y)/m, b ← b − η mean(ŷ − y) on one mini-batch; returns that batch's loss before the update. */
  step(): tf.Scalar {
    if (this.n === 0) return tf.scalar(0);
    const idx = this.nextBatch();
    const full = idx.length >= this.n;
    const phi = full ? this.phi : tf.gather(this.phi, idx);
    const T = full ? this.T : tf.gather(this.T, idx);
    const loss = classifierLoss(this.head, logits(phi, this.W, this.b), T);
    const { dW, db } = handGradients(this.head, phi, this.W, this.b, T);
    const lr = this.config.learningRate;
    this.W.assign(tf.sub(this.W, tf.mul(lr, dW)));
    this.b.assign(tf.sub(this.b, tf.mul(lr, db)));
    return loss;
  }

  /** Full-data loss, accuracy, weights and the class probabilities on the grid, as plain numbers. */
  async snapshot(): Promise<LinearClassifierView> {
    const size = this.config.gridSize ?? 40;
    const [lossT, predT, gridT, wT, bT] = tf.tidy(() => {
      const O = logits(this.phi, this.W, this.b);
      const lossV = this.n ? classifierLoss(this.head, O, this.T) : tf.scalar(0);
      const pred = this.head === 'sigmoid' ? tf.cast(tf.greater(O.squeeze([1]), 0), 'int32') : tf.argMax(O, 1);
      let P = classifierProbs(this.head, logits(this.gridPhi, this.W, this.b));
      if (this.head === 'sigmoid') P = tf.concat([tf.sub(1, P), P], 1);
      return [lossV, pred, P, this.W.clone(), this.b.clone()];
    });
    const [lossA, predA, gridA, wA, bA] = await Promise.all([lossT.data(), predT.data(), gridT.data(), wT.data(), bT.data()]);
    [lossT, predT, gridT, wT, bT].forEach((t) => t.dispose());
    let correct = 0;
    for (let i = 0; i < this.n; i++) if (predA[i] === this.labels[i]) correct++;
    return {
      fullLoss: lossA[0],
      accuracy: this.n ? correct / this.n : 0,
      probs: Float32Array.from(gridA),
      gridSize: size,
      classes: Math.max(2, this.config.classes),
      head: this.head,
      W: Array.from(wA),
      b: Array.from(bA),
    };
  }

  dispose(): void {
    [this.W, this.b, this.phi, this.T, this.gridPhi].forEach((t) => t.dispose());
  }
}

/** Labelled 2-D points: what the model trains on. */
export interface LinearClassifierPoints {
  x: number[];
  y: number[];
  label: number[];
}

/** The config's inline points, or none (a widget's arrive on the data path). */
function inlinePoints(c: LinearClassifierConfig): LinearClassifierPoints {
  return { x: c.x ?? [], y: c.y ?? [], label: c.label ?? [] };
}

const probeData = (() => {
  const rng = createRng(7);
  const x: number[] = [];
  const y: number[] = [];
  const label: number[] = [];
  for (let i = 0; i < 128; i++) {
    const c = i % 2;
    x.push((c ? 0.4 : -0.4) + 0.2 * rng.normal());
    y.push((c ? 0.4 : -0.4) + 0.2 * rng.normal());
    label.push(c);
  }
  return { x, y, label };
})();

/** Full-data loss and accuracy, the class probabilities on a gridSize² grid (row-major, `classes` per cell), and the weights. */
export interface LinearClassifierView {
  fullLoss: number;
  accuracy: number;
  probs: Float32Array;
  gridSize: number;
  classes: number;
  head: Head;
  /** Weights, features x (outputs), row-major. */
  W: number[];
  b: number[];
}

/** The 2-D classifier widget's model: logistic regression for two classes, softmax regression for more. */
export const linearClassifierSpec: ModelSpec<LinearClassifierConfig, LinearClassifierView> = {
  kind: 'linear-classifier',
  probeConfig: { ...probeData, classes: 2, features: 'linear', learningRate: 0.5, batchSize: 32 },
  create(config, seed): Model<LinearClassifierConfig, LinearClassifierView> {
    const run = new LinearClassifier(config, seed);
    return {
      step: () => run.step(),
      configure: (c) => run.configure(c),
      receiveData: (name, payload) => {
        if (name !== 'points') throw new ConfigError(`The linear classifier takes only points, not "${name}".`);
        run.receivePoints(payload);
      },
      view: () => run.snapshot(),
      variables: () => [run.W, run.b],
      dispose: () => run.dispose(),
    };
  },
};
