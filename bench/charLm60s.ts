/**
 * "After 60 s of training, the character model's held-out loss on names is below the trigram
 * baseline's" (bundled and run by bench/charLm60s.mjs): the page's model (charLmSpec at the widget's
 * defaults) trains for `seconds` of wall clock on one backend, single-threaded as in the page's worker;
 * prints the held-out loss every 10 s beside the unigram, bigram and trigram models' on the same windows.
 * CLOCK=cpu counts this process's CPU seconds instead of the wall clock: on a machine shared with
 * other jobs that is what a reader's otherwise idle core would give the worker.
 *   node bench/charLm60s.mjs [seconds=60] [backend=wasm] [cell=lstm] [hidden=128] [window=32] [batch=32] [lr=0.01] [corpus=names]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { mobyDickStore, parseMobyDick } from '../src/engine/data/mobyDick';
import { namesStore, parseNames } from '../src/engine/data/names';
import { charLmSpec, type CharLmConfig } from '../src/engine/models/charLm';

const arg = (i: number, d: string) => process.argv[i] ?? d;
const seconds = Number(arg(2, '60'));
await tf.setBackend(arg(3, 'wasm'));
await tf.ready();
const buf = (p: string) => {
  const b = readFileSync(p);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
namesStore.provide(parseNames(buf('public/data/names.bin')));
mobyDickStore.provide(parseMobyDick(buf('public/data/moby-dick.bin')));
const config: CharLmConfig = {
  dataUrl: '', cell: arg(4, 'lstm') as 'lstm' | 'gru', hidden: Number(arg(5, '128')), embed: 0, window: Number(arg(6, '32')), batch: Number(arg(7, '32')),
  learningRate: Number(arg(8, '0.01')), clip: 5, corpus: arg(9, 'names') as 'names' | 'moby',
};
const m = charLmSpec.create(config, 1);
const v0 = await m.view();
const t0 = performance.now();
const c0 = process.cpuUsage();
let steps = 0;
let nextReport = 10_000;
let last = v0;
for (;;) {
  const loss = m.step();
  await loss.data();
  loss.dispose();
  steps += 1;
  const used = process.cpuUsage(c0);
  const ms = process.env.CLOCK === 'cpu' ? (used.user + used.system) / 1000 : performance.now() - t0;
  if (ms >= nextReport || ms >= seconds * 1000) {
    const v = await m.view();
    if (v.heldOut !== null) last = v;
    const cpu = process.cpuUsage(c0);
    console.log(JSON.stringify({ s: Math.round(ms / 1000), wallS: Math.round((performance.now() - t0) / 1000), cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(1), steps, tokensPerS: Math.round((steps * config.batch * config.window * 1000) / ms), heldOut: last.heldOut && +last.heldOut.toFixed(3), trigram: +v.trigram.toFixed(3) }));
    nextReport += 10_000;
    if (ms >= seconds * 1000) break;
  }
}
// A held-out point at the very end (the view evaluates on its own schedule; force one by asking again after it is due).
console.log(`\n${new Date().toISOString()} ${tf.getBackend()}, ${process.env.CLOCK === 'cpu' ? 'CPU' : 'wall'} seconds, ${JSON.stringify(config)}`);
console.log(`| after | steps | held-out loss | unigram | bigram | trigram | uniform ln|V| | below the trigram |`);
console.log(`| ${seconds} s | ${steps} | ${last.heldOut?.toFixed(3)} | ${v0.unigram.toFixed(3)} | ${v0.bigram.toFixed(3)} | ${v0.trigram.toFixed(3)} | ${v0.uniform.toFixed(3)} (|V| = ${v0.tokens.length}) | ${last.heldOut !== null && last.heldOut < v0.trigram ? 'yes' : 'no'} |`);
m.dispose();
