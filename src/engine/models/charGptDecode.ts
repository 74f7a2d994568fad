import * as tf from '@tensorflow/tfjs';
import type { DecodeAnswer, DecodeRequest, DecodeStep } from '../decodeRequest';
import { beamSearch, clampBeamWidth, logSoftmax } from '../math/beamSearch';
import { greedy, MIN_TEMPERATURE, nextTokenDistribution, sampleFrom, softmaxWithTemperature } from '../math/sampling';
import type { TransformerLm } from '../nn/transformerLm';
import { createRng } from '../rng';
import type { Vocabulary } from '../text';

/** Characters generated at most by greedy decoding and sampling. */
export const MAX_GENERATE = 400;
/** Characters generated at most by a beam search (each step scores width × |V| candidates). */
export const MAX_BEAM_LENGTH = 80;
/** Alternatives reported per generated position. */
const TOP = 5;

/** What the decoder needs to know about the corpus: its vocabulary, the boundary character, and whether it ends a text (names) or not (a book). */
export interface DecodeCorpus {
  vocab: Vocabulary;
  boundaryId: number;
  /** Lower-case the prompt (the names are lower case). */
  lowercase: boolean;
  /** The boundary ends the output (a name is done); otherwise it is an ordinary character (a line break). */
  boundaryEnds: boolean;
}

/** The prompt as ids, and what was changed to make it readable by the model. */
export function promptIds(input: string, corpus: DecodeCorpus, context: number): { ids: number[]; notes: string[] } {
  const notes: string[] = [];
  const text = corpus.lowercase ? input.toLowerCase() : input;
  const chars = Array.from(text);
  const unknown = [...new Set(chars.filter((ch) => !corpus.vocab.index.has(ch) || corpus.vocab.index.get(ch)! < 2))];
  if (unknown.length) notes.push(`left out ${unknown.length === 1 ? 'a character' : `${unknown.length} characters`} the model never saw: ${unknown.map((c) => JSON.stringify(c)).join(' ')}`);
  let ids = chars.filter((ch) => !unknown.includes(ch)).map((ch) => corpus.vocab.index.get(ch)!);
  // A name starts after the boundary; a book prompt that is empty starts after a line break.
  if (corpus.boundaryEnds) ids = [corpus.boundaryId, ...ids.filter((id) => id !== corpus.boundaryId)];
  else if (ids.length === 0) {
    ids = [corpus.boundaryId];
    notes.push('the prompt is empty: the model starts after a line break');
  }
  if (ids.length > context) {
    notes.push(`the prompt has ${ids.length} characters, more than the context of ${context}: the model reads its last ${context}`);
    ids = ids.slice(ids.length - context);
  }
  return { ids, notes };
}

/** Next-token logits of each prefix (prompt + generated), each cut to its last `context` ids; all rows the same length. */
async function nextLogits(lm: TransformerLm, prefixes: number[][]): Promise<Float32Array[]> {
  const context = lm.config.context;
  const rows = prefixes.map((p) => p.slice(Math.max(0, p.length - context)));
  const t = rows[0].length;
  const v = lm.config.vocabSize;
  const z = tf.tidy(() => lm.nextTokenLogits(tf.tensor2d(rows.flat(), [rows.length, t], 'int32')));
  const flat = (await z.data()) as Float32Array;
  z.dispose();
  return rows.map((_, i) => flat.slice(i * v, (i + 1) * v));
}

function topOf(p: ArrayLike<number>, tokens: string[]): { token: string; p: number }[] {
  return Array.from(p, (x, i) => ({ i, x }))
    .sort((a, b) => b.x - a.x || a.i - b.i)
    .slice(0, TOP)
    .filter((e) => e.x > 0)
    .map((e) => ({ token: tokens[e.i], p: e.x }));
}

/**
 * Answers a DecodeRequest on a character Transformer: the prompt (cleaned, cut to the context), then
 * greedy decoding, a beam search (beamSearch.ts) or sampling (sampling.ts) for up to maxLength characters;
 * each step reports the chosen character's probability and the likeliest alternatives.
 */
export async function decodeCharGpt(lm: TransformerLm, corpus: DecodeCorpus, q: DecodeRequest): Promise<DecodeAnswer> {
  const tokens = corpus.vocab.tokens;
  const v = tokens.length;
  const { ids: prompt, notes } = promptIds(q.input ?? '', corpus, lm.config.context);
  const cap = q.method === 'beam' ? MAX_BEAM_LENGTH : MAX_GENERATE;
  let maxLength = Math.round(Number(q.maxLength));
  if (!Number.isFinite(maxLength) || maxLength < 1) {
    notes.push(`a length of ${q.maxLength} generates nothing: using 1`);
    maxLength = 1;
  } else if (maxLength > cap) {
    notes.push(`${maxLength} characters is more than ${cap} for this method: using ${cap}`);
    maxLength = cap;
  }
  const eos = corpus.boundaryEnds ? corpus.boundaryId : -1;
  const text = (ids: number[]) => ids.filter((id) => id !== eos).map((id) => tokens[id]).join('');
  const message = () => (notes.length ? notes.join('; ') + '.' : undefined);

  if (q.method === 'beam') {
    const { width, message: clamp } = clampBeamWidth(Number(q.beamWidth ?? 4), v);
    if (clamp) notes.push(clamp);
    const seen = new Map<string, Float64Array>();
    const result = await beamSearch(async (prefixes) => {
      const rows = (await nextLogits(lm, prefixes.map((p) => [...prompt, ...p]))).map(logSoftmax);
      prefixes.forEach((p, i) => seen.set(p.join(','), rows[i]));
      return rows;
    }, { width, maxLength, eos });
    const best = result.beams[0];
    const steps: DecodeStep[] = best.tokens.map((tok, k) => {
      const row = seen.get(best.tokens.slice(0, k).join(','))!;
      const p = Array.from(row, Math.exp);
      return { token: tokens[tok], p: p[tok], top: topOf(p, tokens) };
    });
    return {
      type: 'decode', output: text(best.tokens), steps, logProb: best.logProb,
      beams: result.beams.map((b) => ({ text: text(b.tokens), logProb: b.logProb, finished: b.finished })),
      tree: result.tree.map((n) => ({ id: n.id, parent: n.parent, token: tokens[n.token], step: n.step, logProb: n.logProb, kept: n.kept, finished: n.finished })),
      message: message(),
    };
  }

  let options: { temperature: number; topK?: number; topP?: number } = { temperature: 1 };
  if (q.method === 'sample') {
    let temperature = Number(q.temperature ?? 1);
    if (!Number.isFinite(temperature) || temperature < 0) {
      notes.push(`a temperature of ${q.temperature} is not ≥ 0: using 1`);
      temperature = 1;
    } else if (temperature < MIN_TEMPERATURE) notes.push('a temperature of 0 always takes the likeliest character (greedy)');
    options = { temperature };
    if (q.topK !== undefined && Number.isFinite(q.topK) && q.topK > 0) {
      const k = Math.min(v, Math.floor(q.topK));
      if (k < q.topK) notes.push(`top-k of ${q.topK}: using ${k} (|V| = ${v})`);
      options.topK = Math.max(1, k);
    }
    if (q.topP !== undefined && Number.isFinite(q.topP)) {
      if (q.topP <= 0) notes.push(`top-p of ${q.topP} keeps only the likeliest character`);
      if (q.topP < 1) options.topP = Math.max(0, q.topP);
    }
  }
  const rng = createRng(Math.floor(Number(q.seed ?? 1)) || 1);
  const out: number[] = [];
  const steps: DecodeStep[] = [];
  let logProb = 0;
  for (let k = 0; k < maxLength; k++) {
    const [logits] = await nextLogits(lm, [[...prompt, ...out]]);
    const model = softmaxWithTemperature(logits, 1);
    let id: number;
    let shown: ArrayLike<number>;
    if (q.method === 'greedy') {
      id = greedy(logits);
      shown = model;
    } else {
      shown = nextTokenDistribution(logits, options);
      id = sampleFrom(shown, rng);
    }
    logProb += Math.log(model[id]);
    steps.push({ token: tokens[id], p: shown[id], top: topOf(shown, tokens) });
    out.push(id);
    if (id === eos) break;
  }
  return { type: 'decode', output: text(out), steps, logProb, message: message() };
}
