/**
 * Chapter 12's search speed: candidates trained and evaluated per minute by each searcher at the widget's
 * default budget (20 per searcher, 60 Adam steps each, batch 32, 14x14 digits), on each backend, and
 * DARTS's alternating steps per second. Bundled and run by bench/nas.mjs:
 *   node bench/nas.mjs [budget=20] [backends=wasm,cpu] [dartsSteps=40]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseMnist } from '../src/engine/data/mnist';
import { DEFAULT_DARTS } from '../src/engine/models/nasDarts';
import { DEFAULT_SEARCH } from '../src/engine/models/nasSearch';
import { DartsRun } from '../src/engine/nas/darts';
import { nasDigits } from '../src/engine/nas/digits14';
import { NasSearch, runSearch } from '../src/engine/nas/search';
import { SEARCHERS } from '../src/engine/nas/searchers';
import { readFileSync } from 'node:fs';

const BUDGET = Number(process.argv[2] ?? DEFAULT_SEARCH.budget);
const BACKENDS = (process.argv[3] ?? 'wasm,cpu').split(',');
const DARTS_STEPS = Number(process.argv[4] ?? 40);

// The packed digits the build writes (npm run build, or node scripts/packData.mjs).
const packed = readFileSync('public/data/mnist.bin');
const digits = nasDigits(parseMnist(packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength) as ArrayBuffer));

for (const backend of BACKENDS) {
  await tf.setBackend(backend);
  await tf.ready();
  const search = new NasSearch(digits, { ...DEFAULT_SEARCH, budget: BUDGET }, 1);
  const t0 = performance.now();
  await runSearch(search);
  const wallMin = (performance.now() - t0) / 60000;
  const n = search.records.length;
  const per = SEARCHERS.map((s) => {
    const rs = search.records.filter((r) => r.searcher === s);
    const trainMin = rs.reduce((a, r) => a + r.trainMs, 0) / 60000;
    const best = Math.max(...rs.map((r) => (Number.isFinite(r.valAcc) ? r.valAcc : 0)));
    return `${s} ${(rs.length / trainMin).toFixed(0)}/min of its own training time (best ${(best * 100).toFixed(1)}%)`;
  });
  const lat = search.records.map((r) => r.latencyMs ?? 0);
  console.log(`[${backend}] ${n} candidates in ${(wallMin * 60).toFixed(1)} s: ${(n / wallMin).toFixed(1)} candidates/min in all (${(n / wallMin / 3).toFixed(1)} per searcher); ${per.join('; ')}; latency ${Math.min(...lat).toFixed(2)}-${Math.max(...lat).toFixed(2)} ms`);
  search.dispose();

  const darts = new DartsRun(digits, { ...DEFAULT_DARTS, searchSteps: DARTS_STEPS + 5 }, 1);
  for (let i = 0; i < 5; i++) tf.tidy(() => darts.step()).dispose();
  const d0 = performance.now();
  for (let i = 0; i < DARTS_STEPS; i++) tf.tidy(() => darts.step()).dispose();
  await darts.alphaSoftmax();
  console.log(`[${backend}] DARTS: ${((DARTS_STEPS * 1000) / (performance.now() - d0)).toFixed(1)} search steps/s (a weight step and an α step each); the default ${DEFAULT_DARTS.searchSteps} steps take about ${((DEFAULT_DARTS.searchSteps * (performance.now() - d0)) / DARTS_STEPS / 1000).toFixed(0)} s`);
  darts.dispose();
}
