import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { toyTransformerSpec, TOY_DEFAULTS } from '../src/engine/models/toyTransformer';
import { Trainer } from '../src/engine/trainer';
await tf.setBackend('wasm'); await tf.ready();
const t = new Trainer(toyTransformerSpec, { ...TOY_DEFAULTS }, 1);
const out: string[] = [];
for (let k = 0; k < 49; k++) { await t.step(1); out.push(`${t.stepCount}:${t.loss?.toFixed(4)}`); }
await new Promise((r) => setTimeout(r, 1100));
console.log(out.slice(-2).join(' '), (await t.view() as { exact: number }).exact);
