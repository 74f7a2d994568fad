/**
 * BERT against GPT on the names: the masked-LM loss counts only the masked positions (against a hand
 * computation, gradient included); the causal model cannot see the future while the masked one can;
 * the masking and the left-to-right rows are what they say; the reader's word is parsed or refused with
 * a message; both train, answer a blank, and leave no tensor behind.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { namesStore, parseNames } from '../../src/engine/data/names';
import { bertGptSpec } from '../../src/engine/models/bertGpt';
import { DEFAULT_BERT_GPT, parseBlankWord } from '../../src/engine/models/bertGptConfig';
import { BERT_T, leftToRightRows, maskedRows, nextTokenRows } from '../../src/engine/models/bertGptData';
import { MaskedLm, maskedCrossEntropy } from '../../src/engine/nn/maskedLm';
import { TransformerLm } from '../../src/engine/nn/transformerLm';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';
import { bufferOf, packed } from './support/textDataFixture';

useCpuBackend();

const SHAPE = { dModel: 16, heads: 2, layers: 1, dFF: 32, learningRate: 0.01 };

describe('the masked-LM loss', () => {
  it('is the mean cross-entropy of the masked rows only, with the gradient w (softmax − onehot) / Σw', () => {
    const z = [[1, 2, 0.5, -1], [0.3, -0.2, 2, 1], [-1, 0, 1, 3]];
    const targets = [1, 0, 3];
    const w = [1, 0, 1];
    const lse = (r: number[]) => Math.log(r.reduce((s, x) => s + Math.exp(x), 0));
    // Hand: rows 0 and 2 count, row 1 is ignored.
    const hand = (lse(z[0]) - z[0][1] + (lse(z[2]) - z[2][3])) / 2;
    const zt = tf.tensor2d(z);
    const f = (logits: tf.Tensor) => maskedCrossEntropy(logits as tf.Tensor2D, tf.tensor1d(targets, 'int32'), tf.tensor1d(w));
    expect(f(zt).arraySync()).toBeCloseTo(hand, 5);
    // Changing the ignored row's logits or its target changes nothing.
    const other = maskedCrossEntropy(tf.tensor2d([z[0], [9, 9, -9, 0], z[2]]), tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d(w));
    expect(other.arraySync()).toBeCloseTo(hand, 5);
    const g = tf.grad(f)(zt).arraySync() as number[][];
    for (const r of [0, 2]) {
      const e = z[r].map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      z[r].forEach((_, j) => expect(g[r][j]).toBeCloseTo((e[j] / s - (j === targets[r] ? 1 : 0)) / 2, 5));
    }
    expect(g[1].every((x) => x === 0)).toBe(true);
    // No masked row at all: the loss is 0, not NaN.
    expect(maskedCrossEntropy(zt, tf.tensor1d(targets, 'int32'), tf.tensor1d([0, 0, 0])).arraySync()).toBe(0);
  });

  it("MaskedLm's loss equals the hand mean of −log softmax at the masked positions of its own logits", () => {
    const bert = new MaskedLm({ ...SHAPE, vocabSize: 7, context: 6 }, 1);
    const ids = tf.tensor2d([[2, 6, 4, 5, 2, 0], [2, 3, 6, 2, 0, 0]], [2, 6], 'int32');
    const valid = tf.tensor2d([[1, 1, 1, 1, 1, 0], [1, 1, 1, 1, 0, 0]]);
    const targets = [[2, 3, 4, 5, 2, 0], [2, 3, 4, 2, 0, 0]];
    const weights = [[0, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0]];
    const z = bert.logits(ids, valid).arraySync() as number[][][];
    let sum = 0;
    for (const [b, t] of [[0, 1], [1, 2]]) {
      const row = z[b][t];
      const lse = Math.log(row.reduce((s, x) => s + Math.exp(x), 0));
      sum += lse - row[targets[b][t]];
    }
    const loss = bert.loss(ids, valid, tf.tensor2d(targets, [2, 6], 'int32'), tf.tensor2d(weights)).arraySync() as number;
    expect(loss).toBeCloseTo(sum / 2, 4);
    bert.dispose();
  });
});

describe('who sees the future', () => {
  it('GPT: changing a later token changes no earlier logit; BERT: it changes the earlier ones', () => {
    const gpt = new TransformerLm({ ...SHAPE, vocabSize: 7, context: 6, activation: 'relu', norm: 'pre', positions: 'learned' }, 2);
    const bert = new MaskedLm({ ...SHAPE, vocabSize: 7, context: 6 }, 3);
    const a = tf.tensor2d([[2, 3, 4, 5, 6, 3]], [1, 6], 'int32');
    const b = tf.tensor2d([[2, 3, 4, 1, 2, 5]], [1, 6], 'int32'); // positions 3.. differ
    const valid = tf.ones([1, 6]);
    const ga = gpt.logits(a).arraySync()[0];
    const gb = gpt.logits(b).arraySync()[0];
    for (let t = 0; t < 3; t++) ga[t].forEach((x, j) => expect(gb[t][j]).toBeCloseTo(x, 5));
    expect(Math.max(...ga[3].map((x, j) => Math.abs(x - gb[3][j])))).toBeGreaterThan(1e-4);
    const ba = bert.logits(a, valid).arraySync()[0];
    const bb = bert.logits(b, valid).arraySync()[0];
    expect(Math.max(...ba[0].map((x, j) => Math.abs(x - bb[0][j])))).toBeGreaterThan(1e-4);
    gpt.dispose();
    bert.dispose();
  });
});

describe('the rows the models read', () => {
  const boundary = 2;
  const mask = 9;
  const names = [Int32Array.from([3, 4, 5, 4]), Int32Array.from([6, 3])];

  it('masking hides at least one of positions 1 … L+1 of each name (the closing boundary too), and only there', () => {
    const b = maskedRows(names, boundary, mask, 0.5, createRng(4));
    names.forEach((n, r) => {
      const row = Array.from(b.ids.subarray(r * BERT_T, (r + 1) * BERT_T));
      const w = Array.from(b.weights.subarray(r * BERT_T, (r + 1) * BERT_T));
      const full = [boundary, ...n, boundary];
      expect(w.reduce((s, x) => s + x, 0)).toBeGreaterThanOrEqual(1);
      expect(w[0]).toBe(0);
      full.forEach((id, j) => expect(row[j]).toBe(w[j] ? mask : id));
      expect(w.slice(full.length).every((x) => x === 0)).toBe(true);
      expect(Array.from(b.valid.subarray(r * BERT_T, (r + 1) * BERT_T)).reduce((s, x) => s + x, 0)).toBe(full.length);
    });
    // Rate near zero still masks exactly one per name.
    const one = maskedRows(names, boundary, mask, 1e-9, createRng(5));
    expect(one.weights.reduce((s, x) => s + x, 0)).toBe(2);
  });

  it('left to right, BERT gets one row per predicted character with nothing after the [MASK]', () => {
    const b = leftToRightRows(names, boundary, mask);
    expect(b.rows).toBe(5 + 3);
    // Row 2 of the first name: [\n, 3, 4, MASK], target 5.
    const row = Array.from(b.ids.subarray(3 * BERT_T, 4 * BERT_T));
    expect(row.slice(0, 5)).toEqual([boundary, 3, 4, 5, mask]);
    expect(b.targets[3 * BERT_T + 4]).toBe(4);
    expect(Array.from(b.valid.subarray(3 * BERT_T, 4 * BERT_T)).reduce((s, x) => s + x, 0)).toBe(5);
    const g = nextTokenRows(names, boundary);
    expect(g.weights.reduce((s, x) => s + x, 0)).toBe(5 + 3);
  });

  it('reads a word with one blank, and says what is wrong with any other', () => {
    const abc = 'abcdefghijklmnopqrstuvwxyz-';
    expect(parseBlankWord('Ma_y', abc)).toEqual({ ok: true, prefix: 'ma', suffix: 'y' });
    expect(parseBlankWord('_ary', abc)).toEqual({ ok: true, prefix: '', suffix: 'ary' });
    const msg = (w: string) => (parseBlankWord(w, abc) as { message: string }).message;
    expect(msg('')).toMatch(/Type a name with one blank/);
    expect(msg('mary')).toMatch(/no blank/);
    expect(msg('m__y')).toMatch(/2 blanks/);
    expect(msg('zoë_')).toMatch(/"ë" is not in the names' alphabet \(a–z and -\)/);
    expect(msg('abcdefghijklmno_')).toMatch(/16 characters/);
  });
});

describe('BERT and GPT trained on the names', () => {
  it('at the defaults GPT has 27,934 parameters and BERT 28,031, as counted by hand', async () => {
    namesStore.provide(parseNames(bufferOf(packed('names'))));
    const model = bertGptSpec.create({ dataUrl: '', ...DEFAULT_BERT_GPT }, 1);
    const view = await model.view();
    model.dispose();
    // |V| = 30 characters (padding, unknown, \n, a–z, -), d = 32, d_ff = 128, 2 blocks of 4(d² + d) + 4d + (2 d d_ff + d_ff + d) = 12,704.
    const blocks = 2 * (4 * (32 * 32 + 32) + 4 * 32 + (2 * 32 * 128 + 128 + 32));
    expect(blocks).toBe(25408);
    expect(view.tokens.length).toBe(30);
    expect([...view.alphabet].sort().join('')).toBe('-abcdefghijklmnopqrstuvwxyz');
    // GPT: embedding 30·32, positions 16·32, blocks, final norm 2·32, head 32·30 + 30.
    expect(view.params.gpt).toBe(30 * 32 + 16 * 32 + blocks + 64 + 32 * 30 + 30);
    expect(view.params.gpt).toBe(27934);
    // BERT: one more token ([MASK]) in the embedding and the head, and 17 positions (a name and both boundaries).
    expect(view.params.bert).toBe(31 * 32 + 17 * 32 + blocks + 64 + 32 * 31 + 31);
    expect(view.params.bert).toBe(28031);
    expect(view.heldOutNames).toBe(200);
    expect(view.trainNames).toBeGreaterThan(7900);
  });

  it('both held-out losses fall within a few steps; the blank is answered; no tensor leaks', async () => {
    namesStore.provide(parseNames(bufferOf(packed('names'))));
    const before = tf.memory().numTensors;
    const trainer = new Trainer(bertGptSpec, { dataUrl: '', ...DEFAULT_BERT_GPT, dModel: 16, heads: 2, layers: 1, batch: 16, learningRate: 0.01 }, 1);
    const first = (await trainer.view()).series!;
    await trainer.step(12);
    const a = await trainer.answer({ word: 'ma_y', samples: 3, temperature: 1, seed: 2 });
    expect(a.bert.length).toBe(5);
    expect(a.bert[0].prob).toBeGreaterThan(0);
    expect(a.gptNames.length).toBe(3);
    expect(a.gptNames.every((n) => n.startsWith('ma'))).toBe(true);
    expect(a.bertNames.every((n) => n.startsWith('ma'))).toBe(true);
    await expect(trainer.answer({ word: 'm__y', samples: 1, temperature: 1 })).rejects.toThrow(/2 blanks/);
    await trainer.step(12);
    const mid = tf.memory().numTensors;
    const later = (await trainer.view()).series!;
    await trainer.answer({ word: '_nna', samples: 2, temperature: 0.5 });
    await trainer.step(2);
    expect(tf.memory().numTensors).toBe(mid);
    for (const k of ['BERT, masked characters', 'GPT, next character']) expect(later[k]).toBeLessThan(first[k]);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
