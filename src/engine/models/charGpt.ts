import * as tf from '@tensorflow/tfjs';
import { mobyDickStore } from '../data/mobyDick';
import { namesStore } from '../data/names';
import type { DecodeAnswer, DecodeRequest } from '../decodeRequest';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { CharLstm, CharLstmTrainer } from '../nn/charLstm';
import { DEFAULT_OPTIMIZER } from '../nn/optimizers';
import { DEFAULT_LM, TransformerLm } from '../nn/transformerLm';
import { createRng } from '../rng';
import { unigramLoss, type CharCorpus } from './charLmData';
import { buildMobyCorpus, buildNamesCorpus, type GptCorpusName } from './charGptData';
import { decodeCharGpt, type DecodeCorpus } from './charGptDecode';
import { CHAR_GPT_LIMITS } from './charGptLimits';
import { appendPoint, type TimedCurve } from './timedCurve';

/** A character GPT, and optionally chapter 7's LSTM beside it, on one corpus: shapes are structural, η live. */
export interface CharGptConfig {
  corpus: GptCorpusName;
  /** URL of the packed Moby-Dick; '' when a test provided it (mobyDickStore.provide). */
  mobyUrl: string;
  /** URL of the packed names; '' when provided. */
  namesUrl: string;
  /** Transformer blocks N. */
  layers: number;
  dModel: number;
  heads: number;
  /** The context T: the longest window the GPT reads, and the length of every training window (both models). */
  context: number;
  /** Windows per step, |B| (both models). */
  batch: number;
  /** Adam's η for the GPT. */
  learningRate: number;
  /** Train chapter 7's LSTM on the same batches, alternating steps. */
  lstm: boolean;
  /** The LSTM's width q. */
  lstmHidden: number;
  /** Adam's η for the LSTM. */
  lstmLearningRate: number;
}

export interface CharGptView {
  /** Held-out cross-entropy (nats per character) against seconds of each model's own training. */
  gpt: TimedCurve;
  lstm: TimedCurve;
  /** Seconds of training charged to each model so far, and characters (targets) each has learned from. */
  gptSeconds: number;
  lstmSeconds: number;
  tokens: number;
  /** The unigram model's held-out loss, and the uniform model's ln |V|. */
  unigram: number;
  uniform: number;
  vocabSize: number;
  gptParams: number;
  lstmParams: number;
  /** Characters in the training and held-out streams. */
  trainChars: number;
  heldOutChars: number;
}

export type CharGptRequest = DecodeRequest;
export type CharGptAnswer = DecodeAnswer;

/** Held-out windows scored at each curve point (the same fixed set every time). */
const EVAL_WINDOWS = 32;
/**
 * A curve point costs at most 1/EVAL_SPACING of the training time before it (the widget loop stays within a
 * few % of the bare loop); the first EARLY_POINTS come four times as often, so that the first seconds have a shape.
 */
const EVAL_SPACING = 40;
const EARLY_POINTS = 10;

function validate(c: CharGptConfig): void {
  const whole = (x: number, [lo, hi]: readonly [number, number], what: string) => {
    if (!(Number.isInteger(x) && x >= lo && x <= hi)) throw new ConfigError(`${what} must be a whole number from ${lo} to ${hi} (got ${x}).`);
  };
  if (c.corpus !== 'moby' && c.corpus !== 'names') throw new ConfigError(`Unknown corpus "${c.corpus}": use moby or names.`);
  whole(c.layers, CHAR_GPT_LIMITS.layers, 'The number of blocks');
  whole(c.dModel, CHAR_GPT_LIMITS.dModel, 'd_model');
  whole(c.heads, CHAR_GPT_LIMITS.heads, 'The number of heads');
  if (c.dModel % c.heads !== 0) throw new ConfigError(`${c.heads} heads do not divide d_model = ${c.dModel}: each head needs d_model / h features.`);
  whole(c.context, CHAR_GPT_LIMITS.context, 'The context T');
  whole(c.batch, CHAR_GPT_LIMITS.batch, 'The batch');
  whole(c.lstmHidden, CHAR_GPT_LIMITS.lstmHidden, 'The LSTM width');
  for (const [lr, who] of [[c.learningRate, 'GPT'], [c.lstmLearningRate, 'LSTM']] as const)
    if (!(lr >= 1e-5 && lr <= 0.1)) throw new ConfigError(`The ${who}'s learning rate must lie in [1e-5, 0.1] (got ${lr}).`);
}

/** d_FF = 4 d_model, as in Vaswani et al. and GPT. */
export function gptShape(c: Pick<CharGptConfig, 'layers' | 'dModel' | 'heads' | 'context'>, vocabSize: number) {
  return { ...DEFAULT_LM, vocabSize, context: c.context, dModel: c.dModel, heads: c.heads, layers: c.layers, dFF: 4 * c.dModel };
}

const count = (vars: tf.Variable[]) => vars.reduce((n, v) => n + v.size, 0);

/**
 * A decoder-only Transformer (transformerLm.ts) learns the next character of Moby-Dick or of the first
 * names, and chapter 7's LSTM (charLstm.ts) learns from the same batches when asked: each step trains
 * one batch on each, timing each apart, so that the figure can draw held-out loss against the seconds
 * each model has cost. The timing is exact on cpu and wasm, where tfjs runs a step synchronously.
 */
export const charGptSpec: ModelSpec<CharGptConfig, CharGptView, CharGptRequest, CharGptAnswer> = {
  kind: 'char-gpt',
  probeConfig: { corpus: 'names', mobyUrl: '', namesUrl: '', layers: 2, dModel: 64, heads: 4, context: 32, batch: 16, learningRate: 0.002, lstm: true, lstmHidden: 128, lstmLearningRate: 0.01 },
  async prepare(config) {
    // The names are always loaded: the backend probe trains on them.
    if (config.namesUrl) await namesStore.load(config.namesUrl);
    else namesStore.get();
    if (config.corpus === 'moby') {
      if (config.mobyUrl) await mobyDickStore.load(config.mobyUrl);
      else mobyDickStore.get();
    }
  },
  create(config, seed): Model<CharGptConfig, CharGptView, CharGptRequest, CharGptAnswer> {
    validate(config);
    let cfg = config;
    const corpus: CharCorpus = cfg.corpus === 'moby' ? buildMobyCorpus(mobyDickStore.get()) : buildNamesCorpus(namesStore.get(), seed);
    const vocabSize = corpus.vocab.tokens.length;
    const decodeCorpus: DecodeCorpus = { vocab: corpus.vocab, boundaryId: corpus.boundaryId, lowercase: cfg.corpus === 'names', boundaryEnds: cfg.corpus === 'names' };
    const lm = new TransformerLm({ ...gptShape(cfg, vocabSize), learningRate: cfg.learningRate }, seed);
    // The LSTM's hand-written backward pass reads tensors back synchronously: cpu and wasm only (dataSync kills webgpu).
    const fast = tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm';
    const lstm = cfg.lstm ? new CharLstm({ vocabSize, embedDim: 0, hidden: cfg.lstmHidden, seed: seed + 1, path: fast ? 'fast' : 'autodiff' }) : null;
    const lstmTrainer = lstm ? new CharLstmTrainer(lstm, { ...DEFAULT_OPTIMIZER, kind: 'adam' }, cfg.lstmLearningRate, 5) : null;
    const rng = createRng(seed * 7919 + 3);
    const unigram = unigramLoss(corpus);
    const heldWindows = corpus.heldOutWindows(cfg.context, EVAL_WINDOWS);
    const held = { x: tf.tensor2d(heldWindows.inputs, [heldWindows.windows, cfg.context], 'int32'), y: tf.tensor2d(heldWindows.targets, [heldWindows.windows, cfg.context], 'int32') };
    const gptParams = count(lm.params.variables());
    const lstmParams = lstm ? count(lstm.variables()) : 0;
    const gpt: TimedCurve = { seconds: [], loss: [] };
    const lstmCurve: TimedCurve = { seconds: [], loss: [] };
    let gptMs = 0;
    let lstmMs = 0;
    let steps = 0;
    /** Training milliseconds (both models) at which the next curve point is due. */
    let nextEvalMs = 0;

    return {
      step: () => {
        const { inputs, targets } = corpus.trainBatch(cfg.batch, cfg.context, rng);
        const x = tf.tensor2d(inputs, [cfg.batch, cfg.context], 'int32');
        const y = tf.tensor2d(targets, [cfg.batch, cfg.context], 'int32');
        let t0 = performance.now();
        const loss = lm.trainStep(x, y);
        gptMs += performance.now() - t0;
        if (lstmTrainer) {
          t0 = performance.now();
          tf.dispose(lstmTrainer.step(x, y));
          lstmMs += performance.now() - t0;
        }
        tf.dispose([x, y]);
        steps += 1;
        return loss;
      },
      configure: (c) => {
        validate(c);
        cfg = { ...cfg, learningRate: c.learningRate, lstmLearningRate: c.lstmLearningRate };
        lm.setLearningRate(c.learningRate);
        if (lstmTrainer) lstmTrainer.learningRate = c.lstmLearningRate;
      },
      view: async () => {
        if (gptMs + lstmMs >= nextEvalMs) {
          const t0 = performance.now();
          const lg = lm.heldOutLoss(held.x, held.y);
          const ll = lstm ? lstm.loss(held.x, held.y) : null;
          const [a, b] = await Promise.all([lg.data(), ll?.data()]);
          lg.dispose();
          ll?.dispose();
          appendPoint(gpt, gptMs / 1000, a[0]);
          if (b) appendPoint(lstmCurve, lstmMs / 1000, b[0]);
          // The next point once training has cost EVAL_SPACING times this one's evaluation, and at least 5% more.
          const trained = gptMs + lstmMs;
          // The first evaluation compiles kernels and is no measure of the next ones: the second comes at once.
          nextEvalMs = gpt.loss.length === 1 ? trained + 1e-3 : trained + Math.max(((gpt.loss.length < EARLY_POINTS ? 0.25 : 1) * EVAL_SPACING) * (performance.now() - t0), 0.05 * trained);
        }
        return {
          gpt: { seconds: [...gpt.seconds], loss: [...gpt.loss] }, lstm: { seconds: [...lstmCurve.seconds], loss: [...lstmCurve.loss] },
          gptSeconds: gptMs / 1000, lstmSeconds: lstmMs / 1000, tokens: steps * cfg.batch * cfg.context,
          unigram, uniform: Math.log(vocabSize), vocabSize, gptParams, lstmParams,
          trainChars: corpus.train.length, heldOutChars: corpus.heldOut.length,
        };
      },
      answer: (q) => {
        if (q?.type !== 'decode') return Promise.reject(new Error('The character GPT answers decode requests only.'));
        return decodeCharGpt(lm, decodeCorpus, q);
      },
      variables: () => [...lm.variables(), ...(lstm ? [...lstm.variables(), ...lstmTrainer!.optimizer.variables()] : [])],
      dispose: () => {
        tf.dispose([held.x, held.y]);
        lm.dispose();
        lstmTrainer?.dispose();
        lstm?.dispose();
      },
    };
  },
};
