import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { makeToyData } from '../src/engine/data/toyTasks';
import { toyModelConfig, TOY_DEFAULTS, heldOutAccuracy, toyBatchTensors } from '../src/engine/models/toyTransformer';
import { Seq2seqTransformer } from '../src/engine/nn/seq2seq';
await tf.setBackend(process.argv[2] ?? 'wasm'); await tf.ready();
const data = makeToyData({ task: 'reverse', length: 8, symbols: 10 }, 1);
const model = new Seq2seqTransformer(toyModelConfig(data.task, TOY_DEFAULTS), 1);
const step = () => { const b = toyBatchTensors(data.trainBatch(64), data.task); const l = model.trainStep(b); tf.dispose([b.source, b.decoderInput, b.target]); return l; };
for (let i = 0; i < 5; i++) { const l = step(); await l.data(); l.dispose(); }
let t = performance.now();
for (let i = 0; i < 60; i++) { const l = step(); await l.data(); l.dispose(); }
console.log('step ms', ((performance.now() - t) / 60).toFixed(1));
const prof = await tf.profile(async () => { const l = step(); await l.data(); l.dispose(); });
const by = new Map<string, { n: number; ms: number }>();
for (const k of prof.kernels) { const e = by.get(k.name) ?? { n: 0, ms: 0 }; e.n++; e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0; by.set(k.name, e); }
console.log('kernels', prof.kernels.length);
console.log([...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).map(([n, e]) => `${n} ${e.n} ${e.ms.toFixed(2)}`).join('\n'));
t = performance.now();
const acc = await heldOutAccuracy(model, data);
console.log('eval ms', (performance.now() - t).toFixed(0), acc);
for (const k of prof.kernels) if (k.name === 'BatchMatMul' || k.name === '_FusedMatMul') console.log(k.name, JSON.stringify(k.inputShapes), JSON.stringify(k.outputShapes), (k.kernelTimeMs as number).toFixed(2));
