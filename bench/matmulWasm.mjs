/**
 * Why the sequence fast path uses only plain matMuls on wasm: times tf.matMul on the LSTM's shapes
 * (hidden 128, batch 32, 40 steps) with and without the transpose flags, on wasm and cpu, in Node.
 *   node bench/matmulWasm.mjs [rounds=7]
 * Prints milliseconds per product, sorted (the smallest is the least disturbed by other jobs).
 * (Return tensors, not typed arrays, from tf.tidy when timing: tidy walks a returned array element by element.)
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const rounds = Number(process.argv[2] ?? 7);
for (const backend of ['wasm', 'cpu']) {
  await tf.setBackend(backend);
  await tf.ready();
  const h = tf.randomNormal([32, 128]);
  const wh = tf.randomNormal([128, 512]);
  const dz = tf.randomNormal([32, 512]);
  const hs = tf.randomNormal([1280, 128]);
  const dZ = tf.randomNormal([1280, 512]);
  const hsT = tf.transpose(hs);
  const dZT = tf.transpose(dZ);
  const cases = {
    'h W_h (plain)': [40, () => tf.matMul(h, wh)],
    'δz W_hᵀ (transposeB)': [40, () => tf.matMul(dz, wh, false, true)],
    'Hᵀ δZ, 1280 rows (transposeA)': [2, () => tf.matMul(hs, dZ, true, false)],
    'Hᵀ δZ with Hᵀ laid out (plain)': [2, () => tf.matMul(hsT, dZ)],
    'Hᵀ δZ as (Hᵀ)(δZᵀ)ᵀ (transposeB)': [2, () => tf.matMul(hsT, dZT, false, true)],
  };
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++)
    for (const [name, [n, f]] of Object.entries(cases)) {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const out = f();
        out.dataSync();
        out.dispose();
      }
      times[name].push(Number(((performance.now() - t0) / n).toFixed(2)));
    }
  for (const [name, t] of Object.entries(times)) console.log(JSON.stringify({ backend, product: name, ms: t.sort((a, b) => a - b) }));
  tf.dispose([h, wh, dz, hs, dZ, hsT, dZT]);
}
