import * as tf from '@tensorflow/tfjs';
import { namesStore } from '../data/names';
import { nextTokenDistribution, sampleFrom } from '../math/sampling';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { CharLstm, CharLstmTrainer } from '../nn/charLstm';
import { DEFAULT_OPTIMIZER } from '../nn/optimizers';
import { createRng } from '../rng';
import { buildCharCorpus, unigramLoss, type CharCorpus } from './charLmData';

/** A character-level LSTM language model on the first names: the shape is structural, the rest live. */
export interface CharLmConfig {
  /** URL of the packed names; '' when a test provided them with namesStore.provide. */
  dataUrl: string;
  /** LSTM width q. */
  hidden: number;
  /** Embedding width; 0 feeds one-hot vectors. */
  embed: number;
  /** Characters per training window, T. */
  window: number;
  /** Windows per step, |B|. */
  batch: number;
  learningRate: number;
  /** Clip the gradient's global norm to this before each step; 0 turns clipping off. */
  clip: number;
}

/** What the figure draws: the vocabulary, the baselines, and a held-out point now and then. */
export interface CharLmView {
  /** tokens[i] is the character with id i (0 padding, 1 unknown, '\n' the boundary between names). */
  tokens: string[];
  /** Held-out cross-entropy (nats per character) of the unigram model fitted to the training names. */
  unigram: number;
  /** ln |𝒱|: the uniform model's cross-entropy; its perplexity is |𝒱|. */
  uniform: number;
  /** The latest held-out cross-entropy of the LSTM, null before the first. */
  heldOut: number | null;
  /** A new curve point: 'held-out loss' (absent between points). */
  series?: SeriesPoint;
}

/** Sample `count` names that start with `prompt` (letters of the vocabulary), at a temperature and top-k. */
export interface CharLmRequest {
  prompt: string;
  count: number;
  temperature: number;
  /** Keep only the k likeliest characters; 0 or absent keeps all. */
  topK?: number;
  /** Seed of the draws, so that the same request gives the same names. */
  seed?: number;
}

/** The names drawn, and the next-character distribution after the prompt (the figure draws it). */
export interface CharLmAnswer {
  names: string[];
  next: { tokens: string[]; probs: number[] };
  /** Characters of the prompt the model has never seen (they were dropped). */
  dropped: string[];
  step: number;
}

/** Longest name drawn: the longest real name has 15 characters. */
const MAX_NAME = 20;
/** Held-out windows evaluated at each curve point: a steady, bounded cost. */
const EVAL_WINDOWS = 256;

function validate(c: CharLmConfig): void {
  const ok = (x: number, lo: number, hi: number) => Number.isFinite(x) && x >= lo && x <= hi;
  if (!ok(c.hidden, 1, 512) || !Number.isInteger(c.hidden)) throw new ConfigError(`The LSTM needs 1 to 512 units (got ${c.hidden}).`);
  if (!ok(c.embed, 0, 256) || !Number.isInteger(c.embed)) throw new ConfigError(`The embedding width must be 0 (one-hot) to 256 (got ${c.embed}).`);
  if (!ok(c.window, 2, 200) || !Number.isInteger(c.window)) throw new ConfigError(`A training window holds 2 to 200 characters (got ${c.window}).`);
  if (!ok(c.batch, 1, 512) || !Number.isInteger(c.batch)) throw new ConfigError(`A batch holds 1 to 512 windows (got ${c.batch}).`);
  if (!ok(c.learningRate, 1e-6, 1)) throw new ConfigError(`The learning rate must lie in [1e-6, 1] (got ${c.learningRate}).`);
  if (!ok(c.clip, 0, 1e6)) throw new ConfigError(`The clipping norm must be 0 (off) or positive (got ${c.clip}).`);
}

/**
 * The names as one stream "\nanna\nbob\n…" (lower case), 90% of the names for training and
 * 10% held out; an LSTM (hand-written backward pass on cpu and wasm, autodiff elsewhere)
 * predicts every next character of random training windows, Adam with clipping.
 */
export const charLmSpec: ModelSpec<CharLmConfig, CharLmView, CharLmRequest, CharLmAnswer> = {
  kind: 'char-lm',
  probeConfig: { dataUrl: '', hidden: 64, embed: 0, window: 16, batch: 16, learningRate: 0.01, clip: 5 },
  async prepare(config) {
    if (config.dataUrl) await namesStore.load(config.dataUrl);
    else namesStore.get();
  },
  create(config, seed): Model<CharLmConfig, CharLmView, CharLmRequest, CharLmAnswer> {
    validate(config);
    let cfg = config;
    const corpus: CharCorpus = buildCharCorpus(namesStore.get(), seed);
    const vocabSize = corpus.vocab.tokens.length;
    // The hand-written backward pass reads tensors back synchronously: cpu and wasm only (dataSync kills webgpu).
    const fast = tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm';
    const model = new CharLstm({ vocabSize, embedDim: cfg.embed, hidden: cfg.hidden, seed, path: fast ? 'fast' : 'autodiff' });
    const trainer = new CharLstmTrainer(model, { ...DEFAULT_OPTIMIZER, kind: 'adam' }, cfg.learningRate, cfg.clip > 0 ? cfg.clip : Infinity);
    const rng = createRng(seed * 7919 + 1);
    const unigram = unigramLoss(corpus);
    const heldOut = corpus.heldOutWindows(cfg.window, EVAL_WINDOWS);
    let steps = 0;
    let nextEval = 0;
    let lastHeldOut: number | null = null;

    const batch = () => {
      const { inputs, targets } = corpus.trainBatch(cfg.batch, cfg.window, rng);
      return { x: tf.tensor2d(inputs, [cfg.batch, cfg.window], 'int32'), y: tf.tensor2d(targets, [cfg.batch, cfg.window], 'int32') };
    };
    let held = { x: tf.tensor2d(heldOut.inputs, [heldOut.windows, cfg.window], 'int32'), y: tf.tensor2d(heldOut.targets, [heldOut.windows, cfg.window], 'int32') };

    return {
      step: () => {
        const { x, y } = batch();
        const loss = trainer.step(x as tf.Tensor2D, y as tf.Tensor2D);
        x.dispose();
        y.dispose();
        steps += 1;
        return loss;
      },
      configure: (c) => {
        validate(c);
        if (c.window !== cfg.window) {
          const w = corpus.heldOutWindows(c.window, EVAL_WINDOWS);
          tf.dispose([held.x, held.y]);
          held = { x: tf.tensor2d(w.inputs, [w.windows, c.window], 'int32'), y: tf.tensor2d(w.targets, [w.windows, c.window], 'int32') };
          nextEval = steps;
        }
        cfg = c;
        trainer.learningRate = c.learningRate;
        trainer.clipNorm = c.clip > 0 ? c.clip : Infinity;
      },
      view: async () => {
        const view: CharLmView = { tokens: corpus.vocab.tokens, unigram, uniform: Math.log(vocabSize), heldOut: lastHeldOut };
        if (steps < nextEval) return view;
        const l = tf.tidy(() => model.loss(held.x as tf.Tensor2D, held.y as tf.Tensor2D));
        const value = (await l.data())[0];
        l.dispose();
        // A point every ~5% of the run so far (at least every 10 steps, at most every 100): the curve keeps its shape at bounded cost.
        nextEval = steps + Math.min(100, Math.max(10, Math.floor(steps / 20)));
        lastHeldOut = value;
        return { ...view, heldOut: value, series: { 'held-out loss': value } };
      },
      answer: async (q) => {
        const count = Math.max(1, Math.min(50, Math.floor(q.count)));
        const keep = [...q.prompt.toLowerCase()].filter((ch) => corpus.vocab.index.has(ch) && ch !== '\n');
        const dropped = [...new Set([...q.prompt.toLowerCase()].filter((ch) => !corpus.vocab.index.has(ch) || ch === '\n'))];
        const opts = { temperature: q.temperature, topK: q.topK && q.topK > 0 ? q.topK : undefined };
        const draw = createRng(q.seed ?? 1);
        const boundary = corpus.boundaryId;
        const prefix = [boundary, ...keep.map((ch) => corpus.vocab.index.get(ch)!)];
        const names: string[] = [];
        let next: number[] = [];
        for (let n = 0; n < count; n++) {
          const ids = await sampleAsync(model, prefix, MAX_NAME - keep.length, boundary, (logits, first) => {
            const p = nextTokenDistribution(logits, opts);
            if (first && n === 0) next = Array.from(p);
            return sampleFrom(p, draw);
          });
          names.push(keep.join('') + ids.filter((id) => id !== boundary).map((id) => corpus.vocab.tokens[id]).join(''));
        }
        return { names, next: { tokens: corpus.vocab.tokens, probs: next }, dropped, step: steps };
      },
      variables: () => [...model.variables(), ...trainer.optimizer.variables()],
      dispose: () => {
        tf.dispose([held.x, held.y]);
        trainer.dispose();
        model.dispose();
      },
    };
  },
};

/**
 * Feeds `prefix` one character at a time, then draws up to maxNew characters with `choose`
 * (given the logits and whether this is the first draw), stopping after `stopId`. Reads with
 * await data(), never dataSync, so it works on every backend and leaves no tensor behind.
 */
async function sampleAsync(model: CharLstm, prefix: number[], maxNew: number, stopId: number, choose: (logits: Float32Array, first: boolean) => number): Promise<number[]> {
  let states = model.cells.map((c) => c.zeroState(1));
  const feed = async (id: number): Promise<Float32Array> => {
    const kept = tf.tidy(() => {
      const out = model.stepOne(id, states);
      return [...out.states.flatMap((s) => [s.h, s.c!]), out.logits];
    });
    tf.dispose(states.flatMap((s) => [s.h, s.c!]));
    states = model.cells.map((_, l) => ({ h: kept[2 * l] as tf.Tensor2D, c: kept[2 * l + 1] as tf.Tensor2D }));
    const o = kept[kept.length - 1];
    const logits = (await o.data()) as Float32Array;
    o.dispose();
    return logits;
  };
  let logits: Float32Array = new Float32Array(0);
  for (const id of prefix) logits = await feed(id);
  const out: number[] = [];
  for (let k = 0; k < maxNew; k++) {
    const id = choose(logits, k === 0);
    out.push(id);
    if (id === stopId) break;
    logits = await feed(id);
  }
  tf.dispose(states.flatMap((s) => [s.h, s.c!]));
  return out;
}
