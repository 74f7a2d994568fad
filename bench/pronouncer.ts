/**
 * The pronouncer's held-out phoneme error rate and exact-word accuracy (greedy, 256 held-out words)
 * against seconds of training, with the widget's defaults. Bundled and run by bench/pronouncer.mjs:
 *   node bench/pronouncer.mjs [seconds=90] [backend=wasm] [overrides-json]
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseCmudict } from '../src/engine/data/cmudict';
import { pronouncerBatch, pronouncerData, pronouncerModelConfig, pronouncerScore, PRONOUNCER_SCORED } from '../src/engine/models/pronouncer';
import { PRONOUNCER_DEFAULTS } from '../src/engine/models/pronouncerConfig';
import { Seq2seqTransformer } from '../src/engine/nn/seq2seq';
import { createRng } from '../src/engine/rng';

const SECONDS = Number(process.argv[2] ?? 90);
const BACKEND = process.argv[3] ?? 'wasm';
const settings = { dataUrl: '', ...PRONOUNCER_DEFAULTS, ...JSON.parse(process.argv[4] ?? '{}') };

await tf.setBackend(BACKEND);
await tf.ready();
const d = pronouncerData(parseCmudict(readFileSync('public/data/cmudict.bin').buffer as ArrayBuffer), 1);
const model = new Seq2seqTransformer(pronouncerModelConfig(d, settings), 1);
const rng = createRng(36);
const scored = d.heldOut.slice(0, PRONOUNCER_SCORED);
const t0 = performance.now();
let steps = 0;
let evalMs = 0;
const log: string[] = [];
while ((performance.now() - t0) / 1000 < SECONDS) {
  for (let i = 0; i < 50; i++) {
    const b = pronouncerBatch(d, Array.from({ length: settings.batch }, () => d.train[rng.int(d.train.length)]));
    const t = { source: tf.tensor2d(b.source, [b.n, d.sourceLength], 'int32'), decoderInput: tf.tensor2d(b.decoderInput, [b.n, d.targetLength], 'int32'), target: tf.tensor2d(b.target, [b.n, d.targetLength], 'int32') };
    const loss = model.trainStep(t);
    tf.dispose([t.source, t.decoderInput, t.target]);
    if (i === 49) await loss.data();
    loss.dispose();
  }
  steps += 50;
  const e0 = performance.now();
  const s = await pronouncerScore(model, d, scored);
  evalMs += performance.now() - e0;
  log.push(`${steps}@${((performance.now() - t0) / 1000).toFixed(0)}s PER ${(s.per * 100).toFixed(1)}% exact ${(s.exact * 100).toFixed(1)}%`);
}
console.log(`pronouncer on ${BACKEND}: ${d.train.length} training words, ${d.heldOut.length} held out (${scored.length} scored); evaluation took ${(evalMs / 1000).toFixed(1)} s`);
console.log('  ' + log.join('\n  '));
model.dispose();
