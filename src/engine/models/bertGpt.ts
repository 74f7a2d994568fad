import * as tf from '@tensorflow/tfjs';
import { namesStore } from '../data/names';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { MaskedLm } from '../nn/maskedLm';
import { maskedCrossEntropy } from '../nn/maskedLm';
import { TransformerLm } from '../nn/transformerLm';
import { createRng } from '../rng';
import { bertFill, bertGenerate, gptGenerate, gptNext, gptScore, type NameCodec } from './bertGptAsk';
import { DEFAULT_BERT_GPT, parseBlankWord, type BertGptAnswer, type BertGptConfig, type BertGptRequest, type BertGptView } from './bertGptConfig';
import { BERT_T, GPT_T, leftToRightRows, maskedBatch, maskedRows, nextTokenRows, splitNames, type MaskedBatch } from './bertGptData';
import { buildCharCorpus } from './charLmData';

/** Held-out names scored at each curve point (the same names for all three curves). */
const HELD_OUT = 200;

function validate(c: BertGptConfig): void {
  if (!(c.dModel >= 8 && c.dModel <= 128 && Number.isInteger(c.dModel))) throw new ConfigError(`d_model must be a whole number from 8 to 128 (got ${c.dModel}).`);
  if (!(c.learningRate > 0 && c.learningRate <= 0.1)) throw new ConfigError(`The learning rate must lie in (0, 0.1] (got ${c.learningRate}).`);
  if (!(c.batch >= 1 && c.batch <= 256 && Number.isInteger(c.batch))) throw new ConfigError(`A batch holds 1 to 256 names (got ${c.batch}).`);
  if (!(c.maskRate > 0 && c.maskRate < 1)) throw new ConfigError(`The share of masked characters must lie strictly between 0 and 1 (got ${c.maskRate}).`);
}

/** A batch's arrays as tensors [rows, t]. */
function tensors(b: MaskedBatch, t: number) {
  const shape: [number, number] = [b.rows, t];
  return { ids: tf.tensor2d(b.ids, shape, 'int32'), valid: tf.tensor2d(b.valid, shape), targets: tf.tensor2d(b.targets, shape, 'int32'), weights: tf.tensor2d(b.weights, shape) };
}

/** The mean of the parameters' sizes (Adam's moments left out). */
function paramCount(vars: tf.Variable[]): number {
  return vars.reduce((s, v) => s + v.size, 0);
}

/**
 * A BERT-style masked LM and a GPT-style causal LM of the same size on the same first names, one step of
 * each per trainer step: BERT recovers hidden characters of whole names, reading both sides; GPT predicts
 * every next character of windows of the name stream. Three held-out curves: BERT on its own task, BERT
 * made to predict left to right, and GPT.
 */
export const bertGptSpec: ModelSpec<BertGptConfig, BertGptView, BertGptRequest, BertGptAnswer> = {
  kind: 'bert-gpt',
  probeConfig: { dataUrl: '', ...DEFAULT_BERT_GPT, batch: 8 },
  async prepare(config) {
    if (config.dataUrl) await namesStore.load(config.dataUrl);
    else namesStore.get();
  },
  create(config, seed): Model<BertGptConfig, BertGptView, BertGptRequest, BertGptAnswer> {
    validate(config);
    let cfg = config;
    const corpus = buildCharCorpus(namesStore.get(), seed);
    const tokens = corpus.vocab.tokens;
    const v = tokens.length;
    const boundary = corpus.boundaryId;
    const maskId = v; // [MASK] is one id past the characters: only BERT has it
    const letters = tokens.map((_, id) => id).filter((id) => id >= 2 && id !== boundary);
    const codec: NameCodec = { tokens: [...tokens, '[MASK]'], boundary, maskId, letters, idOf: (ch) => corpus.vocab.index.get(ch) ?? -1 };
    const alphabet = letters.map((id) => tokens[id]).join('');
    const shape = { dModel: cfg.dModel, heads: cfg.heads, layers: cfg.layers, dFF: 4 * cfg.dModel, learningRate: cfg.learningRate };
    const bert = new MaskedLm({ ...shape, vocabSize: v + 1, context: BERT_T }, seed);
    const gpt = new TransformerLm({ ...shape, vocabSize: v, context: GPT_T, activation: 'relu', norm: 'pre', positions: 'learned' }, seed + 1);
    const names = splitNames(corpus);
    const rng = createRng(seed * 7919 + 3);
    const held = names.heldOut.slice(0, HELD_OUT);
    const heldMasked = tensors(maskedRows(held, boundary, maskId, cfg.maskRate, createRng(seed + 101)), BERT_T);
    const heldLeft = tensors(leftToRightRows(held, boundary, maskId), BERT_T);
    const heldNext = tensors(nextTokenRows(held, boundary), GPT_T);
    const heldAll = [heldMasked, heldLeft, heldNext].flatMap((h) => Object.values(h));
    let steps = 0;
    let nextEval = 0;

    const evaluate = async (): Promise<SeriesPoint> => {
      const losses = tf.tidy(() => {
        const m = bert.loss(heldMasked.ids, heldMasked.valid, heldMasked.targets, heldMasked.weights);
        const l = bert.loss(heldLeft.ids, heldLeft.valid, heldLeft.targets, heldLeft.weights);
        const z = gpt.logits(heldNext.ids);
        const g = maskedCrossEntropy(tf.reshape(z, [-1, v]) as tf.Tensor2D, tf.reshape(heldNext.targets, [-1]) as tf.Tensor1D, tf.reshape(heldNext.weights, [-1]) as tf.Tensor1D);
        return tf.stack([m, l, g]);
      });
      const [m, l, g] = (await losses.data()) as Float32Array;
      losses.dispose();
      return { 'BERT, masked characters': m, 'BERT, left to right': l, 'GPT, next character': g };
    };

    return {
      step: () => {
        const b = tensors(maskedBatch(names.train, cfg.batch, boundary, maskId, cfg.maskRate, rng), BERT_T);
        const w = corpus.trainBatch(cfg.batch, GPT_T, rng);
        const gx = tf.tensor2d(w.inputs, [cfg.batch, GPT_T], 'int32');
        const gy = tf.tensor2d(w.targets, [cfg.batch, GPT_T], 'int32');
        const lb = bert.trainStep(b.ids, b.valid, b.targets, b.weights);
        const lg = gpt.trainStep(gx, gy);
        steps += 1;
        // The frame's loss: the mean of the two batch losses (each model's own curve is in the series).
        return tf.mul(tf.add(lb, lg), 0.5) as tf.Scalar;
      },
      configure: (c) => {
        validate(c);
        cfg = c;
        bert.setLearningRate(c.learningRate);
        gpt.setLearningRate(c.learningRate);
      },
      view: async () => {
        const base: BertGptView = { tokens, alphabet, heldOutNames: held.length, trainNames: names.train.length, uniform: Math.log(letters.length + 1), params: { bert: paramCount(bert.params.variables()), gpt: paramCount(gpt.params.variables()) } };
        if (steps < nextEval) return base;
        // A point every ~5% of the run so far (every 5 steps at first, at most every 100).
        nextEval = steps + Math.min(100, Math.max(5, Math.floor(steps / 20)));
        return { ...base, series: await evaluate() };
      },
      answer: async (q) => {
        const parsed = parseBlankWord(String(q.word ?? ''), alphabet);
        if (!parsed.ok) throw new Error(parsed.message);
        const prefix = [...parsed.prefix].map(codec.idOf);
        const suffix = [...parsed.suffix].map(codec.idOf);
        const count = Math.max(1, Math.min(10, Math.floor(q.samples) || 1));
        const temperature = Math.max(0.05, Math.min(5, Number(q.temperature) || 1));
        const seedOf = q.seed ?? 1;
        return {
          prefix: parsed.prefix,
          suffix: parsed.suffix,
          bert: await bertFill(bert, codec, prefix, suffix),
          gptPrefix: await gptNext(gpt, codec, prefix),
          gptScored: await gptScore(gpt, codec, prefix, suffix),
          gptNames: await gptGenerate(gpt, codec, prefix, count, temperature, createRng(seedOf)),
          bertNames: await bertGenerate(bert, codec, prefix, count, temperature, createRng(seedOf)),
          step: steps,
        };
      },
      variables: () => [...bert.variables(), ...gpt.variables()],
      dispose: () => {
        tf.dispose(heldAll);
        bert.dispose();
        gpt.dispose();
      },
    };
  },
};
