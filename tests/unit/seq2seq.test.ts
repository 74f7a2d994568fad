/**
 * The sequence-to-sequence Transformer (encoder-decoder and decoder-only): gradients against finite
 * differences, masks that block the future and the padding, every attention map exposed, no leaked
 * tensors, beam width 1 equal to greedy, and the parameter count the widget prints.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BOS, EOS, makeToyData } from '../../src/engine/data/toyTasks';
import { toyBatchTensors, toyModelConfig } from '../../src/engine/models/toyTransformer';
import { TOY_DEFAULTS, toyParameterCount, type ToyTransformerConfig } from '../../src/engine/models/toyTransformerConfig';
import { Seq2seqTransformer, type Seq2seqArch, type Seq2seqConfig } from '../../src/engine/nn/seq2seq';
import { decodeSource } from '../../src/engine/nn/seq2seqDecode';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const tiny = (arch: Seq2seqArch, positions: 'learned' | 'sinusoidal' = 'learned'): Seq2seqConfig => ({
  arch, sourceVocab: 7, targetVocab: 6, sourceLength: 5, targetLength: 4, dModel: 8, heads: 2, layers: 1, dFF: 12,
  activation: 'relu', norm: 'pre', positions, learningRate: 0.01, warmup: 0, clip: 0,
});

const batchOf = (src: number[][], dec: number[][], tgt: number[][]) => ({
  source: tf.tensor2d(src, undefined, 'int32'), decoderInput: tf.tensor2d(dec, undefined, 'int32'), target: tf.tensor2d(tgt, undefined, 'int32'),
});

describe('Seq2seqTransformer', () => {
  it.each(['encoder-decoder', 'decoder-only'] as const)('%s: gradients match central finite differences', (arch) => {
    const model = new Seq2seqTransformer(tiny(arch), 3);
    const batch = batchOf([[3, 4, 5, 0, 0], [6, 3, 3, 4, 5]], [[1, 3, 4, 5], [1, 5, 0, 0]], [[3, 4, 5, 2], [5, 2, 0, 0]]);
    const { loss, grads } = model.gradients(batch);
    const vars = model.params.variables();
    // Small: layer norm of inputs this small (|x| ≈ 0.05 at initialisation) curves fast.
    const h = 1e-3;
    let checked = 0;
    vars.forEach((v, vi) => {
      if (vi % 2 !== 0) return;
      const g = grads[vi].dataSync();
      const orig = v.dataSync().slice();
      for (const idx of [0, Math.floor(orig.length / 2)]) {
        const at = (d: number) => {
          const w = orig.slice();
          w[idx] += d;
          v.assign(tf.tensor(w, v.shape));
          const l = model.loss(batch);
          const x = l.dataSync()[0];
          l.dispose();
          return x;
        };
        const fd = (at(h) - at(-h)) / (2 * h);
        v.assign(tf.tensor(orig, v.shape));
        expect(Math.abs(fd - g[idx]), `${v.name}[${idx}]`).toBeLessThan(2e-3 + 0.02 * Math.abs(fd));
        checked += 1;
      }
    });
    expect(checked).toBeGreaterThan(6);
    tf.dispose([loss, ...grads, batch.source, batch.decoderInput, batch.target]);
    model.dispose();
  });

  it.each(['encoder-decoder', 'decoder-only'] as const)('%s: a later decoder token changes no earlier logit; padding changes nothing', (arch) => {
    const model = new Seq2seqTransformer(tiny(arch), 5);
    const z = (src: number[][], dec: number[][]) => {
      const s = tf.tensor2d(src, undefined, 'int32');
      const d = tf.tensor2d(dec, undefined, 'int32');
      const out = model.logits(s, d).arraySync() as number[][][];
      tf.dispose([s, d]);
      return out[0];
    };
    const a = z([[3, 4, 5]], [[1, 3, 4, 5]]);
    const b = z([[3, 4, 5]], [[1, 3, 5, 3]]);
    for (let t = 0; t < 2; t++) a[t].forEach((x, i) => expect(b[t][i]).toBeCloseTo(x, 5));
    expect(Math.max(...a[3].map((x, i) => Math.abs(x - b[3][i])))).toBeGreaterThan(1e-4);
    // The same three letters with two padding slots after them: padded keys get zero weight.
    const padded = arch === 'encoder-decoder' ? z([[3, 4, 5, 0, 0]], [[1, 3, 4, 5]]) : null;
    padded?.forEach((row, t) => row.forEach((x, i) => expect(x).toBeCloseTo(a[t][i], 5)));
    model.dispose();
  });

  it('exposes every layer and head: encoder self, decoder self and cross maps, rows summing to 1, padding unattended', () => {
    const model = new Seq2seqTransformer({ ...tiny('encoder-decoder'), layers: 2 }, 2);
    const s = tf.tensor2d([[3, 4, 0, 0, 0]], undefined, 'int32');
    const d = tf.tensor2d([[1, 3, 4]], undefined, 'int32');
    const { logits, maps } = model.attentionMaps(s, d);
    expect(maps.encoderSelf.map((m) => m.shape)).toEqual([[1, 2, 5, 5], [1, 2, 5, 5]]);
    expect(maps.decoderSelf.map((m) => m.shape)).toEqual([[1, 2, 3, 3], [1, 2, 3, 3]]);
    expect(maps.cross.map((m) => m.shape)).toEqual([[1, 2, 3, 5], [1, 2, 3, 5]]);
    const cross = maps.cross[1].arraySync() as number[][][][];
    for (const row of cross[0][1]) {
      expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
      expect(row[2] + row[3] + row[4]).toBeLessThan(1e-6);
    }
    const self = maps.decoderSelf[0].arraySync() as number[][][][];
    expect(self[0][0][0][1]).toBe(0);
    tf.dispose([s, d, logits, ...maps.encoderSelf, ...maps.decoderSelf, ...maps.cross]);
    model.dispose();
  });

  it('keeps the tensor count flat across training steps and frees everything on dispose', () => {
    const before = tf.memory().numTensors;
    const data = makeToyData({ task: 'reverse', length: 4, symbols: 5 }, 1, 20);
    const model = new Seq2seqTransformer(toyModelConfig(data.task, { ...TOY_DEFAULTS, dModel: 16, heads: 2 }), 1);
    const step = () => {
      const b = toyBatchTensors(data.trainBatch(8), data.task);
      model.trainStep(b).dispose();
      tf.dispose([b.source, b.decoderInput, b.target]);
    };
    step();
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(after1);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['encoder-decoder', 'decoder-only'] as const)('%s: the printed parameter count is the model\'s', (arch) => {
    const data = makeToyData({ task: 'add', length: 2, symbols: 10 }, 1, 10);
    const c: ToyTransformerConfig = { ...TOY_DEFAULTS, arch, dModel: 16, heads: 4, layers: 2 };
    const model = new Seq2seqTransformer(toyModelConfig(data.task, c), 1);
    expect(toyParameterCount(c, data.task.tokens.length, data.task.sourceLength, data.task.targetLength)).toBe(model.parameterCount());
    model.dispose();
  });

  it('refuses a head count that does not divide d_model, and a source longer than the context', () => {
    expect(() => new Seq2seqTransformer({ ...tiny('encoder-decoder'), heads: 3 }, 1)).toThrow(/3 heads do not divide d_model = 8/);
    const model = new Seq2seqTransformer(tiny('encoder-decoder'), 1);
    const s = tf.tensor2d([[3, 4, 5, 6, 3, 4]], undefined, 'int32');
    const d = tf.tensor2d([[1]], undefined, 'int32');
    expect(() => model.logits(s, d)).toThrow(/longer than the model's context of 5/);
    tf.dispose([s, d]);
    model.dispose();
  });

  it('beam search of width 1 gives the greedy output on the toy model, and decoding leaks nothing', async () => {
    const data = makeToyData({ task: 'sort', length: 5, symbols: 6 }, 2, 20);
    const model = new Seq2seqTransformer(toyModelConfig(data.task, { ...TOY_DEFAULTS, dModel: 16, heads: 2 }), 4);
    for (let i = 0; i < 5; i++) {
      const b = toyBatchTensors(data.trainBatch(16), data.task);
      model.trainStep(b).dispose();
      tf.dispose([b.source, b.decoderInput, b.target]);
    }
    const tokens = { bos: BOS, eos: EOS, tokens: data.task.tokens };
    const before = tf.memory().numTensors;
    for (const s of ['31042', '55012', '01234']) {
      const src = data.task.encode(s);
      const g = await decodeSource(model, src, { type: 'decode', input: s, method: 'greedy', maxLength: 6 }, tokens);
      const b = await decodeSource(model, src, { type: 'decode', input: s, method: 'beam', beamWidth: 1, maxLength: 6 }, tokens);
      expect(b.output).toBe(g.output);
      expect(b.logProb).toBeCloseTo(g.logProb, 4);
      const wide = await decodeSource(model, src, { type: 'decode', input: s, method: 'beam', beamWidth: 0, maxLength: 99 }, tokens);
      expect(wide.message).toMatch(/keeps nothing; using 1/);
      expect(wide.message).toMatch(/generating at most 6/);
      const sampled = await decodeSource(model, src, { type: 'decode', input: s, method: 'sample', temperature: 1, seed: 3, maxLength: 6 }, tokens);
      expect(sampled.steps.length).toBeGreaterThan(0);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  // The KV cache (startDecoding/nextLogits, DecoderBlock.step): each step's logits equal the last row of a full
  // forward pass over the prefix, for both norm placements, both position kinds, 2 layers and a padded source.
  it.each([['pre', 'learned'], ['post', 'sinusoidal']] as const)('decoding with the KV cache equals the full pass over each prefix (%s-norm, %s)', (norm, positions) => {
    const model = new Seq2seqTransformer({ ...tiny('encoder-decoder', positions), norm, layers: 2 }, 5);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const source = tf.tensor2d([[3, 4, 5, 0, 0], [6, 3, 3, 4, 5]], undefined, 'int32');
      const prefix = [[1, 3, 4, 5], [1, 5, 2, 4]];
      const state = model.startDecoding(source)!;
      for (let t = 0; t < 4; t++) {
        const step = model.nextLogits(state, tf.tensor1d(prefix.map((p) => p[t]), 'int32'));
        const full = model.lastLogits(source, tf.tensor2d(prefix.map((p) => p.slice(0, t + 1)), undefined, 'int32'));
        const [a, b] = [step.dataSync(), full.dataSync()];
        for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 4);
      }
      expect(() => model.nextLogits(state, tf.tensor1d([1, 1], 'int32'))).toThrow(/longer than the decoder's context of 4/);
    });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    const decoderOnly = new Seq2seqTransformer(tiny('decoder-only'), 1);
    const source = tf.zeros([1, 5], 'int32');
    expect(decoderOnly.startDecoding(source)).toBeNull();
    source.dispose();
    decoderOnly.dispose();
  });
});
