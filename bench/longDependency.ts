/**
 * The long-dependency task at small budgets (bundled and run by bench/longDependency.mjs): trains the
 * SimpleRNN and the LSTM side by side as the widget does and prints both held-out accuracies every
 * `every` steps, so that the page's claim (the LSTM ends well above the RNN at the default gap) is measured.
 *   node bench/longDependency.mjs [steps=400] [gap=30] [noise=1] [forgetBias=default] [seeds=1] [backend=cpu]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { longDependencySpec, type LongDependencyConfig } from '../src/engine/models/longDependency';

const [steps, gap, noise] = [Number(process.argv[2] ?? 400), Number(process.argv[3] ?? 30), Number(process.argv[4] ?? 1)];
const forgetBias = process.argv[5] && process.argv[5] !== 'default' ? Number(process.argv[5]) : undefined;
const seeds = (process.argv[6] ?? '1').split(',').map(Number);
await tf.setBackend(process.argv[7] ?? 'cpu');
await tf.ready();
const every = Math.max(1, Math.floor(steps / 8));
for (const seed of seeds) {
  const config: LongDependencyConfig = { gap, units: 16, learningRate: 0.01, clip: true, clipNorm: 1, recurrentScale: 1, batchSize: 32, noise, forgetBias };
  const m = longDependencySpec.create(config, seed);
  const t0 = performance.now();
  for (let s = 1; s <= steps; s++) {
    tf.tidy(() => m.step()).dispose();
    if (s % every === 0 || s === steps) {
      const v = await m.view();
      const acc = v.series;
      console.log(JSON.stringify({ seed, gap, noise, forgetBias, step: s, rnn: +acc['RNN accuracy'].toFixed(3), lstm: +acc['LSTM accuracy'].toFixed(3), msPerStep: +((performance.now() - t0) / s).toFixed(1) }));
    }
  }
  m.dispose();
}
