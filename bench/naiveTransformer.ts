/**
 * The straightforward tfjs version of TransformerLm (pre-norm, ReLU, sinusoidal positions), the
 * baseline of bench/seqAttention.ts and the reference of tests/unit/transformerFast.test.ts: one set of
 * Q, K and V matMuls per head, layer norm by tf.moments, tf.losses.softmaxCrossEntropy, autodiff for
 * everything, tf.train.adam's minimize. Its weights are copied from a TransformerLm, so both compute the
 * same function. (The embedding is src/engine/nn/embedding.ts, as tf.gather's gradient fails on wasm.)
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../src/engine/nn/embedding';
import { sinusoidalEncoding } from '../src/engine/nn/positional';
import type { TransformerLm } from '../src/engine/nn/transformerLm';

interface Head {
  wq: tf.Variable;
  bq: tf.Variable;
  wk: tf.Variable;
  bk: tf.Variable;
  wv: tf.Variable;
  bv: tf.Variable;
}

interface Block {
  heads: Head[];
  wo: tf.Variable;
  bo: tf.Variable;
  g1: tf.Variable;
  b1: tf.Variable;
  w1: tf.Variable;
  c1: tf.Variable;
  w2: tf.Variable;
  c2: tf.Variable;
  g2: tf.Variable;
  b2: tf.Variable;
}

const copy = (t: tf.Tensor) => tf.variable(t.clone());

export class NaiveLm {
  readonly table: tf.Variable;
  readonly blocks: Block[];
  readonly gf: tf.Variable;
  readonly bf: tf.Variable;
  readonly wh: tf.Variable;
  readonly bh: tf.Variable;
  private readonly pe: tf.Tensor2D;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly d: number;
  private readonly vocab: number;

  constructor(lm: TransformerLm) {
    const { config } = lm;
    if (config.norm !== 'pre' || config.activation !== 'relu' || config.positions !== 'sinusoidal')
      throw new Error('the naive reference covers pre-norm, ReLU, sinusoidal positions only');
    this.d = config.dModel;
    this.vocab = config.vocabSize;
    const dk = config.dModel / config.heads;
    const tensors = tf.tidy(() => {
      const cols = (w: tf.Tensor, h: number) => (w.rank === 2 ? tf.slice(w, [0, h * dk], [-1, dk]) : tf.slice(w, [h * dk], [dk]));
      return {
        table: copy(lm.embedding.table),
        blocks: lm.blocks.map((b) => {
          const a = b.attention;
          return {
            heads: Array.from({ length: config.heads }, (_, h) => ({
              wq: copy(cols(a.query.kernel, h)),
              bq: copy(cols(a.query.bias!, h)),
              wk: copy(cols(a.key.kernel, h)),
              bk: copy(cols(a.key.bias!, h)),
              wv: copy(cols(a.value.kernel, h)),
              bv: copy(cols(a.value.bias!, h)),
            })),
            wo: copy(a.output.kernel),
            bo: copy(a.output.bias!),
            g1: copy(b.norm1.gamma),
            b1: copy(b.norm1.beta),
            w1: copy(b.ffn.inner.kernel),
            c1: copy(b.ffn.inner.bias!),
            w2: copy(b.ffn.outer.kernel),
            c2: copy(b.ffn.outer.bias!),
            g2: copy(b.norm2.gamma),
            b2: copy(b.norm2.beta),
          };
        }),
        gf: copy(lm.finalNorm!.gamma),
        bf: copy(lm.finalNorm!.beta),
        wh: copy(lm.head.kernel),
        bh: copy(lm.head.bias!),
      };
    });
    this.table = tensors.table;
    this.blocks = tensors.blocks;
    this.gf = tensors.gf;
    this.bf = tensors.bf;
    this.wh = tensors.wh;
    this.bh = tensors.bh;
    this.pe = tf.tensor2d(sinusoidalEncoding(config.context, config.dModel), [config.context, config.dModel]);
    this.optimizer = tf.train.adam(config.learningRate);
  }

  /** Mean next-token cross-entropy over every position. */
  loss(ids: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
    const [b, t] = ids.shape;
    const d = this.d;
    const emb = tf.reshape(embeddingLookup(this.table, tf.reshape(ids, [-1]) as tf.Tensor1D), [b, t, d]);
    let x = tf.add(tf.mul(emb, Math.sqrt(d)), tf.slice(this.pe, [0, 0], [t, d]));
    const mask = tf.tidy(() => tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([t, t]), -1, 0)), -1e9));
    for (const blk of this.blocks) {
      const h = tf.reshape(norm(x, blk.g1, blk.b1), [b * t, d]);
      const outs = blk.heads.map((hd) => {
        const q = tf.reshape(tf.add(tf.matMul(h, hd.wq), hd.bq), [b, t, -1]);
        const k = tf.reshape(tf.add(tf.matMul(h, hd.wk), hd.bk), [b, t, -1]);
        const v = tf.reshape(tf.add(tf.matMul(h, hd.wv), hd.bv), [b, t, -1]);
        const s = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(q.shape[2] as number)), mask);
        return tf.matMul(tf.softmax(s), v);
      });
      const att = tf.add(tf.matMul(tf.reshape(tf.concat(outs, 2), [b * t, d]), blk.wo), blk.bo);
      x = tf.add(x, tf.reshape(att, [b, t, d]));
      const h2 = tf.reshape(norm(x, blk.g2, blk.b2), [b * t, d]);
      const f = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(h2, blk.w1), blk.c1)), blk.w2), blk.c2);
      x = tf.add(x, tf.reshape(f, [b, t, d]));
    }
    const z = tf.add(tf.matMul(tf.reshape(norm(x, this.gf, this.bf), [b * t, d]), this.wh), this.bh);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.reshape(targets, [-1]) as tf.Tensor1D, this.vocab), z) as tf.Scalar;
  }

  /** One tf.train.adam step by minimize; returns the loss. */
  trainStep(ids: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
    return this.optimizer.minimize(() => this.loss(ids, targets), true) as tf.Scalar;
  }

  /** Gradients laid out as TransformerLm's variables (per-head pieces put side by side again). */
  gradientsLikeFast(ids: tf.Tensor2D, targets: tf.Tensor2D): { loss: tf.Scalar; grads: tf.Tensor[] } {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => this.loss(ids, targets), this.variables());
      const g = (v: tf.Variable) => grads[v.name];
      const out: tf.Tensor[] = [g(this.table)];
      for (const blk of this.blocks) {
        for (const [w, bias] of [['wq', 'bq'], ['wk', 'bk'], ['wv', 'bv']] as const) {
          out.push(tf.concat(blk.heads.map((h) => g(h[w])), 1));
          out.push(tf.concat(blk.heads.map((h) => g(h[bias]))));
        }
        out.push(...[blk.wo, blk.bo, blk.g1, blk.b1, blk.w1, blk.c1, blk.w2, blk.c2, blk.g2, blk.b2].map(g));
      }
      out.push(...[this.gf, this.bf, this.wh, this.bh].map(g));
      return { loss: value, grads: out };
    });
  }

  variables(): tf.Variable[] {
    const vs: tf.Variable[] = [this.table];
    for (const blk of this.blocks) {
      for (const h of blk.heads) vs.push(h.wq, h.bq, h.wk, h.bk, h.wv, h.bv);
      vs.push(blk.wo, blk.bo, blk.g1, blk.b1, blk.w1, blk.c1, blk.w2, blk.c2, blk.g2, blk.b2);
    }
    vs.push(this.gf, this.bf, this.wh, this.bh);
    return vs;
  }

  dispose(): void {
    this.variables().forEach((v) => v.dispose());
    this.pe.dispose();
    this.optimizer.dispose();
  }
}

/** Layer norm by tf.moments, autodiff's gradient (ε = 1e-3 as tf.layers). */
function norm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-3))), g), b);
}
