/**
 * Chapter 7's forecaster: training steps per second in Node (bundled and run by bench/forecast.mjs), at the
 * widget's defaults (look_back 14, 50 units, batch 32, Adam η = 0.005, windows of the min-max-scaled US births).
 * Two implementations of the same two models, SimpleRNN(50)+Dense(1) and LSTM(50)+Dense(1), run alternately in
 * one process so that the shared machine's load hits both alike:
 *   straightforward: tfjs ops per time step and tf.train.adam().minimize (autodiff);
 *   engine: the forecaster's own step (forecastSpec.create at the widget's config), and each of its two models
 *           alone (forecaster.ts's Forecaster, as the step trains it).
 * Prints steps/s per run, the medians and the median of per-round ratios, by the wall clock and per second of this
 * process's CPU time.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { birthsStore, parseBirths } from '../src/engine/data/births';
import { forecastSpec, type ForecastConfig } from '../src/engine/models/forecast';
import { Forecaster } from '../src/engine/models/forecaster';
import { fitMinMax, scale, windows } from '../src/engine/models/forecastData';
import { ParamStore } from '../src/engine/nn/params';
import { LstmCell, SimpleRnnCell } from '../src/engine/nn/recurrent';
import { createRng } from '../src/engine/rng';

const stepsPerRun = Number(process.argv[2] ?? 20);
const rounds = Number(process.argv[3] ?? 9);
const backends = (process.argv[4] ?? 'wasm,cpu').split(',');
const CONFIG: ForecastConfig = { source: 'births', dataUrl: '', lookBack: 14, units: 50, learningRate: 0.005, batchSize: 32, horizon: 28 };
const [B, T, Q] = [CONFIG.batchSize, CONFIG.lookBack, CONFIG.units];

const buf = readFileSync('public/data/births.bin');
birthsStore.provide(parseBirths(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)));

/** Random training windows (the first 19 years), as the forecaster draws them. */
function batches(seed: number): () => { x: tf.Tensor3D; y: tf.Tensor2D } {
  const births = birthsStore.get().births;
  const end = births.length - 366;
  const w = windows(scale(births, fitMinMax(births, end)), T, 0, end);
  const rng = createRng(seed);
  return () => {
    const xb = new Float32Array(B * T);
    const yb = new Float32Array(B);
    for (let k = 0; k < B; k++) {
      const j = Math.floor(rng.next() * w.count);
      xb.set(w.x.subarray(j * T, (j + 1) * T), k * T);
      yb[k] = w.y[j];
    }
    return { x: tf.tensor3d(xb, [B, T, 1]), y: tf.tensor2d(yb, [B, 1]) };
  };
}

interface Side {
  /** One training step; returns the loss. */
  step(): tf.Scalar;
  dispose(): void;
}

/** What a tfjs user writes first: per-step ops, the last h through Dense(1), MSE, tf.train.adam().minimize. */
function straightforward(kind: 'rnn' | 'lstm'): Side {
  const rng = createRng(1);
  const gates = kind === 'lstm' ? 4 : 1;
  const init = (shape: number[], std: number) => tf.variable(tf.tidy(() => tf.mul(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal()), shape), std)));
  const wx = init([1, gates * Q], Math.sqrt(2 / (1 + gates * Q)));
  const wh = init([Q, gates * Q], 1 / Math.sqrt(Q));
  const bias = new Float32Array(gates * Q);
  if (kind === 'lstm') bias.fill(1, Q, 2 * Q);
  const b = tf.variable(tf.tensor1d(bias));
  const wy = init([Q, 1], Math.sqrt(2 / (Q + 1)));
  const by = tf.variable(tf.zeros([1]));
  const opt = tf.train.adam(CONFIG.learningRate);
  const next = batches(3);
  return {
    step() {
      const { x, y } = next();
      const loss = opt.minimize(() => {
        let h = tf.zeros([B, Q]) as tf.Tensor2D;
        let c = tf.zeros([B, Q]) as tf.Tensor2D;
        for (let t = 0; t < T; t++) {
          const xt = tf.reshape(tf.slice(x, [0, t, 0], [B, 1, 1]), [B, 1]) as tf.Tensor2D;
          const z = tf.add(tf.add(tf.matMul(xt, wx), tf.matMul(h, wh)), b);
          if (kind === 'rnn') h = tf.tanh(z) as tf.Tensor2D;
          else {
            const [zi, zf, zc, zo] = tf.split(z, 4, 1);
            c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zc))) as tf.Tensor2D;
            h = tf.mul(tf.sigmoid(zo), tf.tanh(c)) as tf.Tensor2D;
          }
        }
        return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(h, wy), by), y))) as tf.Scalar;
      }, true)!;
      tf.dispose([x, y]);
      return loss;
    },
    dispose() {
      tf.dispose([wx, wh, b, wy, by]);
      opt.dispose();
    },
  };
}

/** Both straightforward models, one step each on the same windows: what the forecaster's step does. */
function straightforwardBoth(): Side {
  const [r, l] = [straightforward('rnn'), straightforward('lstm')];
  return {
    step() {
      const [a, b] = [r.step(), l.step()];
      const s = tf.add(a, b) as tf.Scalar;
      tf.dispose([a, b]);
      return s;
    },
    dispose() {
      r.dispose();
      l.dispose();
    },
  };
}

/** The engine's forecaster step, built exactly as the widget builds it. */
function engineBoth(): Side {
  const model = forecastSpec.create(CONFIG, 1);
  // The trainer runs each step inside tf.tidy (engine/trainer.ts); so does this.
  return { step: () => tf.tidy(() => model.step() as tf.Scalar), dispose: () => model.dispose() };
}

/** One of the engine's two models alone, trained as the forecaster's step trains it. */
function engineOne(kind: 'rnn' | 'lstm'): Side {
  const params = new ParamStore(createRng(1));
  const f = new Forecaster(kind === 'rnn' ? new SimpleRnnCell(params, 1, Q) : new LstmCell(params, 1, Q), params);
  const next = batches(3);
  return {
    step() {
      const { x, y } = next();
      const loss = f.train(x, y, CONFIG.learningRate);
      tf.dispose([x, y]);
      return loss;
    },
    dispose() {
      f.dispose();
      params.dispose();
    },
  };
}

async function measure(side: Side, steps: number): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let k = 0; k < steps; k++) {
    const loss = side.step();
    await loss.data();
    loss.dispose();
  }
  const c = process.cpuUsage(c0);
  return { wall: (steps * 1000) / (performance.now() - t0), cpu: (steps * 1e6) / (c.user + c.system) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const table: string[] = [];
const models = { rnn: () => [straightforward('rnn'), engineOne('rnn')], lstm: () => [straightforward('lstm'), engineOne('lstm')], 'both (the step)': () => [straightforwardBoth(), engineBoth()] };
for (const backend of backends) {
  await tf.setBackend(backend);
  await tf.ready();
  for (const [model, make] of Object.entries(models)) {
    const [s, e] = make();
    const sides = { straightforward: s, engine: e };
    for (const side of Object.values(sides)) await measure(side, 3);
    const startTensors = tf.memory().numTensors;
    const wall: Record<string, number[]> = { straightforward: [], engine: [] };
    const cpu: Record<string, number[]> = { straightforward: [], engine: [] };
    for (let r = 0; r < rounds; r++) {
      for (const name of (r % 2 ? ['engine', 'straightforward'] : ['straightforward', 'engine']) as (keyof typeof sides)[]) {
        const rate = await measure(sides[name], stepsPerRun);
        wall[name].push(rate.wall);
        cpu[name].push(rate.cpu);
      }
    }
    if (tf.memory().numTensors !== startTensors) console.log(`warning: ${tf.memory().numTensors - startTensors} tensors leaked on ${backend} (${model})`);
    for (const [clock, rates] of [['wall', wall], ['CPU', cpu]] as const) {
      const [a, b] = [median(rates.straightforward), median(rates.engine)];
      const paired = median(rates.engine.map((x, r) => x / rates.straightforward[r]));
      const row = `| ${model} | ${backend} | ${clock} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(2)}x | ${paired.toFixed(2)}x |`;
      console.log(row);
      table.push(row);
    }
    Object.values(sides).forEach((x) => x.dispose());
  }
}
console.log(`\n${new Date().toISOString()}, ${rounds} alternating runs of ${stepsPerRun} steps per side; batch ${B}, look_back ${T}, ${Q} units`);
console.log('| model | backend | per second of | straightforward steps/s (median) | engine steps/s (median) | ratio of medians | median of per-round ratios |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
table.forEach((row) => console.log(row));
