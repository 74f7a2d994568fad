import * as tf from '@tensorflow/tfjs';
import { cmudictStore, stripStress, type CmudictData } from '../data/cmudict';
import { tokenErrorRate } from '../math/bleu';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { Seq2seqTransformer, type Seq2seqConfig } from '../nn/seq2seq';
import { decodeSource, greedyBatch } from '../nn/seq2seqDecode';
import { createRng, permutation } from '../rng';
import { checkWord, PRONOUNCER_DEFAULTS, PRONOUNCER_LETTERS, PRONOUNCER_MAX_LETTERS, type AlignAnswer, type PronouncerAnswer, type PronouncerConfig, type PronouncerRequest, type PronouncerView } from './pronouncerConfig';

const SPECIALS = ['·', '^', '$'];
const BOS = 1;
const EOS = 2;
/** Share of the words held out. */
export const PRONOUNCER_HELD_OUT_SHARE = 0.1;
/** Held-out words decoded at each evaluation. */
export const PRONOUNCER_SCORED = 256;
const EVAL_INTERVAL_MS = 1500;

/** The dictionary as ids: letters and stress-free phonemes, split by word into training and held out. */
export interface PronouncerData {
  sourceTokens: string[];
  targetTokens: string[];
  letterId: Map<string, number>;
  phoneId: Map<string, number>;
  sourceLength: number;
  targetLength: number;
  train: { word: string; phones: string[] }[];
  heldOut: { word: string; phones: string[] }[];
  dictionary: Map<string, { phones: string[]; heldOut: boolean }>;
}

export function pronouncerData(dict: CmudictData, seed: number): PronouncerData {
  const entries = dict.entries.map((e) => ({ word: e.word, phones: e.phones.map(stripStress) }));
  const phonemes = [...new Set(entries.flatMap((e) => e.phones))].sort();
  const order = permutation(entries.length, createRng(seed * 7919 + 3));
  const nHeld = Math.round(entries.length * PRONOUNCER_HELD_OUT_SHARE);
  const heldOut = Array.from(order.subarray(0, nHeld), (i) => entries[i]);
  const train = Array.from(order.subarray(nHeld), (i) => entries[i]);
  const dictionary = new Map<string, { phones: string[]; heldOut: boolean }>();
  train.forEach((e) => dictionary.set(e.word, { phones: e.phones, heldOut: false }));
  heldOut.forEach((e) => dictionary.set(e.word, { phones: e.phones, heldOut: true }));
  return {
    sourceTokens: [...SPECIALS, ...PRONOUNCER_LETTERS],
    targetTokens: [...SPECIALS, ...phonemes],
    letterId: new Map([...PRONOUNCER_LETTERS].map((c, i) => [c, i + SPECIALS.length])),
    phoneId: new Map(phonemes.map((p, i) => [p, i + SPECIALS.length])),
    sourceLength: PRONOUNCER_MAX_LETTERS,
    targetLength: Math.max(...entries.map((e) => e.phones.length)) + 1,
    train,
    heldOut,
    dictionary,
  };
}

/** Padded arrays: letters [B, T_s], decoder input BOS + phones [B, T_t], targets phones + EOS [B, T_t]. */
export function pronouncerBatch(d: PronouncerData, items: { word: string; phones: string[] }[]) {
  const n = items.length;
  const source = new Int32Array(n * d.sourceLength);
  const decoderInput = new Int32Array(n * d.targetLength);
  const target = new Int32Array(n * d.targetLength);
  items.forEach((e, b) => {
    [...e.word].forEach((c, i) => (source[b * d.sourceLength + i] = d.letterId.get(c)!));
    decoderInput[b * d.targetLength] = BOS;
    e.phones.forEach((p, i) => {
      const id = d.phoneId.get(p)!;
      target[b * d.targetLength + i] = id;
      if (i + 1 < d.targetLength) decoderInput[b * d.targetLength + i + 1] = id;
    });
    target[b * d.targetLength + e.phones.length] = EOS;
  });
  return { n, source, decoderInput, target };
}

export function pronouncerModelConfig(d: PronouncerData, c: PronouncerConfig): Seq2seqConfig {
  return {
    arch: 'encoder-decoder', sourceVocab: d.sourceTokens.length, targetVocab: d.targetTokens.length, sourceLength: d.sourceLength, targetLength: d.targetLength,
    dModel: c.dModel, heads: c.heads, layers: c.layers, dFF: 4 * c.dModel, activation: 'relu', norm: 'pre', positions: 'learned',
    learningRate: c.learningRate, warmup: c.warmup, clip: 1,
  };
}

/** Held-out phoneme error rate (edit distance / reference phonemes) and exact-word accuracy, greedy decoding. */
export async function pronouncerScore(model: Seq2seqTransformer, d: PronouncerData, words: { word: string; phones: string[] }[]): Promise<{ per: number; exact: number }> {
  const b = pronouncerBatch(d, words);
  const out = await greedyBatch(model, b.source, b.n, BOS, d.targetLength);
  const outputs = words.map((_, i) => phonesOf(d, out.subarray(i * d.targetLength, (i + 1) * d.targetLength)));
  const refs = words.map((w) => w.phones);
  const exact = outputs.filter((o, i) => o.join(' ') === refs[i].join(' ')).length / words.length;
  return { per: tokenErrorRate(outputs, refs), exact };
}

function phonesOf(d: PronouncerData, ids: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length && ids[i] !== EOS; i++) if (ids[i] > EOS) out.push(d.targetTokens[ids[i]]);
  return out;
}

function validate(c: PronouncerConfig): void {
  if (!(Number.isInteger(c.batch) && c.batch >= 1 && c.batch <= 512)) throw new ConfigError(`a batch holds 1 to 512 words (got ${c.batch})`);
}

/**
 * Word to pronunciation: an encoder-decoder Transformer with cross-attention trained on the CMU
 * Pronouncing Dictionary (letters in, ARPABET phonemes without stress out), 10% of the words held out.
 */
export const pronouncerSpec: ModelSpec<PronouncerConfig, PronouncerView, PronouncerRequest, PronouncerAnswer> = {
  kind: 'pronouncer',
  probeConfig: { dataUrl: '', ...PRONOUNCER_DEFAULTS, batch: 32 },
  async prepare(config) {
    if (config.dataUrl) await cmudictStore.load(config.dataUrl);
    else cmudictStore.get();
  },
  create(config, seed): Model<PronouncerConfig, PronouncerView, PronouncerRequest, PronouncerAnswer> {
    validate(config);
    let cfg = config;
    const d = pronouncerData(cmudictStore.get(), seed);
    const model = new Seq2seqTransformer(pronouncerModelConfig(d, cfg), seed);
    const rng = createRng(seed * 31 + 5);
    const scored = d.heldOut.slice(0, PRONOUNCER_SCORED);
    let steps = 0;
    let evalStep = -1;
    let lastEvalEnd = -Infinity;
    let last: { per: number; exact: number } | null = null;
    const base = (): PronouncerView => ({
      trainWords: d.train.length, heldOutWords: d.heldOut.length, scoredWords: scored.length, phonemes: d.targetTokens.slice(SPECIALS.length),
      parameters: model.parameterCount(), per: last?.per ?? null, exact: last?.exact ?? null, evalStep: Math.max(0, evalStep),
    });
    const encodeWord = (w: string) => [...w].map((c) => d.letterId.get(c)!);
    const tokens = { bos: BOS, eos: EOS, tokens: d.targetTokens, separator: ' ' };

    return {
      step: () => {
        const items = Array.from({ length: cfg.batch }, () => d.train[rng.int(d.train.length)]);
        const b = pronouncerBatch(d, items);
        const t = {
          source: tf.tensor2d(b.source, [b.n, d.sourceLength], 'int32'),
          decoderInput: tf.tensor2d(b.decoderInput, [b.n, d.targetLength], 'int32'),
          target: tf.tensor2d(b.target, [b.n, d.targetLength], 'int32'),
        };
        const loss = model.trainStep(t);
        tf.dispose([t.source, t.decoderInput, t.target]);
        steps += 1;
        return loss;
      },
      configure: (c) => {
        validate(c);
        cfg = c;
        model.setTraining({ learningRate: c.learningRate, warmup: c.warmup, clip: 1 });
      },
      view: async () => {
        if (steps === evalStep || (steps > 0 && performance.now() - lastEvalEnd < EVAL_INTERVAL_MS)) return base();
        last = await pronouncerScore(model, d, scored);
        evalStep = steps;
        lastEvalEnd = performance.now();
        return { ...base(), series: { 'held-out phoneme error rate': last.per, 'held-out exact-word accuracy': last.exact } };
      },
      answer: async (q) => {
        const raw = q.type === 'align' ? q.word : q.input;
        const problem = checkWord(raw);
        if (problem) throw new ConfigError(problem);
        const word = raw.trim().toUpperCase();
        const src = encodeWord(word);
        if (q.type === 'decode') return decodeSource(model, src, q, tokens);
        const g = await decodeSource(model, src, { type: 'decode', input: word, method: 'greedy', maxLength: d.targetLength }, tokens);
        const bm = await decodeSource(model, src, { type: 'decode', input: word, method: 'beam', beamWidth: q.beamWidth, maxLength: d.targetLength }, tokens);
        const greedyIds = g.steps.map((s) => d.targetTokens.indexOf(s.token));
        const decIn = [BOS, ...greedyIds.slice(0, -1)].slice(0, d.targetLength);
        const srcT = tf.tensor2d([src], [1, src.length], 'int32');
        const decT = tf.tensor2d([decIn], [1, decIn.length], 'int32');
        const { maps, logits } = model.attentionMaps(srcT, decT);
        tf.dispose([srcT, decT]);
        const cross = maps.cross[maps.cross.length - 1];
        const [, h, tq, tk] = cross.shape;
        const flat = (await cross.data()) as Float32Array;
        tf.dispose([logits, ...maps.encoderSelf, ...maps.decoderSelf, ...maps.cross]);
        const heads = Array.from({ length: h }, (_, i) => Array.from(flat.subarray(i * tq * tk, (i + 1) * tq * tk)));
        const alignment = heads[0].map((_, j) => heads.reduce((s, row) => s + row[j], 0) / h);
        const entry = d.dictionary.get(word);
        const answer: AlignAnswer = {
          type: 'align', word, letters: [...word], greedy: g.steps.map((s) => s.token), beam: bm.output.split(' ').filter(Boolean),
          beamLogProb: bm.logProb, greedyLogProb: g.logProb, dictionary: entry?.phones ?? null, heldOut: entry?.heldOut ?? false,
          alignment, heads, step: steps, message: bm.message,
        };
        return answer;
      },
      variables: () => model.variables(),
      dispose: () => model.dispose(),
    };
  },
};
