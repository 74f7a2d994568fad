/**
 * The straightforward tfjs encoder-decoder Transformer, the baseline of bench/seq2seqSpeed.ts: the same
 * shape as Seq2seqTransformer (pre-norm, ReLU FFN, learned positions, final norms), written the way a
 * tutorial writes it: Q, K and V matMuls per head, layer norm by tf.moments, tf.softmax, a causal mask
 * added as a constant, tf.losses.softmaxCrossEntropy, autodiff for everything, tf.train.adam's minimize.
 * (The embedding lookup is src/engine/nn/embedding.ts, as tf.gather's gradient fails on wasm.)
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../src/engine/nn/embedding';

interface Attn { wq: tf.Variable[]; wk: tf.Variable[]; wv: tf.Variable[]; bq: tf.Variable[]; bk: tf.Variable[]; bv: tf.Variable[]; wo: tf.Variable; bo: tf.Variable }
interface Norm { g: tf.Variable; b: tf.Variable }
interface Ffn { w1: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable }

export interface NaiveSeq2seqConfig { vocab: number; sourceLength: number; targetLength: number; dModel: number; heads: number; dFF: number; layers: number; learningRate: number }

export class NaiveSeq2seq {
  private vars: tf.Variable[] = [];
  private readonly optimizer: tf.Optimizer;
  private readonly srcEmb: tf.Variable;
  private readonly tgtEmb: tf.Variable;
  private readonly srcPos: tf.Variable;
  private readonly tgtPos: tf.Variable;
  private readonly enc: { attn: Attn; n1: Norm; ffn: Ffn; n2: Norm }[];
  private readonly dec: { self: Attn; n1: Norm; cross: Attn; n2: Norm; ffn: Ffn; n3: Norm }[];
  private readonly encNorm: Norm;
  private readonly finalNorm: Norm;
  private readonly head: { w: tf.Variable; b: tf.Variable };
  private readonly causal: tf.Tensor2D;

  constructor(readonly c: NaiveSeq2seqConfig) {
    const v = (shape: number[], std: number) => {
      const x = tf.variable(tf.randomNormal(shape, 0, std));
      this.vars.push(x);
      return x;
    };
    const zeros = (shape: number[]) => {
      const x = tf.variable(tf.zeros(shape));
      this.vars.push(x);
      return x;
    };
    const d = c.dModel;
    const dk = d / c.heads;
    const s = 1 / Math.sqrt(d);
    const attn = (): Attn => ({
      wq: Array.from({ length: c.heads }, () => v([d, dk], s)), wk: Array.from({ length: c.heads }, () => v([d, dk], s)), wv: Array.from({ length: c.heads }, () => v([d, dk], s)),
      bq: Array.from({ length: c.heads }, () => zeros([dk])), bk: Array.from({ length: c.heads }, () => zeros([dk])), bv: Array.from({ length: c.heads }, () => zeros([dk])),
      wo: v([d, d], s), bo: zeros([d]),
    });
    const norm = (): Norm => ({ g: tf.variable(tf.ones([d])), b: zeros([d]) });
    const ffn = (): Ffn => ({ w1: v([d, c.dFF], s), b1: zeros([c.dFF]), w2: v([c.dFF, d], 1 / Math.sqrt(c.dFF)), b2: zeros([d]) });
    this.srcEmb = v([c.vocab, d], 0.05);
    this.tgtEmb = v([c.vocab, d], 0.05);
    this.srcPos = v([c.sourceLength, d], 0.02);
    this.tgtPos = v([c.targetLength, d], 0.02);
    this.enc = Array.from({ length: c.layers }, () => ({ attn: attn(), n1: norm(), ffn: ffn(), n2: norm() }));
    this.dec = Array.from({ length: c.layers }, () => ({ self: attn(), n1: norm(), cross: attn(), n2: norm(), ffn: ffn(), n3: norm() }));
    this.encNorm = norm();
    this.finalNorm = norm();
    this.head = { w: v([d, c.vocab], s), b: zeros([c.vocab]) };
    const m = new Float32Array(c.targetLength * c.targetLength);
    for (let i = 0; i < c.targetLength; i++) for (let j = i + 1; j < c.targetLength; j++) m[i * c.targetLength + j] = -1e9;
    this.causal = tf.tensor2d(m, [c.targetLength, c.targetLength]);
    this.optimizer = tf.train.adam(c.learningRate, 0.9, 0.98);
  }

  private layerNorm(x: tf.Tensor, n: Norm): tf.Tensor {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), n.g), n.b);
  }

  private dense(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
    const shape = x.shape;
    const y = tf.add(tf.matMul(tf.reshape(x, [-1, shape[shape.length - 1]]), w), b);
    return tf.reshape(y, [...shape.slice(0, -1), w.shape[1]!]);
  }

  private attention(x: tf.Tensor, mem: tf.Tensor, a: Attn, mask: tf.Tensor | null): tf.Tensor {
    const dk = this.c.dModel / this.c.heads;
    const outs = a.wq.map((_, h) => {
      const q = this.dense(x, a.wq[h], a.bq[h]);
      const k = this.dense(mem, a.wk[h], a.bk[h]);
      const v = this.dense(mem, a.wv[h], a.bv[h]);
      let s = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
      if (mask) s = tf.add(s, mask);
      return tf.matMul(tf.softmax(s), v);
    });
    return this.dense(tf.concat(outs, -1), a.wo, a.bo);
  }

  private ffn(x: tf.Tensor, f: Ffn): tf.Tensor {
    return this.dense(tf.relu(this.dense(x, f.w1, f.b1)), f.w2, f.b2);
  }

  private embed(table: tf.Tensor, pos: tf.Tensor, ids: tf.Tensor2D): tf.Tensor {
    const [b, t] = ids.shape;
    return tf.add(tf.reshape(embeddingLookup(table, tf.reshape(ids, [-1]) as tf.Tensor1D), [b, t, this.c.dModel]), pos);
  }

  logits(src: tf.Tensor2D, decIn: tf.Tensor2D): tf.Tensor {
    let x = this.embed(this.srcEmb, this.srcPos, src);
    for (const l of this.enc) {
      const h = this.layerNorm(x, l.n1);
      x = tf.add(x, this.attention(h, h, l.attn, null));
      x = tf.add(x, this.ffn(this.layerNorm(x, l.n2), l.ffn));
    }
    const mem = this.layerNorm(x, this.encNorm);
    let y = this.embed(this.tgtEmb, this.tgtPos, decIn);
    for (const l of this.dec) {
      const h = this.layerNorm(y, l.n1);
      y = tf.add(y, this.attention(h, h, l.self, this.causal));
      y = tf.add(y, this.attention(this.layerNorm(y, l.n2), mem, l.cross, null));
      y = tf.add(y, this.ffn(this.layerNorm(y, l.n3), l.ffn));
    }
    return this.dense(this.layerNorm(y, this.finalNorm), this.head.w, this.head.b);
  }

  trainStep(src: tf.Tensor2D, decIn: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const hot = tf.oneHot(tf.reshape(target, [-1]) as tf.Tensor1D, this.c.vocab);
      return this.optimizer.minimize(() => tf.losses.softmaxCrossEntropy(hot, tf.reshape(this.logits(src, decIn), [-1, this.c.vocab])) as tf.Scalar, true, this.vars)!;
    });
  }

  dispose(): void {
    tf.dispose(this.vars);
    this.causal.dispose();
    this.optimizer.dispose();
  }
}
