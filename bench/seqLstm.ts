/**
 * Character-level LSTM (and, with cells=gru, GRU) training speed in Node (bundled and run by bench/seqLstm.mjs): hidden 128,
 * 40 steps, batch 32, a target at every position, one-hot input, Adam. Two implementations of the
 * same model, run alternately in one process so that the shared machine's load hits both alike:
 *   straightforward: tfjs ops per time step and tf.train.adam().minimize (autodiff over ~15 ops per step);
 *   engine: CharLstm + CharLstmTrainer (input projection as a row lookup, gates in plain JS,
 *           hand-written backward pass through time, clipping, optimizers.ts's Adam).
 * Prints tokens/s per run, the medians and their ratio per backend, by the wall clock and per
 * second of this process's CPU time (the machine is shared: CPU time is what the other jobs'
 * load disturbs least; both backends run single-threaded in Node).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { CharGru } from '../src/engine/nn/charGru';
import { CharLstm, CharLstmTrainer } from '../src/engine/nn/charLstm';
import { DEFAULT_OPTIMIZER } from '../src/engine/nn/optimizers';
import type { ProductKind } from '../src/engine/nn/recurrentProducts';
import { createRng } from '../src/engine/rng';

const stepsPerRun = Number(process.argv[2] ?? 1);
const rounds = Number(process.argv[3] ?? 9);
const backends = (process.argv[4] ?? 'wasm,cpu').split(',');
/** Which cells to time: lstm, gru or both (the GRU: CharGru's gruScan against the same per-step tfjs GRU). */
const cells = (process.argv[5] ?? 'lstm').split(',') as ('lstm' | 'gru')[];
const [B, T, Q, V] = [32, 40, 128, 28];
const LR = 0.003;

/** A fixed random stream of token ids, cut into |B| windows of T + 1. */
function batch(seed: number): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  const rng = createRng(seed);
  const ids = Int32Array.from({ length: B * (T + 1) }, () => rng.int(V));
  const inp = new Int32Array(B * T);
  const tgt = new Int32Array(B * T);
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++) {
      inp[b * T + t] = ids[b * (T + 1) + t];
      tgt[b * T + t] = ids[b * (T + 1) + t + 1];
    }
  return { inputs: tf.tensor2d(inp, [B, T], 'int32'), targets: tf.tensor2d(tgt, [B, T], 'int32') };
}

interface Side {
  step(inputs: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar;
  dispose(): void;
}

/** The straightforward version: what a tfjs user writes first. */
function straightforward(): Side {
  const rng = createRng(1);
  const init = (shape: number[], std: number) => tf.variable(tf.tidy(() => tf.mul(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal()), shape), std)));
  const wx = init([V, 4 * Q], Math.sqrt(2 / (V + 4 * Q)));
  const wh = init([Q, 4 * Q], 1 / Math.sqrt(Q));
  const b = tf.variable(tf.zeros([4 * Q]));
  const wy = init([Q, V], Math.sqrt(2 / (Q + V)));
  const by = tf.variable(tf.zeros([V]));
  const opt = tf.train.adam(LR);
  return {
    step(inputs, targets) {
      return opt.minimize(() => {
        const x = tf.oneHot(inputs, V).toFloat();
        const y = tf.oneHot(targets, V).toFloat();
        let h = tf.zeros([B, Q]) as tf.Tensor2D;
        let c = tf.zeros([B, Q]) as tf.Tensor2D;
        const losses: tf.Scalar[] = [];
        for (let t = 0; t < T; t++) {
          const xt = tf.reshape(tf.slice(x, [0, t, 0], [B, 1, V]), [B, V]) as tf.Tensor2D;
          const yt = tf.reshape(tf.slice(y, [0, t, 0], [B, 1, V]), [B, V]);
          const z = tf.add(tf.add(tf.matMul(xt, wx), tf.matMul(h, wh)), b);
          const [zi, zf, zc, zo] = tf.split(z, 4, 1);
          c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zc))) as tf.Tensor2D;
          h = tf.mul(tf.sigmoid(zo), tf.tanh(c)) as tf.Tensor2D;
          losses.push(tf.losses.softmaxCrossEntropy(yt, tf.add(tf.matMul(h, wy), by)) as tf.Scalar);
        }
        return tf.div(tf.addN(losses), T) as tf.Scalar;
      }, true)!;
    },
    dispose() {
      tf.dispose([wx, wh, b, wy, by]);
      opt.dispose();
    },
  };
}

/** The straightforward GRU (tf.layers.gru's equations, reset before the product): per-step ops, autodiff. */
function straightforwardGru(): Side {
  const rng = createRng(1);
  const init = (shape: number[], std: number) => tf.variable(tf.tidy(() => tf.mul(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal()), shape), std)));
  const wx = init([V, 3 * Q], Math.sqrt(2 / (V + 3 * Q)));
  const wzr = init([Q, 2 * Q], 1 / Math.sqrt(Q));
  const whh = init([Q, Q], 1 / Math.sqrt(Q));
  const b = tf.variable(tf.zeros([3 * Q]));
  const wy = init([Q, V], Math.sqrt(2 / (Q + V)));
  const by = tf.variable(tf.zeros([V]));
  const opt = tf.train.adam(LR);
  return {
    step(inputs, targets) {
      return opt.minimize(() => {
        const x = tf.oneHot(inputs, V).toFloat();
        const y = tf.oneHot(targets, V).toFloat();
        let h = tf.zeros([B, Q]) as tf.Tensor2D;
        const losses: tf.Scalar[] = [];
        for (let t = 0; t < T; t++) {
          const xt = tf.reshape(tf.slice(x, [0, t, 0], [B, 1, V]), [B, V]) as tf.Tensor2D;
          const yt = tf.reshape(tf.slice(y, [0, t, 0], [B, 1, V]), [B, V]);
          const [xz, xr, xh] = tf.split(tf.add(tf.matMul(xt, wx), b), 3, 1);
          const [hz, hr] = tf.split(tf.matMul(h, wzr), 2, 1);
          const z = tf.sigmoid(tf.add(xz, hz));
          const r = tf.sigmoid(tf.add(xr, hr));
          const g = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, h), whh)));
          h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), g)) as tf.Tensor2D;
          losses.push(tf.losses.softmaxCrossEntropy(yt, tf.add(tf.matMul(h, wy), by)) as tf.Scalar);
        }
        return tf.div(tf.addN(losses), T) as tf.Scalar;
      }, true)!;
    },
    dispose() {
      tf.dispose([wx, wzr, whh, b, wy, by]);
      opt.dispose();
    },
  };
}

function engineGru(): Side {
  const model = new CharGru({ vocabSize: V, embedDim: 0, hidden: Q, seed: 1, path: 'fast', products: (process.env.PRODUCTS as ProductKind | undefined) ?? 'auto' });
  const trainer = new CharLstmTrainer(model, { ...DEFAULT_OPTIMIZER, kind: 'adam' }, LR, 5);
  return {
    step: (inputs, targets) => trainer.step(inputs, targets),
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

function engine(): Side {
  const model = new CharLstm({ vocabSize: V, embedDim: 0, hidden: Q, seed: 1, path: 'fast', products: (process.env.PRODUCTS as ProductKind | undefined) ?? 'auto' });
  const trainer = new CharLstmTrainer(model, { ...DEFAULT_OPTIMIZER, kind: 'adam' }, LR, 5);
  return {
    step: (inputs, targets) => trainer.step(inputs, targets),
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

/** Tokens per second of `side` over `steps` steps (wall clock and CPU time), reading the loss back after every step. */
async function measure(side: Side, data: { inputs: tf.Tensor2D; targets: tf.Tensor2D }, steps: number): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let k = 0; k < steps; k++) {
    const loss = side.step(data.inputs, data.targets);
    await loss.data();
    loss.dispose();
  }
  const c = process.cpuUsage(c0);
  const tokens = steps * B * T;
  return { wall: (tokens * 1000) / (performance.now() - t0), cpu: (tokens * 1e6) / (c.user + c.system) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const table: string[] = [];
for (const cell of cells) for (const backend of backends) {
  await tf.setBackend(backend);
  await tf.ready();
  const data = batch(7);
  const sides = cell === 'gru' ? { engine: engineGru(), straightforward: straightforwardGru() } : { engine: engine(), straightforward: straightforward() };
  // Warm-up: kernels compiled, buffers allocated.
  for (const s of Object.values(sides)) await measure(s, data, 1);
  const startTensors = tf.memory().numTensors;
  const wall: Record<string, number[]> = { straightforward: [], engine: [] };
  const cpu: Record<string, number[]> = { straightforward: [], engine: [] };
  for (let r = 0; r < rounds; r++) {
    for (const name of (r % 2 ? ['engine', 'straightforward'] : ['straightforward', 'engine']) as (keyof typeof sides)[]) {
      const rate = await measure(sides[name], data, stepsPerRun);
      wall[name].push(rate.wall);
      cpu[name].push(rate.cpu);
      console.log(JSON.stringify({ cell, backend, round: r, side: name, tokensPerWallS: Math.round(rate.wall), tokensPerCpuS: Math.round(rate.cpu) }));
    }
  }
  if (tf.memory().numTensors !== startTensors) console.log(`warning: ${tf.memory().numTensors - startTensors} tensors leaked on ${backend} (${cell})`);
  for (const [clock, rates] of [['wall', wall], ['CPU', cpu]] as const) {
    const [a, e] = [median(rates.straightforward), median(rates.engine)];
    // Runs of one round sit side by side in time, so their ratio sees the same load.
    const paired = median(rates.engine.map((x, r) => x / rates.straightforward[r]));
    table.push(`| ${cell} | ${backend} | ${clock} | ${Math.round(a)} | ${Math.round(e)} | ${(e / a).toFixed(2)}x | ${paired.toFixed(2)}x | ${rates.straightforward.map(Math.round).join(', ')} | ${rates.engine.map(Math.round).join(', ')} |`);
  }
  Object.values(sides).forEach((s) => s.dispose());
  tf.dispose([data.inputs, data.targets]);
}
console.log(`\n${new Date().toISOString()}, ${rounds} alternating runs of ${stepsPerRun} steps (${B * T} tokens each) per side`);
console.log('| cell | backend | per second of | straightforward tokens/s (median) | engine tokens/s (median) | ratio of medians | median of per-round ratios | straightforward runs | engine runs |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
table.forEach((row) => console.log(row));
