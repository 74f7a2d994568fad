/**
 * Chapter 10's character GPT in Node (bundled and run by bench/charGpt.mjs), at the widget's defaults on
 * Moby-Dick (2 blocks, d_model 64, 4 heads, d_FF 256, context 64, batch 16):
 *   - tokens/s of the engine's TransformerLm.trainStep (bare loop, a loss read every 4 steps) against the
 *     straightforward tfjs version of the same model and weights (bench/naiveTransformer.ts);
 *   - the widget's loop (Trainer steps of the char-gpt kind plus a view every 50 ms, or 4x the last view's cost if
 *     more, as the host sends them at any speed below max)
 *     against the bare loop: ratio bare / widget, target ≤ 1.10;
 *   - with `curve`, the held-out loss of the GPT and the LSTM against each one's own seconds (the figure).
 *   node bench/charGpt.mjs [rounds=3] [windowSeconds=4] [backends=wasm,cpu] [curveSeconds=0]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { mobyDickStore, parseMobyDick } from '../src/engine/data/mobyDick';
import { namesStore, parseNames } from '../src/engine/data/names';
import { charGptSpec, gptShape, type CharGptAnswer, type CharGptConfig, type CharGptRequest, type CharGptView } from '../src/engine/models/charGpt';
import { buildMobyCorpus } from '../src/engine/models/charGptData';
import { TransformerLm } from '../src/engine/nn/transformerLm';
import { createRng } from '../src/engine/rng';
import { VIEW_COST_FACTOR, VIEW_INTERVAL_MS } from '../src/engine/viewPacing';
import { Trainer } from '../src/engine/trainer';
import { NaiveLm } from './naiveTransformer';

const ROUNDS = Number(process.argv[2] ?? 3);
const WINDOW_S = Number(process.argv[3] ?? 4);
const BACKENDS = (process.argv[4] ?? 'wasm,cpu').split(',');
const CURVE_S = Number(process.argv[5] ?? 0);
const read = (p: string) => {
  const b = readFileSync(p);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const moby = parseMobyDick(read('public/data/moby-dick.bin'));
mobyDickStore.provide(moby);
namesStore.provide(parseNames(read('public/data/names.bin')));
const corpus = buildMobyCorpus(moby);
const config: CharGptConfig = { corpus: 'moby', mobyUrl: '', namesUrl: '', layers: 2, dModel: 64, heads: 4, context: 64, batch: 16, learningRate: 0.003, lstm: false, lstmHidden: 128, lstmLearningRate: 0.01 };
const TOKENS = config.batch * config.context;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Stepper = (ids: tf.Tensor2D, targets: tf.Tensor2D) => tf.Scalar;

/** Tokens per second of wall time and per second of this process's CPU time (which other jobs disturb less). */
type Rate = { wall: number; cpu: number };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function bareWindow(step: Stepper, seconds: number, rng = createRng(7)): Promise<Rate> {
  let steps = 0;
  const c0 = cpuMs();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || steps === 0) {
    let last: tf.Scalar | null = null;
    for (let i = 0; i < 4; i++) {
      const { inputs, targets } = corpus.trainBatch(config.batch, config.context, rng);
      const x = tf.tensor2d(inputs, [config.batch, config.context], 'int32');
      const y = tf.tensor2d(targets, [config.batch, config.context], 'int32');
      last?.dispose();
      last = step(x, y);
      tf.dispose([x, y]);
    }
    await last!.data();
    last!.dispose();
    steps += 4;
  }
  return { wall: (steps * TOKENS * 1000) / (performance.now() - t0), cpu: (steps * TOKENS * 1000) / (cpuMs() - c0) };
}

async function widgetWindow(t: Trainer<CharGptConfig, CharGptView, CharGptRequest, CharGptAnswer>, seconds: number): Promise<Rate> {
  let steps = 0;
  let lastView = 0;
  let viewCost = 0;
  const c0 = cpuMs();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || steps === 0) {
    await t.step(4);
    steps += 4;
    if (performance.now() - lastView >= Math.max(VIEW_INTERVAL_MS, VIEW_COST_FACTOR * viewCost)) {
      lastView = performance.now();
      await t.view();
      viewCost = performance.now() - lastView;
    }
  }
  return { wall: (steps * TOKENS * 1000) / (performance.now() - t0), cpu: (steps * TOKENS * 1000) / (cpuMs() - c0) };
}

for (const backend of BACKENDS) {
  await tf.setBackend(backend);
  await tf.ready();
  const lm = new TransformerLm({ ...gptShape(config, corpus.vocab.tokens.length), learningRate: config.learningRate }, 1);
  const naive = new NaiveLm(lm);
  const trainer = new Trainer(charGptSpec, config, 1);
  const sides = {
    fast: (s: number) => bareWindow((i, t) => lm.trainStep(i, t), s),
    naive: (s: number) => bareWindow((i, t) => naive.trainStep(i, t), s),
    widget: (s: number) => widgetWindow(trainer, s),
  };
  for (const f of Object.values(sides)) await f(1); // warm-up
  const rates: Record<string, Rate[]> = { fast: [], naive: [], widget: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = Object.entries(sides);
    if (r % 2) order.reverse();
    for (const [name, f] of order) rates[name].push(await f(WINDOW_S));
  }
  const of = (name: string, k: keyof Rate) => rates[name].map((x) => x[k]);
  const ratio = (a: string, b: string, k: keyof Rate) => Number(median(of(a, k).map((x, i) => x / of(b, k)[i])).toFixed(2));
  for (const k of ['wall', 'cpu'] as const)
    console.log(JSON.stringify({
      backend, per: k, vocab: corpus.vocab.tokens.length,
      fastTokensPerS: Math.round(median(of('fast', k))), naiveTokensPerS: Math.round(median(of('naive', k))), widgetTokensPerS: Math.round(median(of('widget', k))),
      fastOverNaive: ratio('fast', 'naive', k), bareOverWidget: ratio('fast', 'widget', k),
      rounds: Object.fromEntries(Object.keys(rates).map((n) => [n, of(n, k).map(Math.round)])),
    }));
  lm.dispose();
  naive.dispose();
  trainer.dispose();
}

if (CURVE_S > 0) {
  // The figure's two curves: held-out loss against each model's own seconds, the widget's defaults, on wasm.
  await tf.setBackend('wasm');
  const m = charGptSpec.create({ ...config, lstm: true }, 1);
  const t0 = performance.now();
  while (performance.now() - t0 < CURVE_S * 1000) {
    for (let i = 0; i < 4; i++) tf.dispose(m.step());
    await m.view();
  }
  const v = await m.view();
  const pick = (c: { seconds: number[]; loss: number[] }) => c.seconds.map((s, i) => [Number(s.toFixed(1)), Number(c.loss[i].toFixed(3))]).filter((_, i, a) => i % Math.ceil(a.length / 12) === 0 || i === a.length - 1);
  console.log(JSON.stringify({ curve: { gpt: pick(v.gpt), lstm: pick(v.lstm), unigram: v.unigram, gptParams: v.gptParams, lstmParams: v.lstmParams, tokens: v.tokens, gptSeconds: v.gptSeconds, lstmSeconds: v.lstmSeconds } }));
  m.dispose();
}
