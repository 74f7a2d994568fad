/**
 * Training tokens/s of the toy Transformer (Seq2seqTransformer.trainStep, the widget's default shape:
 * encoder-decoder, 1 block each side, d_model 64, 4 heads, d_ff 256) against the straightforward tfjs
 * version of the same shape (bench/naiveSeq2seq.ts), on reverse (length 8, 10 symbols, batch 64; a
 * target token = one decoder position, 9 per example). The sides alternate in windows; medians and the
 * median per-round ratio are printed. Bundled and run by bench/seq2seqSpeed.mjs:
 *   node bench/seq2seqSpeed.mjs [rounds=5] [windowSeconds=3] [backends=wasm,cpu]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { makeToyData } from '../src/engine/data/toyTasks';
import { toyBatchTensors, toyModelConfig } from '../src/engine/models/toyTransformer';
import { TOY_DEFAULTS } from '../src/engine/models/toyTransformerConfig';
import { Seq2seqTransformer } from '../src/engine/nn/seq2seq';
import { NaiveSeq2seq } from './naiveSeq2seq';

const ROUNDS = Number(process.argv[2] ?? 5);
const WINDOW_S = Number(process.argv[3] ?? 3);
const BACKENDS = (process.argv[4] ?? 'wasm,cpu').split(',');
const BATCH = 64;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const data = makeToyData({ task: 'reverse', length: 8, symbols: 10 }, 1);
const tt = data.task.targetLength;

type Step = (b: ReturnType<typeof toyBatchTensors>) => tf.Scalar;

async function window(step: Step, seconds: number): Promise<number> {
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || steps === 0) {
    let last: tf.Scalar | null = null;
    for (let i = 0; i < 4; i++) {
      const b = toyBatchTensors(data.trainBatch(BATCH), data.task);
      last?.dispose();
      last = step(b);
      tf.dispose([b.source, b.decoderInput, b.target]);
    }
    await last!.data();
    last!.dispose();
    steps += 4;
  }
  return (steps * BATCH * tt * 1000) / (performance.now() - t0);
}

for (const backend of BACKENDS) {
  await tf.setBackend(backend);
  await tf.ready();
  // learned positions on both sides, as the naive model has them (the widget's default is sinusoidal)
  const cfg = toyModelConfig(data.task, { ...TOY_DEFAULTS, positions: 'learned', batch: BATCH });
  const fast = new Seq2seqTransformer(cfg, 1);
  const naive = new NaiveSeq2seq({ vocab: data.task.tokens.length, sourceLength: data.task.sourceLength, targetLength: tt, dModel: cfg.dModel, heads: cfg.heads, dFF: cfg.dFF, layers: cfg.layers, learningRate: 0.003 });
  const sides: [string, Step][] = [
    ['fast', (b) => fast.trainStep(b)],
    ['naive', (b) => naive.trainStep(b.source, b.decoderInput, b.target)],
  ];
  for (const [, s] of sides) await window(s, 0.5); // warm-up
  const got: Record<string, number[]> = { fast: [], naive: [] };
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const [name, s] of order) got[name].push(await window(s, WINDOW_S));
    ratios.push(got.fast[r] / got.naive[r]);
  }
  console.log(`${backend}: fast ${Math.round(median(got.fast))} tokens/s, naive ${Math.round(median(got.naive))} tokens/s, ratio ${median(ratios).toFixed(2)}x (per round: ${ratios.map((x) => x.toFixed(2)).join(', ')})`);
  fast.dispose();
  naive.dispose();
}
