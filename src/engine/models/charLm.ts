import * as tf from '@tensorflow/tfjs';
import { mobyDickChapters, mobyDickStore, type MobyDickData } from '../data/mobyDick';
import { namesStore } from '../data/names';
import { fitNgram, ngramWindowCrossEntropy } from '../math/ngram';
import { nextTokenDistribution, sampleFrom } from '../math/sampling';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { CharGru } from '../nn/charGru';
import { CharLstm, CharLstmTrainer } from '../nn/charLstm';
import { DEFAULT_OPTIMIZER } from '../nn/optimizers';
import { createRng } from '../rng';
import { buildCharCorpus, buildTextCorpus, type CharCorpus } from './charLmData';
import { sampleAsync } from './charLmSample';

/** The corpora: first names, the chapters of Moby-Dick, or a text the reader typed. */
export type CharCorpusName = 'names' | 'moby' | 'text';

/** A character-level language model (LSTM or GRU): the shape and the corpus are structural, the rest live. */
export interface CharLmConfig {
  /** URL of the packed corpus (names or Moby-Dick); '' when a test provided it with the store's provide. */
  dataUrl: string;
  /** Default 'names'. */
  corpus?: CharCorpusName;
  /** The reader's text, for corpus 'text'. */
  text?: string;
  /** The recurrent cell; default 'lstm'. */
  cell?: 'lstm' | 'gru';
  /** Recurrent width q. */
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
  /** tokens[i] is the character with id i (0 padding, 1 unknown, '\n' the boundary between names or paragraphs). */
  tokens: string[];
  /** Held-out cross-entropy (nats per character) of the add-one unigram model fitted to the training text. */
  unigram: number;
  /** The same for the add-k bigram and trigram models (k = NGRAM_K), on the same held-out windows as the network. */
  bigram: number;
  trigram: number;
  /** ln |𝒱|: the uniform model's cross-entropy; its perplexity is |𝒱|. */
  uniform: number;
  /** The latest held-out cross-entropy of the network, null before the first. */
  heldOut: number | null;
  /** Characters in the training and held-out streams. */
  trainChars: number;
  heldOutChars: number;
  /** A new curve point (absent between points): the held-out loss and its perplexity exp(loss). */
  series?: { 'held-out loss': number; 'held-out perplexity': number };
}

/** Sample `count` names (or passages) that start with `prompt`, at a temperature τ and top-k. */
export interface CharLmRequest {
  prompt: string;
  count: number;
  /** τ ≥ 0: 0 is greedy; above 1000 it is capped (the distribution is uniform to float precision). */
  temperature: number;
  /** Keep only the k likeliest characters; 0 or absent keeps all; above |𝒱| keeps all. */
  topK?: number;
  /** Seed of the draws, so that the same request gives the same names. */
  seed?: number;
}

/** The samples, and the next-character distribution after the prompt (the figure draws it). */
export interface CharLmAnswer {
  names: string[];
  /** The distribution the first character was drawn from (after τ and top-k), and the raw logits o behind it. */
  next: { tokens: string[]; probs: number[]; logits: number[] };
  /** Characters of the prompt the model has never seen (they were left out). */
  dropped: string[];
  /** The k used: the request's, clamped to [1, |𝒱|]; null when all characters are kept. */
  topK: number | null;
  step: number;
}

/** Longest name drawn: the longest real name has 15 characters. */
const MAX_NAME = 20;
/** Longest passage drawn from a prose corpus. */
const MAX_PASSAGE = 160;
/** Held-out windows evaluated at each curve point: a steady, bounded cost. */
const EVAL_WINDOWS = 256;
/** The n-grams' add-k smoothing count. */
export const NGRAM_K = 0.1;

function validate(c: CharLmConfig): void {
  const ok = (x: number, lo: number, hi: number) => Number.isFinite(x) && x >= lo && x <= hi;
  const name = (c.cell ?? 'lstm').toUpperCase();
  if (c.cell !== undefined && c.cell !== 'lstm' && c.cell !== 'gru') throw new ConfigError(`The cell is an LSTM or a GRU (got ${String(c.cell)}).`);
  if (!ok(c.hidden, 1, 512) || !Number.isInteger(c.hidden)) throw new ConfigError(`The ${name} needs 1 to 512 units (got ${c.hidden}).`);
  if (!ok(c.embed, 0, 256) || !Number.isInteger(c.embed)) throw new ConfigError(`The embedding width must be 0 (one-hot) to 256 (got ${c.embed}).`);
  if (!ok(c.window, 2, 200) || !Number.isInteger(c.window)) throw new ConfigError(`A training window holds 2 to 200 characters (got ${c.window}).`);
  if (!ok(c.batch, 1, 512) || !Number.isInteger(c.batch)) throw new ConfigError(`A batch holds 1 to 512 windows (got ${c.batch}).`);
  if (!ok(c.learningRate, 1e-6, 1)) throw new ConfigError(`The learning rate must lie in [1e-6, 1] (got ${c.learningRate}).`);
  if (!ok(c.clip, 0, 1e6)) throw new ConfigError(`The clipping norm must be 0 (off) or positive (got ${c.clip}).`);
}

/** One corpus per loaded Moby-Dick (building it reads 1.2 million characters). */
const mobyCorpora = new WeakMap<MobyDickData, CharCorpus>();

function corpusFor(c: CharLmConfig, seed: number): CharCorpus {
  const which = c.corpus ?? 'names';
  if (which === 'names') return buildCharCorpus(namesStore.get(), seed);
  if (which === 'moby') {
    const data = mobyDickStore.get();
    let corpus = mobyCorpora.get(data);
    if (!corpus) mobyCorpora.set(data, (corpus = buildTextCorpus(mobyDickChapters(data))));
    return corpus;
  }
  try {
    return buildTextCorpus(c.text ?? '');
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

/**
 * A character model on one stream "\nanna\nbob\n…" (names, split 90/10 by name) or paragraphs of
 * prose (the last tenth held out): an LSTM or GRU (hand-written backward pass on cpu and wasm,
 * autodiff elsewhere) predicts every next character of random training windows, Adam with clipping;
 * unigram, bigram and trigram counts are its baselines on the same held-out windows.
 */
export const charLmSpec: ModelSpec<CharLmConfig, CharLmView, CharLmRequest, CharLmAnswer> = {
  kind: 'char-lm',
  probeConfig: { dataUrl: '', hidden: 64, embed: 0, window: 16, batch: 16, learningRate: 0.01, clip: 5 },
  async prepare(config) {
    const store = config.corpus === 'moby' ? mobyDickStore : config.corpus === 'text' ? null : namesStore;
    if (!store) return;
    if (config.dataUrl) await store.load(config.dataUrl);
    else store.get();
  },
  create(config, seed): Model<CharLmConfig, CharLmView, CharLmRequest, CharLmAnswer> {
    validate(config);
    let cfg = config;
    const corpus = corpusFor(cfg, seed);
    const vocabSize = corpus.vocab.tokens.length;
    const prose = (cfg.corpus ?? 'names') !== 'names';
    // The hand-written backward pass reads tensors back synchronously: cpu and wasm only (dataSync kills webgpu).
    const path = tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm' ? 'fast' : 'autodiff';
    const shape = { vocabSize, embedDim: cfg.embed, hidden: cfg.hidden, seed, path } as const;
    const model = cfg.cell === 'gru' ? new CharGru(shape) : new CharLstm(shape);
    const trainer = new CharLstmTrainer<CharLstm | CharGru>(model, { ...DEFAULT_OPTIMIZER, kind: 'adam' }, cfg.learningRate, cfg.clip > 0 ? cfg.clip : Infinity);
    const rng = createRng(seed * 7919 + 1);
    const grams = [1, 2, 3].map((n) => fitNgram(corpus.train, vocabSize, n, n === 1 ? 1 : NGRAM_K, corpus.boundaryId));
    let steps = 0;
    let nextEval = 0;
    let lastHeldOut: number | null = null;

    const heldSet = (window: number) => {
      const w = corpus.heldOutWindows(window, EVAL_WINDOWS);
      const [unigram, bigram, trigram] = grams.map((g) => ngramWindowCrossEntropy(g, w.inputs, w.targets, window));
      return { x: tf.tensor2d(w.inputs, [w.windows, window], 'int32'), y: tf.tensor2d(w.targets, [w.windows, window], 'int32'), unigram, bigram, trigram };
    };
    let held = heldSet(cfg.window);

    return {
      step: () => {
        const { inputs, targets } = corpus.trainBatch(cfg.batch, cfg.window, rng);
        const x = tf.tensor2d(inputs, [cfg.batch, cfg.window], 'int32');
        const y = tf.tensor2d(targets, [cfg.batch, cfg.window], 'int32');
        const loss = trainer.step(x, y);
        tf.dispose([x, y]);
        steps += 1;
        return loss;
      },
      configure: (c) => {
        validate(c);
        if (c.window !== cfg.window) {
          tf.dispose([held.x, held.y]);
          held = heldSet(c.window);
          nextEval = steps;
        }
        cfg = c;
        trainer.learningRate = c.learningRate;
        trainer.clipNorm = c.clip > 0 ? c.clip : Infinity;
      },
      view: async () => {
        const view: CharLmView = {
          tokens: corpus.vocab.tokens, unigram: held.unigram, bigram: held.bigram, trigram: held.trigram, uniform: Math.log(vocabSize), heldOut: lastHeldOut,
          trainChars: corpus.train.length, heldOutChars: corpus.heldOut.length,
        };
        if (steps < nextEval) return view;
        const l = tf.tidy(() => model.loss(held.x, held.y));
        const value = (await l.data())[0];
        l.dispose();
        // A point every ~5% of the run so far (at least every 10 steps, at most every 100): the curve keeps its shape at bounded cost.
        nextEval = steps + Math.min(100, Math.max(10, Math.floor(steps / 20)));
        lastHeldOut = value;
        return { ...view, heldOut: value, series: { 'held-out loss': value, 'held-out perplexity': Math.exp(value) } };
      },
      answer: async (q) => {
        if (!(Number.isFinite(q.temperature) && q.temperature >= 0)) throw new Error(`The temperature τ must be a number ≥ 0 (got ${q.temperature}); 0 is greedy.`);
        if (q.topK !== undefined && !(Number.isFinite(q.topK) && q.topK >= 0)) throw new Error(`top-k must be 0 (keep all) or a whole number ≥ 1 (got ${q.topK}).`);
        const count = Math.max(1, Math.min(50, Math.floor(Number.isFinite(q.count) ? q.count : 1)));
        const chars = [...q.prompt.toLowerCase()];
        const known = (ch: string) => corpus.vocab.index.has(ch) && ch !== '\n' && corpus.vocab.index.get(ch)! > 1;
        const keep = chars.filter(known);
        const dropped = [...new Set(chars.filter((ch) => !known(ch)))];
        const topK = q.topK && q.topK >= 1 && Math.floor(q.topK) < vocabSize ? Math.floor(q.topK) : null;
        const opts = { temperature: q.temperature, topK: topK ?? undefined };
        const draw = createRng(q.seed ?? 1);
        const boundary = corpus.boundaryId;
        const prefix = [boundary, ...keep.map((ch) => corpus.vocab.index.get(ch)!)];
        const maxNew = Math.max(1, (prose ? MAX_PASSAGE : MAX_NAME) - keep.length);
        const names: string[] = [];
        let next: number[] = [];
        let logits: number[] = [];
        for (let n = 0; n < count; n++) {
          const ids = await sampleAsync(model, prefix, maxNew, boundary, (o, first) => {
            const p = nextTokenDistribution(o, opts);
            if (first && n === 0) (next = Array.from(p)), (logits = Array.from(o));
            return sampleFrom(p, draw);
          });
          names.push(keep.join('') + ids.filter((id) => id !== boundary && id > 1).map((id) => corpus.vocab.tokens[id]).join(''));
        }
        return { names, next: { tokens: corpus.vocab.tokens, probs: next, logits }, dropped, topK, step: steps };
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
