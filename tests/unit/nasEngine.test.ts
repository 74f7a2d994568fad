import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { provideMnist } from '../../src/engine/data/mnistStore';
import { ConfigError } from '../../src/engine/model';
import { DEFAULT_SEARCH, nasSearchSpec } from '../../src/engine/models/nasSearch';
import { DartsRun } from '../../src/engine/nas/darts';
import { applyOp, mixedOp, Supernet } from '../../src/engine/nas/dartsCell';
import { DARTS_OPS } from '../../src/engine/nas/dartsSpace';
import { nasDigits, type NasDigits } from '../../src/engine/nas/digits14';
import { NasSearch, runSearch } from '../../src/engine/nas/search';
import { ParamStore } from '../../src/engine/nn/params';
import { createRng } from '../../src/engine/rng';
import type { SpaceChoices } from '../../src/engine/nas/space';
import { useCpuBackend } from './support/cpuBackend';
import { mnistFixture } from './support/mnistFixture';

useCpuBackend();

/** Two tiny architectures (depth 1 or 2, 8 ReLU units): candidates that train in milliseconds. */
const TINY: SpaceChoices = { depths: [1, 2], widths: [8], activations: ['relu', 'tanh'], skips: [false] };
const settings = { space: TINY, budget: 3, steps: 12, learningRate: 0.01, batchSize: 16, controllerStep: 8 };
let digits: NasDigits;

beforeAll(() => {
  provideMnist(mnistFixture().data);
  digits = nasDigits(mnistFixture().data);
});

describe('DARTS mixed operation', () => {
  it('equals Σ_o softmax(α)_o · o(h) over the five operations', () => {
    const store = new ParamStore(createRng(1));
    const net = new Supernet(store, store.scope('a/'), 196, 6, 10);
    const alphaRow = [0.3, -1.2, 0.5, 2.0, -0.4];
    const diff = tf.tidy(() => {
      const h = tf.randomNormal([5, 6], 0, 1, 'float32', 3) as tf.Tensor2D;
      const w = tf.softmax(tf.tensor2d([alphaRow]));
      const got = mixedOp(h, net.edges[0], w as tf.Tensor2D);
      const p = softmax(alphaRow);
      const dense = { relu: net.edges[0].relu, tanh: net.edges[0].tanh, sigmoid: net.edges[0].sigmoid } as const;
      const want = tf.addN(DARTS_OPS.map((op, k) => tf.mul(applyOp(op, h, op in dense ? dense[op as keyof typeof dense] : null), p[k])));
      return tf.max(tf.abs(tf.sub(got, want))).dataSync()[0];
    });
    expect(diff).toBeLessThan(1e-5);
    store.dispose();
  });
});

function softmax(xs: number[]): number[] {
  const e = xs.map((x) => Math.exp(x));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

describe('the search', () => {
  it('trains exactly the budget per searcher, the same candidates from the same seed, leak-free', async () => {
    const start = tf.memory().numTensors;
    const run = async (seed: number) => {
      const s = new NasSearch(digits, settings, seed);
      await runSearch(s);
      const out = s.records.map((r) => `${r.searcher} ${r.index} ${r.key} ${r.valAcc.toFixed(5)}`);
      expect(s.records.every((r) => r.latencyMs !== null && r.latencyMs >= 0)).toBe(true);
      for (const name of ['random', 'evolution', 'reinforce'] as const) {
        expect(s.records.filter((r) => r.searcher === name)).toHaveLength(3);
        const best = s.bestSoFar(name);
        for (let i = 1; i < best.length; i++) expect(best[i]).toBeGreaterThanOrEqual(best[i - 1]);
      }
      expect(s.records.every((r) => r.status === 'ok' && r.valAcc > 0.1)).toBe(true);
      s.dispose();
      return out;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(tf.memory().numTensors).toBe(start);
  }, 60_000);

  it('records a diverging candidate, says why, and skips it', async () => {
    const s = new NasSearch(digits, { ...settings, budget: 1, learningRate: 1e4 }, 1);
    await runSearch(s);
    expect(s.records).toHaveLength(3);
    expect(s.records.every((r) => r.status === 'diverged')).toBe(true);
    expect(s.records[0].reason).toMatch(/Diverged: the training loss .* skipped/);
    expect(s.bestSoFar('random').every((v) => Number.isNaN(v))).toBe(true);
    expect(s.done).toBe(true);
    s.dispose();
  }, 30_000);

  it('clamps the budget, and refuses an empty space with a message', () => {
    const s = new NasSearch(digits, { ...settings, budget: 0 }, 1);
    expect(s.budget).toBe(1);
    expect(s.notice).toMatch(/trains nothing/);
    s.dispose();
    expect(() => nasSearchSpec.create({ ...DEFAULT_SEARCH, space: { ...TINY, activations: [] } }, 1)).toThrow(ConfigError);
  });
});

describe('DARTS', () => {
  it('moves α with its steps, keeps the tensor count flat, and frees everything', async () => {
    const start = tf.memory().numTensors;
    const run = new DartsRun(digits, { searchSteps: 8, retrainSteps: 4, width: 8, batchSize: 16, weightLr: 0.05, alphaLr: 0.1 }, 1);
    const before = await run.alphaSoftmax();
    tf.tidy(() => run.step()).dispose();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.tidy(() => run.step()).dispose();
    expect(tf.memory().numTensors).toBe(count);
    const after = await run.alphaSoftmax();
    const moved = Math.max(...after.flatMap((r, e) => r.map((p, k) => Math.abs(p - before[e][k]))));
    expect(moved).toBeGreaterThan(1e-3);
    while (run.phase !== 'done') {
      tf.tidy(() => run.step()).dispose();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(run.derived?.length).toBe(5);
    expect(run.scores!.derivedVal).toBeGreaterThan(0.1);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  }, 60_000);
});
