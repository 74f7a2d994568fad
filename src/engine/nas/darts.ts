import * as tf from '@tensorflow/tfjs';
import { Optimizer } from '../nn/optimizers';
import { DEFAULT_OPTIMIZER } from '../nn/optimizerSettings';
import { ParamStore } from '../nn/params';
import { createRng, type Rng } from '../rng';
import { crossEntropy, evaluateTensors, oneHotRows, SplitTensors } from './candidate';
import { idlePause } from './search';
import { CellNet, Supernet } from './dartsCell';
import { deriveCell, randomCell, type CellEdge } from './dartsSpace';
import { CLASSES, gatherRows, INPUTS, type DigitSplit, type NasDigits } from './digits14';

export interface DartsSettings {
  /** Alternating steps of the search: each is one weight step and one α step. */
  searchSteps: number;
  /** Training steps of the derived and the random cell, from scratch. */
  retrainSteps: number;
  width: number;
  batchSize: number;
  /** η_w: the supernet weights' step (SGD with momentum 0.9, as in DARTS), on training batches. */
  weightLr: number;
  /** η_α: Adam's step for the architecture weights, on validation batches. */
  alphaLr: number;
}

export type DartsPhase = 'search' | 'deriving' | 'retrain' | 'scoring' | 'done';

/** Validation and test accuracy of the supernet (end of search), the derived cell and a random cell (both retrained). */
export interface DartsScores {
  supernetVal: number;
  derivedVal: number;
  derivedTest: number;
  randomVal: number;
  randomTest: number;
}

function batch(split: DigitSplit, rng: Rng, n: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = rng.int(split.n);
  const b = gatherRows(split, idx);
  return { x: tf.tensor2d(b.xs, [n, INPUTS]), y: tf.tensor2d(oneHotRows(b.ys), [n, CLASSES]) };
}

/** Adam's step in the retraining from scratch: the search widget's candidates train with the same. */
export const RETRAIN_LR = 0.01;

/** A discrete cell with its weights and Adam, trained on training batches. */
class CellRun {
  readonly store: ParamStore;
  readonly net: CellNet;
  private readonly opt: Optimizer;
  constructor(cell: CellEdge[], private readonly rng: Rng, s: DartsSettings) {
    this.store = new ParamStore(rng);
    this.net = new CellNet(cell, this.store, INPUTS, s.width, CLASSES);
    this.opt = new Optimizer(this.store.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  }
  step(train: DigitSplit, s: DartsSettings): tf.Scalar {
    const b = batch(train, this.rng, s.batchSize);
    const vars = this.store.variables();
    const { value, grads } = tf.variableGrads(() => crossEntropy(this.net.forward(b.x), b.y), vars);
    this.opt.apply(vars.map((v) => grads[v.name]), RETRAIN_LR);
    return value;
  }
  dispose(): void {
    this.store.dispose();
    this.opt.dispose();
  }
}

/**
 * First-order DARTS (Liu et al. 2019 with ξ = 0): each step updates the weights w on a training batch with
 * α fixed, then α on a validation batch with w fixed. Then the argmax cell and a random cell are both
 * retrained from scratch for the same number of steps and scored.
 */
export class DartsRun {
  phase: DartsPhase = 'search';
  steps = 0;
  readonly weights: ParamStore;
  private readonly archParams: ParamStore;
  readonly supernet: Supernet;
  private readonly wOpt: Optimizer;
  private readonly aOpt: Optimizer;
  private readonly rng: Rng;
  private readonly val: SplitTensors;
  private readonly test: SplitTensors;
  derived: CellEdge[] | null = null;
  random: CellEdge[] | null = null;
  private derivedAlpha: number[][] | null = null;
  private runs: { derived: CellRun; random: CellRun } | null = null;
  private retrained = 0;
  scores: DartsScores | null = null;
  private supernetVal: tf.Scalar | null = null;
  /** Training loss of the last weight step and validation loss of the last α step, kept for the curve (read in the view). */
  lastTrainLoss: tf.Scalar | null = null;
  lastValLoss: tf.Scalar | null = null;
  /** The search's curve, sampled at each view: search step, training loss, validation loss. */
  readonly curve: { step: number[]; train: number[]; val: number[] } = { step: [], train: [], val: [] };
  private disposed = false;

  constructor(private readonly digits: NasDigits, readonly settings: DartsSettings, seed: number) {
    this.rng = createRng(seed);
    this.weights = new ParamStore(this.rng, 'w/');
    this.archParams = new ParamStore(this.rng, 'a/');
    this.supernet = new Supernet(this.weights, this.archParams, INPUTS, settings.width, CLASSES);
    // As in DARTS: SGD with momentum for the weights, Adam for α.
    this.wOpt = new Optimizer(this.weights.variables(), { ...DEFAULT_OPTIMIZER, kind: 'momentum', beta1: 0.9 });
    this.aOpt = new Optimizer([this.supernet.alpha], { ...DEFAULT_OPTIMIZER, kind: 'adam' });
    this.val = new SplitTensors(digits.val);
    this.test = new SplitTensors(digits.test);
    this.random = randomCell(createRng(seed + 101));
  }

  /** One step of whichever phase is on. Call inside tf.tidy; returns the training loss. */
  step(): tf.Scalar {
    if (this.phase === 'search') return this.searchStep();
    if (this.phase === 'deriving' && this.derivedAlpha) this.startRetrain();
    if (this.phase === 'retrain') return this.retrainStep();
    idlePause();
    return tf.scalar(0);
  }

  /** A weight step on a training batch, then an α step on a validation batch. */
  searchStep(): tf.Scalar {
    const s = this.settings;
    const b = batch(this.digits.train, this.rng, s.batchSize);
    const wVars = this.weights.variables();
    const w = tf.variableGrads(() => crossEntropy(this.supernet.forward(b.x), b.y), wVars);
    this.wOpt.apply(wVars.map((v) => w.grads[v.name]), s.weightLr);
    const vb = batch(this.digits.val, this.rng, s.batchSize);
    const a = tf.variableGrads(() => crossEntropy(this.supernet.forward(vb.x), vb.y), [this.supernet.alpha]);
    this.aOpt.apply([a.grads[this.supernet.alpha.name]], s.alphaLr);
    this.lastValLoss?.dispose();
    this.lastValLoss = tf.keep(a.value);
    this.lastTrainLoss?.dispose();
    this.lastTrainLoss = tf.keep(w.value.clone());
    this.steps += 1;
    if (this.steps >= s.searchSteps) this.endSearch();
    return w.value;
  }

  /** Reads α (asynchronously: no dataSync) and the supernet's validation accuracy; the next step derives. */
  private endSearch(): void {
    this.phase = 'deriving';
    const alpha = tf.keep(this.supernet.alpha.clone());
    this.supernetVal = tf.keep(evaluateTensors(this.supernet, this.val).acc);
    void alpha.array().then((a) => {
      alpha.dispose();
      if (!this.disposed) this.derivedAlpha = a as number[][];
    });
  }

  private startRetrain(): void {
    this.derived = deriveCell(this.derivedAlpha!);
    // The same seed for both: the comparison differs in the cell only.
    this.runs = { derived: new CellRun(this.derived, createRng(this.rng.seed + 7), this.settings), random: new CellRun(this.random!, createRng(this.rng.seed + 7), this.settings) };
    this.phase = 'retrain';
  }

  private retrainStep(): tf.Scalar {
    const r = this.runs!;
    const loss = r.derived.step(this.digits.train, this.settings);
    tf.dispose(r.random.step(this.digits.train, this.settings));
    this.retrained += 1;
    this.steps += 1;
    if (this.retrained >= this.settings.retrainSteps) this.score();
    return loss;
  }

  private score(): void {
    this.phase = 'scoring';
    const r = this.runs!;
    const parts = [this.supernetVal!, evaluateTensors(r.derived.net, this.val).acc, evaluateTensors(r.derived.net, this.test).acc, evaluateTensors(r.random.net, this.val).acc, evaluateTensors(r.random.net, this.test).acc].map((t) => tf.keep(t));
    void Promise.all(parts.map((p) => p.data())).then((v) => {
      parts.forEach((p) => p.dispose());
      this.supernetVal = null;
      if (this.disposed) return;
      this.scores = { supernetVal: v[0][0], derivedVal: v[1][0], derivedTest: v[2][0], randomVal: v[3][0], randomTest: v[4][0] };
      this.phase = 'done';
    });
  }

  /** Appends the last losses to the curve, once per search step reached (the view calls it). */
  async sampleCurve(): Promise<void> {
    const c = this.curve;
    if (!this.lastTrainLoss || !this.lastValLoss || c.step[c.step.length - 1] === this.steps || this.steps > this.settings.searchSteps) return;
    const [t, v] = await Promise.all([this.lastTrainLoss.data(), this.lastValLoss.data()]);
    c.step.push(Math.min(this.steps, this.settings.searchSteps));
    c.train.push(t[0]);
    c.val.push(v[0]);
  }

  /** softmax(α) per edge, [6][5], read asynchronously. */
  async alphaSoftmax(): Promise<number[][]> {
    const t = tf.softmax(this.supernet.alpha);
    const v = (await t.array()) as number[][];
    t.dispose();
    return v;
  }

  variables(): tf.Variable[] {
    return [...this.weights.variables(), ...this.archParams.variables()];
  }

  dispose(): void {
    this.disposed = true;
    this.weights.dispose();
    this.archParams.dispose();
    this.wOpt.dispose();
    this.aOpt.dispose();
    this.val.dispose();
    this.test.dispose();
    this.runs?.derived.dispose();
    this.runs?.random.dispose();
    this.lastValLoss?.dispose();
    this.lastTrainLoss?.dispose();
    this.supernetVal?.dispose();
  }
}
