/**
 * Milliseconds per training step (forward, backward, SGD update) of one MoE layer, 8 experts, top-2,
 * against dense FFNs of equal active (2h hidden units) and of equal total (8h) parameters, on the same
 * batch of tokens. Sides alternate in short windows, ROUNDS times; medians and ratios are printed.
 * Bundled and run by bench/moe.mjs:
 *   node bench/moe.mjs [rounds=5] [windowSeconds=2] [backends=wasm,cpu] [sizes=16x16x256,64x64x512,128x128x1024] [profile]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { lossAndGradients } from '../src/engine/nn/gradients';
import { MoeLayer } from '../src/engine/nn/moe';
import { ParamStore } from '../src/engine/nn/params';
import { FeedForward } from '../src/engine/nn/transformerBlock';
import { createRng } from '../src/engine/rng';

const ROUNDS = Number(process.argv[2] ?? 5);
const WINDOW_S = Number(process.argv[3] ?? 2);
const BACKENDS = (process.argv[4] ?? 'wasm,cpu').split(',');
const SIZES = (process.argv[5] ?? '16x16x256,64x64x512,128x128x1024').split(',').map((s) => s.split('x').map(Number));
const PROFILE = process.argv[6] === 'profile';
const E = 8;
const K = 2;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Side = { name: string; step: () => void };

function sgd(vars: tf.Variable[], loss: () => tf.Scalar): void {
  tf.tidy(() => {
    const { grads, loss: l } = lossAndGradients(loss, vars);
    vars.forEach((v, i) => v.assign(tf.sub(v, tf.mul(1e-4, grads[i]))));
    l.dataSync();
  });
}

function sides(d: number, h: number, n: number): { list: Side[]; dispose: () => void; params: Record<string, number> } {
  const rng = createRng(1);
  const x = tf.tensor2d(Float32Array.from({ length: n * d }, () => rng.normal()), [n, d]);
  const moeStore = new ParamStore(createRng(2));
  const moe = new MoeLayer(moeStore, { dModel: d, dHidden: h, experts: E, topK: K, noisy: false, capacityFactor: Infinity });
  const dense = (width: number, seed: number) => {
    const store = new ParamStore(createRng(seed));
    return { store, ffn: new FeedForward(store, d, width) };
  };
  const small = dense(K * h, 3);
  const big = dense(E * h, 4);
  const ffnLoss = (f: FeedForward) => () => tf.mean(tf.square(f.apply(x))) as tf.Scalar;
  const list: Side[] = [
    { name: 'moe', step: () => sgd(moe.variables(), () => { const f = moe.apply(x, { training: true }); return tf.add(tf.mean(tf.square(f.output)), tf.mul(0.01, f.balance)) as tf.Scalar; }) },
    { name: 'dense-active', step: () => sgd(small.store.variables(), ffnLoss(small.ffn)) },
    { name: 'dense-total', step: () => sgd(big.store.variables(), ffnLoss(big.ffn)) },
  ];
  const count = (s: ParamStore) => s.variables().reduce((a, v) => a + v.size, 0);
  return {
    list,
    params: { moe: count(moeStore), 'moe active': moe.parameterCounts().active, 'dense-active': count(small.store), 'dense-total': count(big.store) },
    dispose: () => { x.dispose(); moeStore.dispose(); small.store.dispose(); big.store.dispose(); },
  };
}

function window(side: Side, seconds: number): number {
  let steps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || steps < 2) {
    side.step();
    steps += 1;
  }
  return (performance.now() - t0) / steps;
}

async function profileOf(side: Side): Promise<void> {
  const info = await tf.profile(() => side.step());
  const byKernel = new Map<string, { ms: number; n: number }>();
  for (const k of info.kernels) {
    const e = byKernel.get(k.name) ?? { ms: 0, n: 0 };
    e.ms += (await k.kernelTimeMs) as number;
    e.n += 1;
    byKernel.set(k.name, e);
  }
  const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  console.log(`  ${side.name}: ${info.kernels.length} kernels; ` + rows.map(([n, e]) => `${n} ${e.ms.toFixed(1)}ms/${e.n}`).join(', '));
}

for (const backend of BACKENDS) {
  await tf.setBackend(backend);
  await tf.ready();
  for (const [d, h, n] of SIZES) {
    const s = sides(d, h, n);
    for (const side of s.list) window(side, 0.5);
    if (PROFILE) for (const side of s.list) await profileOf(side);
    const ms: Record<string, number[]> = {};
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? s.list : [...s.list].reverse();
      for (const side of order) (ms[side.name] ??= []).push(window(side, WINDOW_S));
    }
    const m = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)]));
    const start = tf.memory().numTensors;
    s.list[0].step();
    const leak = tf.memory().numTensors - start;
    console.log(`${backend} d_model ${d}, expert width ${h}, ${n} tokens; parameters ${JSON.stringify(s.params)}`);
    console.log(`  ms/step: MoE ${m.moe.toFixed(2)}, dense equal active ${m['dense-active'].toFixed(2)}, dense equal total ${m['dense-total'].toFixed(2)}; MoE / dense-total ${(m.moe / m['dense-total']).toFixed(2)}, MoE / dense-active ${(m.moe / m['dense-active']).toFixed(2)}; tensors after a step ${leak >= 0 ? '+' : ''}${leak}`);
    s.dispose();
  }
}
