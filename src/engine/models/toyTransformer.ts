import * as tf from '@tensorflow/tfjs';
import { BOS, EOS, encodeBatch, makeToyData, type ToyBatch, type ToyData, type ToyTask } from '../data/toyTasks';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { Seq2seqTransformer, type Seq2seqBatch, type Seq2seqConfig, type Seq2seqMaps } from '../nn/seq2seq';
import { decodeSource, greedyBatch, teacherForcedBatch } from '../nn/seq2seqDecode';
import { TOY_DEFAULTS, TOY_TASK_DEFAULTS, toyParameterCount, type LayerMaps, type ToyAnswer, type ToyInspectAnswer, type ToyRequest, type ToyTransformerConfig, type ToyTransformerView } from './toyTransformerConfig';

export { TOY_DEFAULTS, TOY_TASK_DEFAULTS };

/** The engine's model config for a task and the widget's settings. */
export function toyModelConfig(task: ToyTask, c: ToyTransformerConfig): Seq2seqConfig {
  return {
    arch: c.arch, sourceVocab: task.tokens.length, targetVocab: task.tokens.length, sourceLength: task.sourceLength, targetLength: task.targetLength,
    dModel: c.dModel, heads: c.heads, layers: c.layers, dFF: 4 * c.dModel, activation: 'relu', norm: 'pre', positions: c.positions === 'learned' ? 'learned' : 'sinusoidal',
    learningRate: c.learningRate, warmup: c.warmup, clip: 1,
  };
}

export function toyBatchTensors(b: ToyBatch, task: ToyTask): Seq2seqBatch {
  return {
    source: tf.tensor2d(b.source, [b.size, task.sourceLength], 'int32'),
    decoderInput: tf.tensor2d(b.decoderInput, [b.size, task.targetLength], 'int32'),
    target: tf.tensor2d(b.target, [b.size, task.targetLength], 'int32'),
  };
}

/**
 * Held-out exact-sequence accuracy (every token and the end right) and per-token accuracy, free-running greedy.
 * Exact under free running is exact under teacher forcing: if the argmax is right at every position when the decoder
 * reads the true previous tokens, free running reads exactly those tokens (causal attention: position t sees only
 * 0..t) and makes the same choices; and a free run that is all right read the true tokens throughout. So one
 * teacher-forced pass scores every source, and only the sources it finds wrong are decoded token by token, for
 * their free-running per-token score: once the model is nearly right, a handful instead of 512
 * (tests/unit/seq2seqModels.test.ts checks it against decoding them all).
 */
export async function heldOutAccuracy(model: Seq2seqTransformer, data: ToyData): Promise<{ exact: number; token: number }> {
  const h = data.heldOut;
  const { sourceLength: ts, targetLength: tt } = data.task;
  const forced = await teacherForcedBatch(model, h.source, h.decoderInput, h.size);
  const rowRight = (ids: Int32Array, row: number, b: number) => {
    let n = 0;
    for (let t = 0; t < tt; t++) if (ids[row * tt + t] === h.target[b * tt + t]) n += 1;
    return n;
  };
  const wrong: number[] = [];
  for (let b = 0; b < h.size; b++) if (rowRight(forced, b, b) < tt) wrong.push(b);
  let right = (h.size - wrong.length) * tt;
  if (wrong.length) {
    const sources = new Int32Array(wrong.length * ts);
    wrong.forEach((b, k) => sources.set(h.source.subarray(b * ts, (b + 1) * ts), k * ts));
    const free = await greedyBatch(model, sources, wrong.length, BOS, tt);
    wrong.forEach((b, k) => (right += rowRight(free, k, b)));
  }
  return { exact: (h.size - wrong.length) / h.size, token: right / (h.size * tt) };
}

/**
 * Wall time between held-out evaluations: at least EVAL_MIN_INTERVAL_MS and four times the last one's cost, so
 * that evaluating takes at most a fifth of the time (at three times, reverse took 4.9-5.2 s to 99% in the page; at
 * four, 4.5-5.2 s, median 4.7 s). An evaluation is one teacher-forced pass over 512 sources and
 * a free run of the wrong ones: about 0.2 s on wasm while all are wrong, a few hundredths once nearly all are right,
 * when the curve then gets a point every 0.3 s (accuracy near 99% still wobbles from one step to the next).
 */
const EVAL_MIN_INTERVAL_MS = 300;
const EVAL_COST_FACTOR = 4;

function validate(c: ToyTransformerConfig): void {
  if (!(Number.isInteger(c.batch) && c.batch >= 1 && c.batch <= 512)) throw new ConfigError(`a batch holds 1 to 512 sequences (got ${c.batch})`);
}

async function mapsOf(model: Seq2seqTransformer, task: ToyTask, source: string): Promise<{ maps: Seq2seqMaps; arrays: Record<keyof Seq2seqMaps, LayerMaps[]>; teacher: Int32Array }> {
  const b = encodeBatch(task, [source]);
  const src = tf.tensor2d(b.source, [1, task.sourceLength], 'int32');
  const dec = tf.tensor2d(b.decoderInput, [1, task.targetLength], 'int32');
  const { logits, maps } = model.attentionMaps(src, dec);
  tf.dispose([src, dec]);
  const read = async (layers: tf.Tensor[]): Promise<LayerMaps[]> => Promise.all(layers.map(async (w) => {
    const [, h, tq, tk] = w.shape;
    const flat = (await w.data()) as Float32Array;
    return Array.from({ length: h }, (_, i) => Array.from(flat.subarray(i * tq * tk, (i + 1) * tq * tk)));
  }));
  const arrays = { encoderSelf: await read(maps.encoderSelf), decoderSelf: await read(maps.decoderSelf), cross: await read(maps.cross) };
  const am = tf.tidy(() => tf.cast(tf.argMax(logits, -1), 'int32'));
  const teacher = (await am.data()) as Int32Array;
  tf.dispose([logits, am, ...maps.encoderSelf, ...maps.decoderSelf, ...maps.cross]);
  return { maps, arrays, teacher };
}

/**
 * A tiny Transformer (encoder-decoder with cross-attention, or decoder-only) trained on a toy task
 * generated in the page, free-running greedy accuracy on 512 held-out sources never sampled in training.
 */
export const toyTransformerSpec: ModelSpec<ToyTransformerConfig, ToyTransformerView, ToyRequest, ToyAnswer> = {
  kind: 'toy-transformer',
  probeConfig: { ...TOY_DEFAULTS, batch: 32 },
  create(config, seed): Model<ToyTransformerConfig, ToyTransformerView, ToyRequest, ToyAnswer> {
    validate(config);
    let cfg = config;
    const data = makeToyData({ task: cfg.task, length: cfg.length, symbols: cfg.symbols }, seed);
    const task = data.task;
    const model = new Seq2seqTransformer(toyModelConfig(task, cfg), seed);
    const example = data.heldOut.sources[0];
    let steps = 0;
    let evalStep = -1;
    let lastEvalEnd = -Infinity;
    let evalCost = 0;
    let last: { exact: number; token: number } | null = null;

    const base = (): ToyTransformerView => ({
      tokens: task.tokens, sourceLength: task.sourceLength, targetLength: task.targetLength, heldOutSize: data.heldOut.size,
      parameters: toyParameterCount(cfg, task.tokens.length, task.sourceLength, task.targetLength),
      exact: last?.exact ?? null, token: last?.token ?? null, evalStep: Math.max(0, evalStep), example,
    });

    return {
      step: () => {
        const b = toyBatchTensors(data.trainBatch(cfg.batch), task);
        const loss = model.trainStep(b);
        tf.dispose([b.source, b.decoderInput, b.target]);
        steps += 1;
        return loss;
      },
      configure: (c) => {
        validate(c);
        cfg = c;
        model.setTraining({ learningRate: c.learningRate, warmup: c.warmup, clip: 1 });
      },
      view: async () => {
        const now = performance.now();
        if (steps === evalStep || (steps > 0 && now - lastEvalEnd < Math.max(EVAL_MIN_INTERVAL_MS, EVAL_COST_FACTOR * evalCost))) return base();
        last = await heldOutAccuracy(model, data);
        evalStep = steps;
        lastEvalEnd = performance.now();
        evalCost = lastEvalEnd - now;
        return { ...base(), series: { 'held-out exact-sequence accuracy': last.exact, 'held-out per-token accuracy': last.token } };
      },
      answer: async (q) => {
        const source = q.type === 'inspect' ? q.source : q.input;
        const problem = task.check(source);
        if (problem) throw new ConfigError(problem);
        if (q.type === 'decode') return decodeSource(model, task.encode(source), q, { bos: BOS, eos: EOS, tokens: task.tokens });
        const { arrays, teacher } = await mapsOf(model, task, source);
        const free = await greedyBatch(model, Int32Array.from(task.encode(source)), 1, BOS, task.targetLength);
        const upToEnd = (ids: Int32Array) => {
          const list = Array.from(ids);
          const end = list.indexOf(EOS);
          return task.decode(end < 0 ? list : list.slice(0, end));
        };
        const expected = task.solve(source);
        const answer: ToyInspectAnswer = {
          type: 'inspect', source, expected, freeRunning: upToEnd(free), teacherForced: upToEnd(teacher), step: steps,
          maps: {
            sourceTokens: [...source],
            decoderTokens: [task.tokens[BOS], ...expected],
            ...arrays,
          },
        };
        return answer;
      },
      variables: () => model.variables(),
      dispose: () => model.dispose(),
    };
  },
};
