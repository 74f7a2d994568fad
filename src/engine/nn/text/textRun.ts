import * as tf from '@tensorflow/tfjs';
import type { TextClassifyConfig, TextModelName } from '../../models/textClassifierConfig';
import { createRng, permutation, type Rng } from '../../rng';
import { LiveOptimizer } from '../optimizers';
import { ParamStore } from '../params';
import type { SequenceSet, SpamSequences } from './spamDataset';
import { binaryCrossEntropy, makeTextNet, textBatch, type TextNet } from './textNets';

/** One held-out evaluation of every model: step, accuracy and mean loss per model. */
export interface EvalPoint {
  step: number;
  acc: Record<string, number>;
  loss: Record<string, number>;
}

/** Rows per forward pass when a whole split is evaluated. */
const EVAL_CHUNK = 512;

/**
 * The classifiers of one widget, trained side by side: every step draws one
 * mini-batch and gives each model one optimiser update on it, so they see the
 * same messages in the same order and their curves compare fairly.
 */
export class TextRun {
  readonly params: ParamStore;
  readonly nets: TextNet[];
  private readonly opts: LiveOptimizer[];
  private readonly rng: Rng;
  private order: Int32Array;
  private cursor = 0;
  steps = 0;

  constructor(readonly data: SpamSequences, private cfg: TextClassifyConfig, seed: number) {
    this.rng = createRng(seed);
    this.params = new ParamStore(this.rng);
    this.nets = cfg.models.map((m) => makeTextNet(m, this.params, cfg));
    this.opts = this.nets.map((n) => new LiveOptimizer(n.vars, cfg.optimizer, cfg.learningRate));
    this.order = permutation(data.train.n, this.rng);
  }

  configure(cfg: TextClassifyConfig): void {
    this.cfg = cfg;
    this.opts.forEach((o) => {
      o.setKind(cfg.optimizer);
      o.learningRate = cfg.learningRate;
    });
  }

  /** The next mini-batch's rows, reshuffling at each epoch's end. */
  private nextRows(): { ids: Int32Array; labels: Float32Array; n: number } {
    const { train } = this.data;
    const n = Math.min(this.cfg.batchSize, train.n);
    const t = train.seqLen;
    const ids = new Int32Array(n * t);
    const labels = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.cursor >= train.n) {
        this.order = permutation(train.n, this.rng);
        this.cursor = 0;
      }
      const r = this.order[this.cursor++];
      ids.set(train.ids.subarray(r * t, (r + 1) * t), i * t);
      labels[i] = train.labels[r];
    }
    return { ids, labels, n };
  }

  /** One update of every model on one mini-batch; returns the models' mean loss. Call inside tf.tidy. */
  step(): tf.Scalar {
    const rows = this.nextRows();
    const batch = textBatch(rows.ids, rows.n, this.data.train.seqLen);
    const y = tf.tensor1d(rows.labels);
    const losses = this.nets.map((net, i) => {
      const { value, grads } = tf.variableGrads(() => binaryCrossEntropy(net.logits(batch), y), net.vars);
      this.opts[i].apply(grads);
      return value;
    });
    this.steps++;
    return tf.div(tf.addN(losses), losses.length) as tf.Scalar;
  }

  /** Logits of every model for rows [n x T]: one Float32Array per model. */
  async logits(ids: Int32Array, n: number): Promise<Float32Array[]> {
    const t = this.data.train.seqLen;
    const out = this.nets.map(() => new Float32Array(n));
    for (let from = 0; from < n; from += EVAL_CHUNK) {
      const rows = Math.min(EVAL_CHUNK, n - from);
      const parts = tf.tidy(() => {
        const batch = textBatch(ids.subarray(from * t, (from + rows) * t), rows, t);
        return this.nets.map((net) => net.logits(batch));
      });
      const values = await Promise.all(parts.map((p) => p.data() as Promise<Float32Array>));
      parts.forEach((p) => p.dispose());
      values.forEach((v, m) => out[m].set(v, from));
    }
    return out;
  }

  /** Accuracy and mean cross-entropy of every model on a split. */
  async evaluate(set: SequenceSet): Promise<EvalPoint> {
    const all = await this.logits(set.ids, set.n);
    const acc: Record<string, number> = {};
    const loss: Record<string, number> = {};
    this.nets.forEach((net, m) => {
      let right = 0;
      let l = 0;
      for (let i = 0; i < set.n; i++) {
        const o = all[m][i];
        const y = set.labels[i];
        if ((o > 0 ? 1 : 0) === y) right++;
        l += Math.max(o, 0) + Math.log1p(Math.exp(-Math.abs(o))) - y * o;
      }
      acc[net.name] = right / set.n;
      loss[net.name] = l / set.n;
    });
    return { step: this.steps, acc, loss };
  }

  net(name: TextModelName): TextNet | undefined {
    return this.nets.find((n) => n.name === name);
  }

  variables(): tf.Variable[] {
    return [...this.params.variables(), ...this.opts.flatMap((o) => o.variables())];
  }

  dispose(): void {
    this.opts.forEach((o) => o.dispose());
    this.params.dispose();
  }
}
