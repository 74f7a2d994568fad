/**
 * Bare loop vs widget loop for chapter 6's LeNet, in Node (bundled and run by
 * bench/cnnLoop.mjs): examples/s of (a) LenetRun.step in a tight loop with one
 * loss read per group of steps, and (b) the widget's path, Trainer.step groups
 * plus a full view (curves, maps, confusion chunk) every 50 ms as the host sends it.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { parseMnist } from '../src/engine/data/mnist';
import { provideMnist } from '../src/engine/data/mnistStore';
import { lenetSpec } from '../src/engine/models/lenet';
import { DEFAULT_ARCH } from '../src/engine/nn/lenetNet';
import { LenetRun } from '../src/engine/nn/lenetRun';
import { Trainer } from '../src/engine/trainer';

const seconds = Number(process.argv[2] ?? 20);
// Run from the repository root (bench/cnnLoop.mjs does): the bundle lives in bench/out/.
const buf = readFileSync('public/data/mnist.bin');
const data = parseMnist(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
provideMnist(data);
const BATCH = 32;

async function bare(): Promise<number> {
  const run = new LenetRun(data, DEFAULT_ARCH, { optimizer: 'adam', learningRate: 0.002, batchSize: BATCH, trainSize: 8000, augment: null }, 1, 1);
  for (let i = 0; i < 3; i++) tf.tidy(() => run.step()).dispose();
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    let last: tf.Scalar | null = null;
    for (let i = 0; i < 8; i++) {
      last?.dispose();
      last = tf.tidy(() => run.step());
    }
    await last!.data();
    last!.dispose();
    steps += 8;
  }
  const rate = (steps * BATCH * 1000) / (performance.now() - t0);
  run.dispose();
  return rate;
}

async function widget(): Promise<number> {
  const t = new Trainer(lenetSpec, { ...lenetSpec.probeConfig, batchSize: BATCH, details: true }, 1);
  await t.step(3);
  let steps = 0;
  let lastView = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    await t.step(8);
    steps += 8;
    if (performance.now() - lastView >= 50) {
      lastView = performance.now();
      await t.view();
    }
  }
  const rate = (steps * BATCH * 1000) / (performance.now() - t0);
  t.dispose();
  return rate;
}

for (const backend of (process.argv[3] ?? 'wasm,cpu').split(',')) {
  await tf.setBackend(backend);
  await tf.ready();
  const a = await bare();
  const b = await widget();
  console.log(JSON.stringify({ backend, bareExPerS: Math.round(a), widgetExPerS: Math.round(b), ratio: Number((a / b).toFixed(3)) }));
}
