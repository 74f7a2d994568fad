import * as tf from '@tensorflow/tfjs';
import type { DecodeAnswer, DecodeRequest, DecodeStep } from '../decodeRequest';
import { beamSearch, clampBeamWidth, logSoftmax } from '../math/beamSearch';
import { greedy, nextTokenDistribution, sampleFrom } from '../math/sampling';
import { createRng } from '../rng';
import type { Seq2seqTransformer } from './seq2seq';

/** Start and end ids of the decoder's vocabulary (padding is 0). */
export interface DecodeTokens {
  bos: number;
  eos: number;
  /** tokens[id] is what id prints as. */
  tokens: string[];
  /** Between tokens in the output text ('' for characters, ' ' for phonemes). */
  separator?: string;
}

/**
 * Free-running greedy decoding of a whole batch at once, on the device: at each step the decoder reads
 * its own previous choices, and the argmax is appended. source: [B, T_s] ids. Returns [B, steps] ids
 * (after the start token), read back once.
 */
export async function greedyBatch(model: Seq2seqTransformer, source: Int32Array, batch: number, bos: number, steps: number): Promise<Int32Array> {
  const ts = source.length / batch;
  const out = tf.tidy(() => {
    const src = tf.tensor2d(source, [batch, ts], 'int32');
    const state = model.startDecoding(src);
    if (state) {
      // the KV cache: one decoder position per token (every tensor here is freed by the tidy)
      let token: tf.Tensor = tf.fill([batch], bos, 'int32');
      const chosen: tf.Tensor[] = [];
      for (let t = 0; t < steps; t++) {
        token = tf.cast(tf.argMax(model.nextLogits(state, token), -1), 'int32');
        chosen.push(token);
      }
      return tf.stack(chosen, 1);
    }
    let dec: tf.Tensor2D = tf.fill([batch, 1], bos, 'int32') as tf.Tensor2D;
    for (let t = 0; t < steps; t++) {
      const next = tf.reshape(tf.cast(tf.argMax(model.lastLogits(src, dec), -1), 'int32'), [batch, 1]);
      dec = tf.concat([dec, next], 1) as tf.Tensor2D;
    }
    return tf.slice(dec, [0, 1], [batch, steps]);
  });
  const ids = (await out.data()) as Int32Array;
  out.dispose();
  return ids;
}

/** Teacher forcing: the argmax at every position when the decoder reads the true previous tokens. [B, T_t] ids. */
export async function teacherForcedBatch(model: Seq2seqTransformer, source: Int32Array, decoderInput: Int32Array, batch: number): Promise<Int32Array> {
  const out = tf.tidy(() => {
    const z = model.logits(tf.tensor2d(source, [batch, source.length / batch], 'int32'), tf.tensor2d(decoderInput, [batch, decoderInput.length / batch], 'int32'));
    return tf.cast(tf.argMax(z, -1), 'int32');
  });
  const ids = (await out.data()) as Int32Array;
  out.dispose();
  return ids;
}

/** Log-probabilities of the next token after each prefix (all of one length), for one source. */
async function nextLogProbs(model: Seq2seqTransformer, source: number[], bos: number, prefixes: number[][]): Promise<Float64Array[]> {
  const n = prefixes.length;
  const z = tf.tidy(() => {
    const src = tf.tensor2d(Array(n).fill(source).flat(), [n, source.length], 'int32');
    const dec = tf.tensor2d(prefixes.map((p) => [bos, ...p]).flat(), [n, prefixes[0].length + 1], 'int32');
    return model.lastLogits(src, dec);
  });
  const flat = (await z.data()) as Float32Array;
  const v = z.shape[1];
  z.dispose();
  return Array.from({ length: n }, (_, i) => logSoftmax(flat.subarray(i * v, (i + 1) * v)));
}

const TOP = 5;

function stepOf(tokens: string[], choice: number, probs: ArrayLike<number>): DecodeStep {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
  return { token: tokens[choice], p: probs[choice], top: order.slice(0, TOP).map((i) => ({ token: tokens[i], p: probs[i] })) };
}

const text = (t: DecodeTokens, ids: number[]) => ids.filter((id) => id !== t.eos && id !== 0 && id !== t.bos).map((id) => t.tokens[id]).join(t.separator ?? '');

/**
 * Answers a DecodeRequest for one source (already encoded, no specials): greedy, beam search (beamSearch.ts,
 * width clamped) or sampling (sampling.ts). Stops at the end token or after maxLength tokens, itself
 * clamped to the decoder's context. `message` says what was clamped.
 */
export async function decodeSource(model: Seq2seqTransformer, source: number[], request: DecodeRequest, t: DecodeTokens, message?: string): Promise<DecodeAnswer> {
  const notes: string[] = message ? [message] : [];
  const room = model.config.targetLength - 1;
  let maxLength = Math.round(Number.isFinite(request.maxLength) ? request.maxLength : room + 1);
  if (maxLength > room + 1 || maxLength < 1) {
    notes.push(`the decoder's context holds ${room + 1} tokens; generating at most ${room + 1}`);
    maxLength = Math.max(1, Math.min(room + 1, maxLength));
  }
  // The decoder reads at most targetLength tokens: start + maxLength − 1 generated ones.
  const vocab = model.config.targetVocab;
  const msg = () => (notes.length ? notes.join('; ') : undefined);

  if (request.method === 'beam') {
    const w = clampBeamWidth(request.beamWidth ?? 4, vocab);
    if (w.message) notes.push(w.message);
    const r = await beamSearch((prefixes) => nextLogProbs(model, source, t.bos, prefixes), { width: w.width, maxLength, eos: t.eos });
    const best = r.beams[0];
    const steps: DecodeStep[] = [];
    // Per-step probabilities of the best beam, from the tree (each node's log-probability minus its parent's).
    const byId = new Map(r.tree.map((n) => [n.id, n]));
    const path = r.tree.filter((n) => n.kept);
    let parent = -1;
    best.tokens.forEach((tok, i) => {
      const node = path.find((n) => n.parent === parent && n.token === tok && n.step === i);
      const before = parent === -1 ? 0 : byId.get(parent)!.logProb;
      const p = node ? Math.exp(node.logProb - before) : NaN;
      const siblings = r.tree.filter((n) => n.parent === parent && n.step === i).map((n) => ({ token: t.tokens[n.token], p: Math.exp(n.logProb - before) }));
      steps.push({ token: t.tokens[tok], p, top: siblings.slice(0, TOP) });
      parent = node ? node.id : parent;
    });
    return {
      type: 'decode', output: text(t, best.tokens), steps, logProb: best.logProb,
      beams: r.beams.map((b) => ({ text: text(t, b.tokens), logProb: b.logProb, finished: b.finished })),
      tree: r.tree.map((n) => ({ ...n, token: t.tokens[n.token] })),
      message: msg(),
    };
  }

  const rng = createRng(request.seed ?? 1);
  const prefix: number[] = [];
  const steps: DecodeStep[] = [];
  let logProb = 0;
  for (let k = 0; k < maxLength; k++) {
    const [lp] = await nextLogProbs(model, source, t.bos, [prefix]);
    let choice: number;
    let shown: ArrayLike<number>;
    if (request.method === 'sample') {
      const p = nextTokenDistribution(lp, { temperature: request.temperature ?? 1, topK: request.topK, topP: request.topP });
      choice = sampleFrom(p, rng);
      shown = p;
    } else {
      choice = greedy(lp);
      shown = lp.map(Math.exp);
    }
    logProb += lp[choice];
    steps.push(stepOf(t.tokens, choice, shown));
    prefix.push(choice);
    if (choice === t.eos) break;
  }
  return { type: 'decode', output: text(t, prefix), steps, logProb, message: msg() };
}
