/**
 * Time from the first step until a toy task reaches 99% held-out exact-sequence accuracy (free-running
 * greedy decoding of all held-out sources), with the widget's default model. Bundled and run by
 * bench/toyTransformer.mjs:  node bench/toyTransformer.mjs [tasks=reverse,sort,add] [backend=wasm] [limitSeconds=120] [overrides-json]
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { makeToyData, type ToyTaskConfig } from '../src/engine/data/toyTasks';
import { toyModelConfig, TOY_DEFAULTS, TOY_TASK_DEFAULTS, heldOutAccuracy, toyBatchTensors } from '../src/engine/models/toyTransformer';
import { Seq2seqTransformer } from '../src/engine/nn/seq2seq';

const TASKS = (process.argv[2] ?? 'reverse,sort,add').split(',');
const BACKEND = process.argv[3] ?? 'wasm';
const LIMIT_S = Number(process.argv[4] ?? 120);
const OVERRIDES = JSON.parse(process.argv[5] ?? '{}');

async function run(taskName: string) {
  const d = TOY_TASK_DEFAULTS[taskName as keyof typeof TOY_TASK_DEFAULTS];
  const settings = { evalEvery: 25, seed: 1, after: 0, ...TOY_DEFAULTS, ...d, ...OVERRIDES };
  const task: ToyTaskConfig = { task: taskName as ToyTaskConfig['task'], length: settings.length, symbols: settings.symbols };
  const data = makeToyData(task, settings.seed);
  // overrides.model reaches the engine's config directly (positions, norm, d_ff: not widget settings)
  const model = new Seq2seqTransformer({ ...toyModelConfig(data.task, settings), ...(settings.model ?? {}) }, settings.seed);
  const load0 = loadavg()[0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let steps = 0;
  let evalMs = 0;
  let acc = { exact: 0, token: 0 };
  // with overrides.after > 0, training goes on that many steps past 99% and reports the lowest accuracy since
  let reachedAt = -1;
  let lowestAfter = 1;
  const log: string[] = [];
  while ((performance.now() - t0) / 1000 < LIMIT_S) {
    for (let i = 0; i < settings.evalEvery; i++) {
      const b = toyBatchTensors(data.trainBatch(settings.batch), data.task);
      const loss = model.trainStep(b);
      tf.dispose([b.source, b.decoderInput, b.target]);
      if (i === settings.evalEvery - 1) log.push(`${steps + i + 1}:${(await loss.data())[0].toFixed(3)}`);
      loss.dispose();
    }
    steps += settings.evalEvery;
    const e0 = performance.now();
    acc = await heldOutAccuracy(model, data);
    evalMs += performance.now() - e0;
    const s = (performance.now() - t0) / 1000;
    log[log.length - 1] += `@${s.toFixed(1)}s=${(acc.exact * 100).toFixed(1)}%`;
    if (acc.exact >= 0.99 && reachedAt < 0) reachedAt = steps;
    if (reachedAt >= 0) lowestAfter = Math.min(lowestAfter, acc.exact);
    if (reachedAt >= 0 && steps - reachedAt >= settings.after) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const tokens = steps * settings.batch * data.task.targetLength;
  console.log(`${taskName} (length ${settings.length}, ${taskName === 'add' ? '10 digits' : `${settings.symbols} symbols`}, ${settings.arch}) on ${BACKEND}: ${acc.exact >= 0.99 ? 'reached' : 'did NOT reach'} 99% held-out exact in ${seconds.toFixed(1)} s (${steps} steps, exact ${(acc.exact * 100).toFixed(1)}%, token ${(acc.token * 100).toFixed(1)}%; evaluation ${(evalMs / 1000).toFixed(1)} s of it; ${Math.round(tokens / (seconds - evalMs / 1000))} target tokens/s while training); CPU ${cpuSeconds.toFixed(1)} s; load ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}; seed ${settings.seed}`);
  if (settings.after > 0) console.log(`   reached 99% at step ${reachedAt}; lowest exact in the ${settings.after} steps after: ${(lowestAfter * 100).toFixed(1)}%`);
  console.log('   ' + log.join(' '));
  model.dispose();
}

await tf.setBackend(BACKEND);
await tf.ready();
for (const t of TASKS) await run(t);
