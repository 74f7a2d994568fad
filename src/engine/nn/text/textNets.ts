import * as tf from '@tensorflow/tfjs';
import type { TextModelName } from '../../models/textClassifierConfig';
import { Dense } from '../dense';
import { Embedding, embeddingLookup } from '../embedding';
import type { ParamStore } from '../params';

/**
 * Chapter 8's three e-mail classifiers. Each maps a batch of id rows [B x T]
 * (0 = padding) to one logit per message, o > 0 meaning spam:
 *   bag of words:  o = b + Σ_{v in the message} w_v            (multi-hot x, |V| weights)
 *   averaged:      o = b + w · (1/n) Σ_t E[x_t]                (n real tokens, E is |V| x d)
 *   TextCNN:       o = b + w · [max_t relu(conv_k(E[x])_t)]_k  (one conv per width k, max over time)
 */
export interface TextBatch {
  /** [B, T] int32 token ids. */
  ids: tf.Tensor2D;
  /** [B, T] int32: each row's ids with repeats replaced by padding, so a gather-and-sum is a multi-hot product. */
  unique: tf.Tensor2D;
}

export interface TextNet {
  readonly name: TextModelName;
  readonly vars: tf.Variable[];
  /** One logit per row: [B]. */
  logits(batch: TextBatch): tf.Tensor1D;
  /** The embedding table, if the model has one. */
  readonly table: tf.Variable | null;
  /** The output weights as a d-vector (with the table: how each dimension votes for spam). */
  readonly readout: tf.Variable | null;
}

/** 1 where the id is a real token, 0 at padding: [B, T] float. */
function realMask(ids: tf.Tensor2D): tf.Tensor2D {
  return tf.cast(tf.greater(ids, 0), 'float32') as tf.Tensor2D;
}

/** Logistic regression on the multi-hot vector of the words present (binary bag of words). */
export class BagOfWords implements TextNet {
  readonly name = 'bow' as const;
  readonly weights: tf.Variable;
  readonly bias: tf.Variable;
  readonly table = null;
  readonly readout = null;

  constructor(params: ParamStore, readonly vocabSize: number) {
    const p = params.scope('bow/');
    this.weights = p.zeros('weights', [vocabSize, 1]);
    this.bias = p.zeros('bias', [1]);
  }

  get vars(): tf.Variable[] {
    return [this.weights, this.bias];
  }

  logits({ unique }: TextBatch): tf.Tensor1D {
    const [b, t] = unique.shape;
    const w = tf.reshape(embeddingLookup(this.weights, tf.reshape(unique, [-1]) as tf.Tensor1D), [b, t]);
    return tf.add(tf.sum(tf.mul(w, realMask(unique)), 1), this.bias) as tf.Tensor1D;
  }
}

/** Word vectors averaged over the message's real tokens, then logistic regression on the average. */
export class AveragedEmbedding implements TextNet {
  readonly name = 'avg' as const;
  readonly embedding: Embedding;
  readonly out: Dense;

  constructor(params: ParamStore, vocabSize: number, dim: number) {
    const p = params.scope('avg/');
    this.embedding = new Embedding(p, vocabSize, dim);
    this.out = new Dense(p, dim, 1, { name: 'out/' });
  }

  get table(): tf.Variable {
    return this.embedding.table;
  }

  get readout(): tf.Variable {
    return this.out.kernel;
  }

  get vars(): tf.Variable[] {
    return [this.embedding.table, this.out.kernel, this.out.bias as tf.Variable];
  }

  /** The averaged vector h (B x d). */
  average(ids: tf.Tensor2D): tf.Tensor2D {
    const m = realMask(ids);
    const e = this.embedding.apply(ids);
    const sum = tf.sum(tf.mul(e, tf.expandDims(m, 2)), 1);
    return tf.div(sum, tf.maximum(tf.sum(m, 1, true), 1)) as tf.Tensor2D;
  }

  logits({ ids }: TextBatch): tf.Tensor1D {
    return tf.reshape(this.out.apply(this.average(ids)), [-1]) as tf.Tensor1D;
  }
}

/**
 * A 1-D convolution of width k over a sequence x [B, L, d] with weights W [k·d, c]
 * (row-major [k, d, c]) and bias [c], 'valid', stride 1, written as k shifted slices side by
 * side times W (im2col): every backend has the kernels of its gradient. Output [B, L−k+1, c].
 */
export function conv1dWindows(x: tf.Tensor3D, w: tf.Tensor2D, bias: tf.Tensor1D, k: number): tf.Tensor3D {
  const [b, l, d] = x.shape;
  const n = l - k + 1;
  const slices = Array.from({ length: k }, (_, j) => tf.slice(x, [0, j, 0], [b, n, d]));
  const windows = k === 1 ? slices[0] : tf.concat(slices, 2);
  const flat = tf.reshape(windows, [b * n, k * d]) as tf.Tensor2D;
  return tf.reshape(tf.add(tf.matMul(flat, w), bias), [b, n, w.shape[1]]) as tf.Tensor3D;
}

/** Kim's TextCNN: one convolution per kernel width over the word vectors, ReLU, max over time, then logistic regression. */
export class TextCnn implements TextNet {
  readonly name = 'cnn' as const;
  readonly embedding: Embedding;
  readonly kernels: { k: number; w: tf.Variable; b: tf.Variable }[];
  readonly out: Dense;

  constructor(params: ParamStore, vocabSize: number, readonly dim: number, readonly filters: number, readonly widths: number[]) {
    const p = params.scope('cnn/');
    this.embedding = new Embedding(p, vocabSize, dim);
    this.kernels = widths.map((k) => ({ k, w: p.glorot(`conv${k}/kernel`, [k * dim, filters]), b: p.zeros(`conv${k}/bias`, [filters]) }));
    this.out = new Dense(p, widths.length * filters, 1, { name: 'out/' });
  }

  get table(): tf.Variable {
    return this.embedding.table;
  }

  readonly readout = null;

  get vars(): tf.Variable[] {
    return [this.embedding.table, ...this.kernels.flatMap((c) => [c.w, c.b]), this.out.kernel, this.out.bias as tf.Variable];
  }

  /** Max-pooled features [B, K·c]. */
  features(ids: tf.Tensor2D): tf.Tensor2D {
    const t = ids.shape[1];
    // Padding positions read as zero vectors, whatever row 0 of the table has learned.
    let x = tf.mul(this.embedding.apply(ids), tf.expandDims(realMask(ids), 2)) as tf.Tensor3D;
    const kMax = Math.max(...this.widths);
    if (t < kMax) x = tf.pad(x, [[0, 0], [0, kMax - t], [0, 0]]);
    const pooled = this.kernels.map(({ k, w, b: bias }) => tf.max(tf.relu(conv1dWindows(x, w as tf.Tensor2D, bias as tf.Tensor1D, k)), 1));
    return (pooled.length === 1 ? pooled[0] : tf.concat(pooled, 1)) as tf.Tensor2D;
  }

  logits({ ids }: TextBatch): tf.Tensor1D {
    return tf.reshape(this.out.apply(this.features(ids)), [-1]) as tf.Tensor1D;
  }
}

/** Mean binary cross-entropy from logits, stably: ℓ = softplus(o) − y o. */
export function binaryCrossEntropy(logits: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
}

/** Builds one classifier by name. */
export function makeTextNet(name: TextModelName, params: ParamStore, c: { vocabSize: number; embedDim: number; filters: number; widths: number[] }): TextNet {
  if (name === 'bow') return new BagOfWords(params, c.vocabSize);
  if (name === 'avg') return new AveragedEmbedding(params, c.vocabSize, c.embedDim);
  return new TextCnn(params, c.vocabSize, c.embedDim, c.filters, c.widths);
}

/** Each row's ids with every repeat of a token replaced by padding (for the multi-hot bag of words). */
export function uniqueRows(ids: Int32Array, seqLen: number): Int32Array {
  const out = new Int32Array(ids.length);
  const seen = new Set<number>();
  for (let r = 0; r * seqLen < ids.length; r++) {
    seen.clear();
    for (let t = 0; t < seqLen; t++) {
      const id = ids[r * seqLen + t];
      if (id > 0 && !seen.has(id)) {
        seen.add(id);
        out[r * seqLen + t] = id;
      }
    }
  }
  return out;
}

/** The tensors of a batch of rows (the caller disposes them, or builds them inside tf.tidy). */
export function textBatch(ids: Int32Array, rows: number, seqLen: number): TextBatch {
  return { ids: tf.tensor2d(ids, [rows, seqLen], 'int32'), unique: tf.tensor2d(uniqueRows(ids, seqLen), [rows, seqLen], 'int32') };
}
