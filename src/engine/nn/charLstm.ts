import * as tf from '@tensorflow/tfjs';
import { sampleToken, type SamplingOptions } from '../math/sampling';
import { createRng, type Rng } from '../rng';
import { clipByGlobalNorm, lossAndGradients } from './gradients';
import { Dense } from './dense';
import { Embedding, embeddingLookup } from './embedding';
import { lstmScan } from './lstmFast';
import type { ProductKind } from './recurrentProducts';
import { Optimizer, type OptimizerSettings } from './optimizers';
import { ParamStore } from './params';
import { LstmCell, type CellState } from './recurrent';
import { runSequenceProjected } from './sequence';

/** A character-level LSTM language model's shape and seed. */
export interface CharLstmConfig {
  vocabSize: number;
  /** Embedding width d; 0 feeds one-hot vectors (x_t W_x is then row x_t of W_x, a lookup, not a matMul). */
  embedDim: number;
  /** LSTM width q. */
  hidden: number;
  /** Stacked LSTM layers (layer l's h_t is layer l+1's x_t); default 1. */
  layers?: number;
  seed: number;
  /** 'fast': the hand-written backward pass (cpu, wasm); 'autodiff': per-step ops, any backend. Default 'fast'. */
  path?: 'fast' | 'autodiff';
  /** Who multiplies on the fast path (recurrentProducts.ts); default 'auto'. */
  products?: ProductKind;
}

/**
 * Token ids → (embedding or one-hot) → LSTM layer(s) → Dense to |V| logits at every position:
 *   o_t = h_t W_y + b_y,   L = −(1/|B|T) Σ_{b,t} log softmax(o_t)[y_t]
 * Framework-free (no tf.layers), so chapter 7's widgets and their explorers share it.
 */
export class CharLstm {
  readonly params: ParamStore;
  readonly embedding: Embedding | null;
  /** The LSTM layers, bottom first. */
  readonly cells: LstmCell[];
  readonly head: Dense;
  readonly path: 'fast' | 'autodiff';

  constructor(readonly config: CharLstmConfig) {
    const { vocabSize, embedDim, hidden } = config;
    const layers = config.layers ?? 1;
    if (!(vocabSize >= 2 && hidden >= 1 && embedDim >= 0 && layers >= 1 && Number.isInteger(layers)))
      throw new Error(`CharLstm: vocabulary ≥ 2, hidden ≥ 1, embedding ≥ 0, layers a whole number ≥ 1 (got ${vocabSize}, ${hidden}, ${embedDim}, ${layers})`);
    this.params = new ParamStore(createRng(config.seed));
    this.embedding = embedDim > 0 ? new Embedding(this.params, vocabSize, embedDim) : null;
    this.cells = Array.from({ length: layers }, (_, l) => new LstmCell(this.params, l > 0 ? hidden : embedDim > 0 ? embedDim : vocabSize, hidden, l > 0 ? `lstm${l}/` : 'lstm/'));
    this.head = new Dense(this.params, hidden, vocabSize, { name: 'head/' });
    this.path = config.path ?? 'fast';
  }

  /** Every trainable variable, in creation order. */
  variables(): tf.Variable[] {
    return this.params.variables();
  }

  /** The bottom LSTM layer. */
  get cell(): LstmCell {
    return this.cells[0];
  }

  /** ids (|B| x T int32) → logits |B| x T x |V| and each layer's final state (initial[l] starts layer l; zeros if absent). */
  forward(ids: tf.Tensor2D, initial?: CellState[]): { logits: tf.Tensor3D; finals: CellState[] } {
    const [batch, steps] = ids.shape;
    const q = this.config.hidden;
    let xp = this.project(ids);
    let outputs: tf.Tensor3D = xp;
    const finals: CellState[] = [];
    this.cells.forEach((cell, l) => {
      if (l > 0) xp = tf.reshape(cell.project(tf.reshape(outputs, [batch * steps, q]) as tf.Tensor2D), [batch, steps, 4 * q]) as tf.Tensor3D;
      const run = this.path === 'fast' ? lstmScan(xp, cell.recurrentKernel as tf.Tensor2D, initial?.[l], { products: this.config.products }) : runSequenceProjected(cell, xp, initial?.[l]);
      outputs = run.outputs;
      finals.push(run.final);
    });
    const logits = this.head.apply(tf.reshape(outputs, [batch * steps, q]));
    return { logits: tf.reshape(logits, [batch, steps, this.config.vocabSize]) as tf.Tensor3D, finals };
  }

  /** Mean cross-entropy per character (nats) of predicting targets[b, t] from inputs[b, ≤ t]. */
  loss(inputs: tf.Tensor2D, targets: tf.Tensor2D, initial?: CellState[]): tf.Scalar {
    return tf.tidy(() => {
      const { logits } = this.forward(inputs, initial);
      const v = this.config.vocabSize;
      const flat = tf.reshape(logits, [-1, v]);
      const labels = tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, v);
      return tf.losses.softmaxCrossEntropy(labels, flat) as tf.Scalar;
    });
  }

  /**
   * Mean cross-entropy per character over many windows (a held-out set), as a number: evaluated
   * `chunk` rows at a time so memory stays bounded, each window from a zero state.
   */
  heldOutLoss(inputs: tf.Tensor2D, targets: tf.Tensor2D, chunk = 256): number {
    const [rows, steps] = inputs.shape;
    let sum = 0;
    for (let r = 0; r < rows; r += chunk) {
      const n = Math.min(chunk, rows - r);
      const l = tf.tidy(() => this.loss(tf.slice(inputs, [r, 0], [n, steps]), tf.slice(targets, [r, 0], [n, steps])));
      sum += l.dataSync()[0] * n;
      l.dispose();
    }
    return sum / rows;
  }

  /** L and ∇_θ L in variables() order (to combine, clip, then apply with an Optimizer). */
  gradients(inputs: tf.Tensor2D, targets: tf.Tensor2D): { loss: tf.Scalar; grads: tf.Tensor[] } {
    return lossAndGradients(() => this.loss(inputs, targets), this.variables());
  }

  /**
   * Samples up to maxLength tokens after `prompt` (ids; at least one), stopping after `stopId`
   * when given; returns only the new tokens. One example, one step at a time.
   */
  sample(prompt: number[], maxLength: number, rng: Rng, options: SamplingOptions & { stopId?: number } = {}): number[] {
    if (prompt.length === 0) throw new Error('sampling needs a prompt of at least one token (e.g. the start/end symbol)');
    const out: number[] = [];
    let states = this.cells.map((c) => c.zeroState(1));
    let logits: Float32Array = new Float32Array(0);
    const feed = (id: number) => {
      // The tidy returns [h, c per layer..., logits] (a flat tensor list keeps its typing simple).
      const kept = tf.tidy(() => {
        const out = this.stepOne(id, states);
        return [...out.states.flatMap((st) => [st.h, st.c!]), out.logits];
      });
      tf.dispose(states.flatMap((st) => [st.h, st.c!]));
      states = this.cells.map((_, l) => ({ h: kept[2 * l] as tf.Tensor2D, c: kept[2 * l + 1] as tf.Tensor2D }));
      const o = kept[kept.length - 1];
      logits = o.dataSync() as Float32Array;
      o.dispose();
    };
    prompt.forEach(feed);
    for (let k = 0; k < maxLength; k++) {
      const id = sampleToken(logits, rng, options);
      out.push(id);
      if (id === options.stopId) break;
      feed(id);
    }
    tf.dispose(states.flatMap((s) => [s.h, s.c!]));
    return out;
  }

  /** One character through every layer from `states` (one per layer, batch 1): the new states and the 1 x |V| logits. Call inside tf.tidy. */
  stepOne(id: number, states: CellState[]): { states: CellState[]; logits: tf.Tensor2D } {
    let xp = tf.reshape(this.project(tf.tensor2d([id], [1, 1], 'int32')), [1, 4 * this.config.hidden]) as tf.Tensor2D;
    const out: CellState[] = [];
    this.cells.forEach((cell, l) => {
      if (l > 0) xp = cell.project(out[l - 1].h);
      out.push(cell.stepProjected(xp, states[l]).state);
    });
    return { states: out, logits: this.head.apply(out[out.length - 1].h) as tf.Tensor2D };
  }

  dispose(): void {
    this.params.dispose();
  }

  /** x_t W_x + b for every position: |B| x T x 4q. */
  private project(ids: tf.Tensor2D): tf.Tensor3D {
    const [batch, steps] = ids.shape;
    const flat = tf.reshape(ids, [-1]) as tf.Tensor1D;
    const xw = this.embedding
      ? this.cell.project(this.embedding.apply(flat) as tf.Tensor2D)
      : tf.add(embeddingLookup(this.cell.kernel, flat), this.cell.bias);
    return tf.reshape(xw, [batch, steps, 4 * this.config.hidden]) as tf.Tensor3D;
  }
}

/** What CharLstmTrainer needs of a model: its variables and L with ∇L in their order (CharLstm, CharGru). */
export interface TrainableCharModel {
  variables(): tf.Variable[];
  gradients(inputs: tf.Tensor2D, targets: tf.Tensor2D): { loss: tf.Scalar; grads: tf.Tensor[] };
}

/** A CharLstm (or any TrainableCharModel) with its optimiser: step() computes gradients, clips them by global norm, applies them. */
export class CharLstmTrainer<M extends TrainableCharModel = CharLstm> {
  readonly optimizer: Optimizer;

  constructor(
    readonly model: M,
    settings: OptimizerSettings,
    public learningRate: number,
    /** Clip ‖g‖ to this before each update (∞: no clipping). */
    public clipNorm = 5,
  ) {
    this.optimizer = new Optimizer(model.variables(), settings);
  }

  /** One update on a batch; returns the loss before it (a scalar tensor the caller owns). */
  step(inputs: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const { loss, grads } = this.model.gradients(inputs, targets);
      const update = Number.isFinite(this.clipNorm) ? clipByGlobalNorm(grads, this.clipNorm).grads : grads;
      this.optimizer.apply(update, this.learningRate);
      return loss;
    });
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
