/**
 * Tokens/s of TransformerLm.trainStep against the straightforward tfjs version (bench/naiveTransformer.ts)
 * of the same model and weights: 2 layers, d_model 64, 4 heads, d_ff 256, context 32, batch 32, Moby
 * Dick characters, a target at every position. The two sides alternate in short windows, ROUNDS times,
 * and the medians are printed (the machine is shared). Bundled and run by bench/seqAttention.mjs:
 *   node bench/seqAttention.mjs [rounds=7] [windowSeconds=3] [backends=wasm,cpu] [profile]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_LM, TransformerLm } from '../src/engine/nn/transformerLm';
import { NaiveLm } from './naiveTransformer';
import { charCodes, createRng, mobyDick, windowBatch } from './seqText';

const ROUNDS = Number(process.argv[2] ?? 7);
const WINDOW_S = Number(process.argv[3] ?? 3);
const BACKENDS = (process.argv[4] ?? 'wasm,cpu').split(',');
const PROFILE = process.argv[5] === 'profile';
const BATCH = 32;
const T = DEFAULT_LM.context;

const { vocab, ids: codes } = charCodes(mobyDick(10));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Side = { name: string; step: (ids: tf.Tensor2D, targets: tf.Tensor2D) => tf.Scalar };

/** Steps for WINDOW_S seconds (a loss read every 4 steps, as a widget reads); returns tokens/s. */
async function window(side: Side, seconds: number, rng = createRng(7)): Promise<number> {
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || steps === 0) {
    let last: tf.Scalar | null = null;
    for (let i = 0; i < 4; i++) {
      const { ids, targets } = windowBatch(codes, BATCH, T, rng);
      last?.dispose();
      last = side.step(ids, targets);
      ids.dispose();
      targets.dispose();
    }
    await last!.data();
    last!.dispose();
    steps += 4;
  }
  return (steps * BATCH * T * 1000) / (performance.now() - t0);
}

async function profileOf(side: Side): Promise<void> {
  const rng = createRng(3);
  const { ids, targets } = windowBatch(codes, BATCH, T, rng);
  const info = await tf.profile(() => side.step(ids, targets));
  const byKernel = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const e = byKernel.get(k.name) ?? { ms: 0, n: 0 };
    e.ms += (await k.kernelTimeMs) as number;
    e.n += 1;
    byKernel.set(k.name, e);
  }
  const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
  console.log(`  ${side.name}: ${info.kernels.length} kernels; ` + rows.map(([n, e]) => `${n} ${e.ms.toFixed(1)}ms/${e.n}`).join(', '));
  ids.dispose();
  targets.dispose();
}

for (const backend of BACKENDS) {
  await tf.setBackend(backend);
  await tf.ready();
  const fastLm = new TransformerLm({ ...DEFAULT_LM, vocabSize: vocab.length }, 1);
  const naive = new NaiveLm(fastLm);
  const sides: Side[] = [
    { name: 'fast', step: (i, t) => fastLm.trainStep(i, t) },
    { name: 'naive', step: (i, t) => naive.trainStep(i, t) },
  ];
  for (const s of sides) await window(s, 1); // warm-up: kernels compiled, optimiser state built
  if (PROFILE) for (const s of sides) await profileOf(s);
  const rates: Record<string, number[]> = { fast: [], naive: [] };
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which side goes first, so that a burst of load from other jobs hits both alike.
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const s of order) rates[s.name].push(await window(s, WINDOW_S));
    ratios.push(rates.fast[r] / rates.naive[r]);
  }
  console.log(
    JSON.stringify({
      backend,
      vocab: vocab.length,
      fastTokensPerS: Math.round(median(rates.fast)),
      naiveTokensPerS: Math.round(median(rates.naive)),
      medianRatio: Number(median(ratios).toFixed(2)),
      ratios: ratios.map((x) => Number(x.toFixed(2))),
      fast: rates.fast.map(Math.round),
      naive: rates.naive.map(Math.round),
      tensors: tf.memory().numTensors,
    }),
  );
  fastLm.dispose();
  naive.dispose();
}
