import * as tf from '@tensorflow/tfjs';
import { createRng } from '../rng';
import { Dense } from './dense';
import { Embedding, embeddingLookup } from './embedding';
import { lossAndGradients } from './gradients';
import { gruScan } from './gruFast';
import { ParamStore } from './params';
import type { ProductKind } from './recurrentProducts';
import { GruCell, type CellState } from './recurrent';
import { runSequenceProjected } from './sequence';

/** A character-level GRU language model's shape and seed (CharLstm's, one layer). */
export interface CharGruConfig {
  vocabSize: number;
  /** Embedding width d; 0 feeds one-hot vectors (a row lookup of W_x). */
  embedDim: number;
  /** GRU width q. */
  hidden: number;
  seed: number;
  /** 'fast': gruScan's hand-written backward pass (cpu, wasm); 'autodiff': per-step ops, any backend. */
  path?: 'fast' | 'autodiff';
  products?: ProductKind;
}

/**
 * Token ids → (embedding or one-hot) → one GRU layer → Dense to |V| logits at every position, the
 * same loss as CharLstm: L = −(1/|B|T) Σ log softmax(o_t)[y_t]. It offers what CharLstmTrainer and
 * the sampler use (variables, gradients, loss, stepOne), so the two cells are interchangeable there.
 */
export class CharGru {
  readonly params: ParamStore;
  readonly embedding: Embedding | null;
  /** One GRU layer (an array, as CharLstm's cells). */
  readonly cells: GruCell[];
  readonly head: Dense;
  readonly path: 'fast' | 'autodiff';

  constructor(readonly config: CharGruConfig) {
    const { vocabSize, embedDim, hidden } = config;
    if (!(vocabSize >= 2 && hidden >= 1 && embedDim >= 0)) throw new Error(`CharGru: vocabulary ≥ 2, hidden ≥ 1, embedding ≥ 0 (got ${vocabSize}, ${hidden}, ${embedDim})`);
    this.params = new ParamStore(createRng(config.seed));
    this.embedding = embedDim > 0 ? new Embedding(this.params, vocabSize, embedDim) : null;
    this.cells = [new GruCell(this.params, embedDim > 0 ? embedDim : vocabSize, hidden, 'gru/')];
    this.head = new Dense(this.params, hidden, vocabSize, { name: 'head/' });
    this.path = config.path ?? 'fast';
  }

  variables(): tf.Variable[] {
    return this.params.variables();
  }

  /** ids (|B| x T int32) → logits |B| x T x |V| and the final state. */
  forward(ids: tf.Tensor2D, initial?: CellState[]): { logits: tf.Tensor3D; finals: CellState[] } {
    const [batch, steps] = ids.shape;
    const q = this.config.hidden;
    const cell = this.cells[0];
    const xp = this.project(ids);
    const run = this.path === 'fast' ? gruScan(xp, cell.recurrentKernel as tf.Tensor2D, initial?.[0], { products: this.config.products }) : runSequenceProjected(cell, xp, initial?.[0]);
    const logits = this.head.apply(tf.reshape(run.outputs, [batch * steps, q]));
    return { logits: tf.reshape(logits, [batch, steps, this.config.vocabSize]) as tf.Tensor3D, finals: [run.final] };
  }

  /** Mean cross-entropy per character (nats). */
  loss(inputs: tf.Tensor2D, targets: tf.Tensor2D, initial?: CellState[]): tf.Scalar {
    return tf.tidy(() => {
      const { logits } = this.forward(inputs, initial);
      const v = this.config.vocabSize;
      const labels = tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, v);
      return tf.losses.softmaxCrossEntropy(labels, tf.reshape(logits, [-1, v])) as tf.Scalar;
    });
  }

  gradients(inputs: tf.Tensor2D, targets: tf.Tensor2D): { loss: tf.Scalar; grads: tf.Tensor[] } {
    return lossAndGradients(() => this.loss(inputs, targets), this.variables());
  }

  /** One character from `states` (batch 1): the new state and the 1 x |V| logits. Call inside tf.tidy. */
  stepOne(id: number, states: CellState[]): { states: CellState[]; logits: tf.Tensor2D } {
    const xp = tf.reshape(this.project(tf.tensor2d([id], [1, 1], 'int32')), [1, 3 * this.config.hidden]) as tf.Tensor2D;
    const state = this.cells[0].stepProjected(xp, states[0]).state;
    return { states: [state], logits: this.head.apply(state.h) as tf.Tensor2D };
  }

  dispose(): void {
    this.params.dispose();
  }

  private project(ids: tf.Tensor2D): tf.Tensor3D {
    const [batch, steps] = ids.shape;
    const cell = this.cells[0];
    const flat = tf.reshape(ids, [-1]) as tf.Tensor1D;
    const xw = this.embedding ? cell.project(this.embedding.apply(flat) as tf.Tensor2D) : tf.add(embeddingLookup(cell.kernel, flat), cell.bias);
    return tf.reshape(xw, [batch, steps, 3 * this.config.hidden]) as tf.Tensor3D;
  }
}
