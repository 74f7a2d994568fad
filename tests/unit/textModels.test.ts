/**
 * Chapter 8's classifiers against references: parameter counts against the
 * variables they create, the bag of words against its sum, the averaged
 * model's gradient against finite differences, TextCNN's convolution against
 * a direct loop; the word map's PCA against a known spread; no leaked tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TEXT_MODELS, textParamCount } from '../../src/engine/models/textClassifierConfig';
import { ParamStore } from '../../src/engine/nn/params';
import { AveragedEmbedding, BagOfWords, binaryCrossEntropy, conv1dWindows, makeTextNet, TextCnn, textBatch, uniqueRows } from '../../src/engine/nn/text/textNets';
import { principalAxes, project } from '../../src/engine/nn/text/wordMap';
import { createRng } from '../../src/engine/rng';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const SHAPE = { vocabSize: 7, embedDim: 3, filters: 2, widths: [1, 2, 3] };
const IDS = Int32Array.from([2, 3, 2, 0, 0, 5, 6, 1, 4, 2, 0, 0]); // two rows of T = 6, with padding inside and at the back

describe('text classifiers', () => {
  it('count exactly the parameters they create', () => {
    for (const shape of [SHAPE, { vocabSize: 2000, embedDim: 16, filters: 8, widths: [2, 3, 4] }]) {
      for (const m of TEXT_MODELS) {
        const params = new ParamStore(createRng(1));
        makeTextNet(m, params, shape);
        expect(params.variables().reduce((n, v) => n + v.size, 0), m).toBe(textParamCount(m, shape));
        params.dispose();
      }
    }
    expect(textParamCount('cnn', { vocabSize: 2000, embedDim: 16, filters: 8, widths: [2, 3, 4] })).toBe(33201);
    expect(textParamCount('avg', { vocabSize: 10000, embedDim: 8, filters: 8, widths: [2, 3, 4] })).toBe(80009);
  });

  it('bag of words: logit = b + sum of the weights of the distinct words present (padding excluded)', () => {
    expect(Array.from(uniqueRows(IDS, 6))).toEqual([2, 3, 0, 0, 0, 5, 6, 1, 4, 2, 0, 0]);
    const params = new ParamStore(createRng(2));
    const bow = new BagOfWords(params, 7);
    const w = Float32Array.from([9, 0.5, -1, 2, 0.25, 3, -4]); // w[0] is never read
    bow.weights.assign(tf.tensor2d(w, [7, 1]));
    bow.bias.assign(tf.tensor1d([0.1]));
    const z = tf.tidy(() => bow.logits(textBatch(IDS, 2, 6)).arraySync());
    expect(z[0]).toBeCloseTo(0.1 + w[2] + w[3] + w[5], 5);
    expect(z[1]).toBeCloseTo(0.1 + w[6] + w[1] + w[4] + w[2], 5);
    params.dispose();
  });

  it('averaged embeddings: the gradient of the loss matches central finite differences', () => {
    const params = new ParamStore(createRng(3));
    const net = new AveragedEmbedding(params, 7, 3);
    // Larger weights than the default init, so the gradient is far from zero.
    net.table.assign(tf.tidy(() => tf.mul(net.table, 20)));
    net.out.kernel.assign(tf.tensor2d([[0.7], [-1.1], [0.4]]));
    const y = tf.tensor1d([1, 0]);
    const lossOf = () => tf.tidy(() => binaryCrossEntropy(net.logits(textBatch(IDS, 2, 6)), y).dataSync()[0]);
    const { grads } = tf.variableGrads(() => binaryCrossEntropy(net.logits(textBatch(IDS, 2, 6)), y), net.vars);
    const h = 1e-2;
    for (const v of net.vars) {
      const g = grads[v.name].dataSync();
      const base = v.dataSync().slice();
      for (let i = 0; i < base.length; i++) {
        const at = (x: number) => {
          const b = base.slice();
          b[i] = x;
          v.assign(tf.tensor(b, v.shape));
          return lossOf();
        };
        const fd = (at(base[i] + h) - at(base[i] - h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        expect(g[i], `${v.name}[${i}]`).toBeCloseTo(fd, 3);
      }
    }
    // Rows of words absent from the batch (0 is padding) get no gradient.
    const gTable = grads[net.table.name].arraySync() as number[][];
    expect(gTable[0]).toEqual([0, 0, 0]);
    Object.values(grads).forEach((t) => t.dispose());
    y.dispose();
    params.dispose();
  });

  it('TextCNN: conv1dWindows equals a direct loop over windows, and max-over-time pooling follows', () => {
    const rng = createRng(4);
    const [b, l, d, c, k] = [2, 5, 3, 4, 3];
    const x = Float32Array.from({ length: b * l * d }, () => rng.normal());
    const w = Float32Array.from({ length: k * d * c }, () => rng.normal());
    const bias = Float32Array.from({ length: c }, () => rng.normal());
    const got = tf.tidy(() => conv1dWindows(tf.tensor3d(x, [b, l, d]), tf.tensor2d(w, [k * d, c]), tf.tensor1d(bias), k).arraySync());
    for (let n = 0; n < b; n++)
      for (let t = 0; t < l - k + 1; t++)
        for (let j = 0; j < c; j++) {
          let s = bias[j];
          for (let i = 0; i < k; i++) for (let e = 0; e < d; e++) s += x[(n * l + t + i) * d + e] * w[(i * d + e) * c + j];
          expect(got[n][t][j]).toBeCloseTo(s, 4);
        }
    // The whole net on a sequence shorter than its widest kernel (T = 1 < 3) still gives one logit per row.
    const params = new ParamStore(createRng(5));
    const net = new TextCnn(params, 7, 3, 2, [2, 3]);
    const z = tf.tidy(() => net.logits(textBatch(Int32Array.from([4, 0]), 2, 1)).arraySync());
    expect(z.every(Number.isFinite)).toBe(true);
    params.dispose();
  });

  it('PCA: the first axis is the direction of largest spread, and the sign follows the previous frame', () => {
    const rng = createRng(6);
    const n = 200;
    const rows = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const a = 5 * rng.normal();
      rows.set([a * 0.6, a * 0.8, 0.3 * rng.normal()], i * 3);
    }
    const axes = principalAxes(rows, n, 3);
    expect(Math.abs(axes[0][0])).toBeCloseTo(0.6, 1);
    expect(Math.abs(axes[0][1])).toBeCloseTo(0.8, 1);
    expect(Math.abs(axes[0].reduce((s, x, j) => s + x * axes[1][j], 0))).toBeLessThan(1e-6);
    const flipped = principalAxes(rows, n, 3, [axes[0].map((x) => -x), axes[1]]);
    expect(flipped[0][0]).toBeCloseTo(-axes[0][0], 6);
    const xy = project(rows, n, 3, axes);
    expect(xy.length).toBe(2 * n);
  });
});
