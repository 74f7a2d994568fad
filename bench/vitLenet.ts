/**
 * Examples per second of training, the tiny ViT of chapter 10 against chapter 6's LeNet, on the same
 * mini-batches of the packed MNIST digits, on tfjs's cpu and wasm backends in Node, one thread. The two
 * alternate in short windows (so a burst of load from other jobs hits both alike), and the medians and
 * the median ratio ViT / LeNet are printed, with each one's held-out accuracy after the run. Bundled and
 * run by bench/vitLenet.mjs:
 *   node bench/vitLenet.mjs [rounds=5] [windowSeconds=3] [backends=wasm,cpu] [patch=7] [dModel=32] [layers=2] [equalExamples=0]
 * With equalExamples > 0, two fresh models then train on the same `equalExamples` digits (the same
 * batches, in the same order) and both are scored on all 2,000 test digits: accuracy at equal data.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { parseMnist } from '../src/engine/data/mnist';
import { DigitBatches, testDigits } from '../src/engine/nn/digitBatches';
import { EvalSet, evaluate } from '../src/engine/nn/lenetEval';
import { crossEntropy, DEFAULT_ARCH, LenetNet } from '../src/engine/nn/lenetNet';
import { LiveOptimizer } from '../src/engine/nn/optimizers';
import { VitNet } from '../src/engine/nn/vit';
import { DEFAULT_VIT } from '../src/engine/models/vitDigitsConfig';
import { createRng } from '../src/engine/rng';

const ROUNDS = Number(process.argv[2] ?? 5);
const WINDOW_S = Number(process.argv[3] ?? 3);
const BACKENDS = (process.argv[4] ?? 'wasm,cpu').split(',');
const PATCH = Number(process.argv[5] ?? DEFAULT_VIT.patch);
const D = Number(process.argv[6] ?? DEFAULT_VIT.dModel);
const LAYERS = Number(process.argv[7] ?? DEFAULT_VIT.layers);
const EQUAL = Number(process.argv[8] ?? 0);
const BATCH = 32;

const buf = readFileSync('public/data/mnist.bin');
const data = parseMnist(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Side = { name: string; step: (x: tf.Tensor4D, y: tf.Tensor1D) => tf.Scalar; logits: (x: tf.Tensor4D) => tf.Tensor2D };

/** Trains for `seconds` (a loss read every 4 steps, as the widget's loop reads); returns examples/s. */
async function window(side: Side, batches: DigitBatches, seconds: number): Promise<number> {
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || steps === 0) {
    let last: tf.Scalar | null = null;
    for (let i = 0; i < 4; i++) {
      last?.dispose();
      last = tf.tidy(() => {
        const { x, y } = batches.next(BATCH, null);
        return side.step(x, y);
      });
    }
    await last!.data();
    last!.dispose();
    steps += 4;
  }
  return (steps * BATCH * 1000) / (performance.now() - t0);
}

for (const backend of BACKENDS) {
  await tf.setBackend(backend);
  await tf.ready();
  const vit = new VitNet({ ...DEFAULT_VIT, patch: PATCH, dModel: D, layers: LAYERS, dFF: 2 * D }, 1);
  const lenet = new LenetNet(DEFAULT_ARCH, createRng(1));
  const opt = new LiveOptimizer(lenet.vars, 'adam', 0.002);
  const sides: Side[] = [
    { name: 'vit', step: (x, y) => vit.trainStep(x, y), logits: (x) => vit.logits(x) },
    {
      name: 'lenet',
      step: (x, y) => {
        const { value, grads } = tf.variableGrads(() => crossEntropy(lenet.logits(x), y), lenet.vars);
        opt.apply(grads);
        return value;
      },
      logits: (x) => lenet.logits(x),
    },
  ];
  const batches = { vit: new DigitBatches(data, data.nTrain, createRng(5)), lenet: new DigitBatches(data, data.nTrain, createRng(5)) } as Record<string, DigitBatches>;
  for (const s of sides) await window(s, batches[s.name], 1);
  const rates: Record<string, number[]> = { vit: [], lenet: [] };
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const s of order) rates[s.name].push(await window(s, batches[s.name], WINDOW_S));
    ratios.push(rates.vit[r] / rates.lenet[r]);
  }
  const t = testDigits(data, 0, 1000);
  const set = new EvalSet(t.xs, t.ys);
  const acc: Record<string, number> = {};
  for (const s of sides) acc[s.name] = (await evaluate({ logits: s.logits }, set)).accuracy;
  set.dispose();
  console.log(JSON.stringify({
    backend, patch: PATCH, dModel: D, layers: LAYERS,
    vitExamplesPerS: Math.round(median(rates.vit)), lenetExamplesPerS: Math.round(median(rates.lenet)),
    medianRatioVitOverLenet: Number(median(ratios).toFixed(2)), ratios: ratios.map((x) => Number(x.toFixed(2))),
    heldOutAccuracy1000: { vit: acc.vit, lenet: acc.lenet },
  }));
  vit.dispose();
  lenet.dispose();
  opt.dispose();
  if (EQUAL > 0) await equalExamples(backend);
}

/** Fresh models on the same EQUAL examples (same batches, same order), scored on all test digits. */
async function equalExamples(backend: string): Promise<void> {
  const v = new VitNet({ ...DEFAULT_VIT, patch: PATCH, dModel: D, layers: LAYERS, dFF: 2 * D }, 2);
  const l = new LenetNet(DEFAULT_ARCH, createRng(2));
  const o = new LiveOptimizer(l.vars, 'adam', 0.002);
  const batches = new DigitBatches(data, data.nTrain, createRng(9));
  const t0 = performance.now();
  for (let s = 0; s < EQUAL / BATCH; s++)
    tf.tidy(() => {
      const { x, y } = batches.next(BATCH, null);
      v.trainStep(x, y);
      const { grads } = tf.variableGrads(() => crossEntropy(l.logits(x), y), l.vars);
      o.apply(grads);
    });
  const t = testDigits(data, 0, data.nTest);
  const set = new EvalSet(t.xs, t.ys);
  const [av, al] = [(await evaluate(v, set)).accuracy, (await evaluate(l, set)).accuracy];
  set.dispose();
  console.log(JSON.stringify({ backend, equalExamples: EQUAL, testDigits: data.nTest, vitAccuracy: av, lenetAccuracy: al, seconds: Math.round((performance.now() - t0) / 1000) }));
  v.dispose();
  l.dispose();
  o.dispose();
}
