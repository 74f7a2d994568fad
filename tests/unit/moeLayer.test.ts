/**
 * The mixture-of-experts layer: routing keeps top-k and capacity; the balancing loss is E Σ f_i P_i; the
 * output is the gated sum of the chosen experts (against a direct loop); gradients reach only the chosen
 * experts and match finite differences; overflow tokens come out as zeros (the residual carries them);
 * bad shapes get clear messages; tensor counts stay flat.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/engine/model';
import { lossAndGradients } from '../../src/engine/nn/gradients';
import { MoeLayer, validateMoe, type MoeLayerConfig } from '../../src/engine/nn/moe';
import { balanceLoss, expertCapacity, route, softmaxRows } from '../../src/engine/nn/moeRouting';
import { ParamStore } from '../../src/engine/nn/params';
import { createRng } from '../../src/engine/rng';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const BASE: MoeLayerConfig = { dModel: 3, dHidden: 4, experts: 4, topK: 2, noisy: false, capacityFactor: Infinity };

function layer(c: Partial<MoeLayerConfig> = {}, seed = 3): { moe: MoeLayer; store: ParamStore } {
  const store = new ParamStore(createRng(seed));
  const moe = new MoeLayer(store, { ...BASE, ...c });
  // Non-zero biases, so that a test would notice a bias left out.
  tf.tidy(() => moe.experts.forEach((ex, i) => {
    ex.inner.bias!.assign(tf.fill([ex.dFF], 0.1 * (i + 1)));
    ex.outer.bias!.assign(tf.fill([ex.dModel], -0.05 * (i + 1)));
  }));
  return { moe, store };
}

function randX(n: number, d: number, seed: number): number[][] {
  const r = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => r.normal()));
}

/** The layer, written as loops from its weights: Σ over kept slots of gate · FFN_e(x). */
function directMoe(moe: MoeLayer, x: number[][], capacity: number): number[][] {
  const { experts: E, topK: k, dModel: d } = moe.config;
  const W = moe.router.kernel.arraySync() as number[][];
  const logits = x.flatMap((row) => Array.from({ length: E }, (_, e) => row.reduce((s, v, j) => s + v * W[j][e], 0)));
  const r = route(logits, x.length, E, k, capacity);
  return x.map((row, n) => {
    const out = new Array(d).fill(0);
    for (let s = 0; s < k; s++) {
      if (!r.kept[n * k + s]) continue;
      const ex = moe.experts[r.choice[n * k + s]];
      const w1 = ex.inner.kernel.arraySync() as number[][];
      const b1 = ex.inner.bias!.arraySync() as number[];
      const w2 = ex.outer.kernel.arraySync() as number[][];
      const b2 = ex.outer.bias!.arraySync() as number[];
      const hid = b1.map((b, u) => Math.max(0, row.reduce((acc, v, j) => acc + v * w1[j][u], b)));
      for (let o = 0; o < d; o++) out[o] += r.gate[n * k + s] * hid.reduce((acc, v, u) => acc + v * w2[u][o], b2[o]);
    }
    return out;
  });
}

describe('routing', () => {
  it('gives each token its k largest logits, gates that sum to 1, and respects the capacity', () => {
    const rng = createRng(5);
    const n = 40;
    const E = 5;
    const logits = Array.from({ length: n * E }, () => rng.normal());
    for (const k of [1, 2, 3]) {
      const cap = expertCapacity(1, n, k, E);
      expect(cap).toBe(Math.ceil((n * k) / E));
      const r = route(logits, n, E, k, cap);
      for (let t = 0; t < n; t++) {
        const row = logits.slice(t * E, t * E + E);
        const want = [...row.keys()].sort((a, b) => row[b] - row[a]).slice(0, k);
        expect(Array.from(r.choice.slice(t * k, t * k + k))).toEqual(want);
        const z = (k === 1 ? [...row.keys()] : want).reduce((s, e) => s + Math.exp(row[e]), 0);
        want.forEach((e, s) => expect(r.gate[t * k + s]).toBeCloseTo(Math.exp(row[e]) / z, 6));
      }
      expect(r.load.every((c) => c <= cap)).toBe(true);
      expect(r.demand.reduce((a, b) => a + b, 0)).toBe(n * k);
      // Kept assignments per expert are exactly min(demand, C) and first choices win over second ones.
      r.demand.forEach((dem, e) => expect(r.load[e]).toBe(Math.min(dem, cap)));
    }
  });

  it('fills capacity with first choices before second choices', () => {
    // Three tokens, all prefer expert 0 first and expert 1 second; C = 2.
    const logits = [3, 2, 0, 3, 2, 0, 3, 2, 0];
    const r = route(logits, 3, 3, 2, 2);
    expect(Array.from(r.kept)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(r.dropped).toBe(1);
    expect(r.load).toEqual([2, 2, 0]);
  });

  it('refuses zero experts, k > E and a zero capacity factor with clear messages', () => {
    expect(() => validateMoe({ experts: 0, topK: 1, capacityFactor: 1 })).toThrow(/1 to 64 experts/);
    expect(() => validateMoe({ experts: 4, topK: 5, capacityFactor: 1 })).toThrow(/more than the 4 experts/);
    expect(() => validateMoe({ experts: 4, topK: 2, capacityFactor: 0 })).toThrow(/capacity factor must be positive/);
    expect(() => validateMoe({ experts: 4, topK: 0, capacityFactor: 1 })).toThrow(ConfigError);
    expect(() => expertCapacity(0, 10, 1, 2)).toThrow(/capacity factor/);
  });
});

describe('balancing loss', () => {
  it('equals E Σ f_i P_i, is 1 when balanced and grows towards E when collapsed', () => {
    const rng = createRng(8);
    const n = 30;
    const E = 4;
    const logits = Array.from({ length: n * E }, () => rng.normal());
    const r = route(logits, n, E, 2);
    const p = softmaxRows(logits, n, E);
    let want = 0;
    for (let e = 0; e < E; e++) {
      let pm = 0;
      for (let t = 0; t < n; t++) pm += p[t * E + e] / n;
      want += (r.demand[e] / (n * 2)) * pm;
    }
    expect(balanceLoss(p, r)).toBeCloseTo(E * want, 6);
    const uniform = new Array(n * E).fill(0).map((_, i) => (i % E === Math.floor(i / E) % E ? 1e-6 : 0));
    const ru = route(uniform, n, E, 1);
    expect(balanceLoss(new Float32Array(n * E).fill(1 / E), ru)).toBeCloseTo(1, 2);
    const collapsed = new Array(n * E).fill(0).map((_, i) => (i % E === 0 ? 20 : 0));
    const rc = route(collapsed, n, E, 1);
    expect(balanceLoss(softmaxRows(collapsed, n, E), rc)).toBeCloseTo(E, 3);
  });

  it('the layer returns the same value as a tensor', () => {
    const { moe, store } = layer();
    const x = randX(12, 3, 1);
    const r = tf.tidy(() => {
      const f = moe.apply(tf.tensor2d(x), { training: false });
      return { b: f.balance.dataSync()[0], want: balanceLoss(f.probs, f.routing) };
    });
    expect(r.b).toBeCloseTo(r.want, 5);
    store.dispose();
  });
});

describe('the layer', () => {
  it.each([
    ['k = 1, no limit', { topK: 1 }, Infinity],
    ['k = 2, no limit', { topK: 2 }, Infinity],
    ['k = 2, capacity factor 0.5', { topK: 2, capacityFactor: 0.5 }, 0.5],
  ] as const)('%s: equals the gated sum of the chosen experts, as loops', (_, c, factor) => {
    const { moe, store } = layer(c);
    const x = randX(16, 3, 2);
    const got = tf.tidy(() => moe.apply(tf.tensor2d(x), { training: false }).output.arraySync() as number[][]);
    const want = directMoe(moe, x, expertCapacity(factor, 16, moe.config.topK, 4));
    got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], 5));
    store.dispose();
  });

  it('a token whose experts are all full comes out as zeros (its residual passes it on unchanged)', () => {
    const { moe, store } = layer({ topK: 1, capacityFactor: 0.25 });
    const x = randX(16, 3, 4);
    tf.tidy(() => {
      const f = moe.apply(tf.tensor2d(x), { training: false });
      const out = f.output.arraySync() as number[][];
      const y = tf.add(tf.tensor2d(x), f.output).arraySync() as number[][];
      expect(f.routing.dropped).toBeGreaterThan(0);
      for (let t = 0; t < 16; t++) {
        if (f.routing.kept[t]) continue;
        expect(out[t]).toEqual([0, 0, 0]);
        y[t].forEach((v, j) => expect(v).toBeCloseTo(x[t][j], 6));
      }
    });
    store.dispose();
  });

  it('gradients reach only the chosen experts and match finite differences', () => {
    const { moe, store } = layer({ topK: 1, experts: 4 });
    // Two tokens: at most two experts are chosen, so at least two get no gradient at all.
    const x = tf.tensor2d(randX(2, 3, 9));
    const target = tf.tensor2d(randX(2, 3, 10));
    const lossFn = () => tf.tidy(() => {
      const f = moe.apply(x, { training: false });
      return tf.add(tf.sum(tf.square(tf.sub(f.output, target))), tf.mul(0.3, f.balance)) as tf.Scalar;
    });
    let chosen = new Set<number>();
    tf.tidy(() => void (chosen = new Set(Array.from(moe.apply(x, { training: false }).routing.choice))));
    const vars = moe.variables();
    const { grads } = tf.tidy(() => {
      const r = lossAndGradients(lossFn, vars);
      return { grads: r.grads.map((g) => g.arraySync() as number[] | number[][]) };
    });
    moe.experts.forEach((ex, e) => {
      const i = vars.indexOf(ex.inner.kernel);
      const norm = [0, 1, 2, 3].reduce((s, j) => s + (grads[i + j].flat() as number[]).reduce((a, v) => a + v * v, 0), 0);
      if (chosen.has(e)) expect(norm).toBeGreaterThan(0);
      else expect(norm).toBe(0);
    });
    // Finite differences on the router and on a chosen expert's weights (routing does not flip at h = 1e-3).
    const check = (v: tf.Variable, g: number[] | number[][]) => {
      const flatG = g.flat() as number[];
      const base = v.dataSync().slice();
      for (let i = 0; i < Math.min(6, base.length); i++) {
        const at = (delta: number) => {
          const w = base.slice();
          w[i] += delta;
          v.assign(tf.tensor(w, v.shape));
          const l = lossFn();
          const val = l.dataSync()[0];
          l.dispose();
          return val;
        };
        const fd = (at(1e-3) - at(-1e-3)) / 2e-3;
        v.assign(tf.tensor(base, v.shape));
        expect(flatG[i]).toBeCloseTo(fd, 2);
      }
    };
    check(moe.router.kernel, grads[0]);
    const e = [...chosen][0];
    const i = vars.indexOf(moe.experts[e].inner.kernel);
    check(moe.experts[e].inner.kernel, grads[i]);
    check(moe.experts[e].outer.kernel, grads[i + 2]);
    tf.dispose([x, target]);
    store.dispose();
  });

  it('noisy gating changes the routing while training only, reproducibly from its rng', () => {
    const { moe, store } = layer({ noisy: true, topK: 1 });
    const x = tf.tensor2d(randX(64, 3, 11));
    const pick = (training: boolean, seed: number) => tf.tidy(() => Array.from(moe.apply(x, { training, rng: createRng(seed) }).routing.choice));
    expect(pick(false, 1)).toEqual(pick(false, 2));
    expect(pick(true, 1)).toEqual(pick(true, 1));
    expect(pick(true, 1)).not.toEqual(pick(false, 1));
    x.dispose();
    store.dispose();
  });

  it('leaves no tensor behind, across forward passes and gradient steps', () => {
    const { moe, store } = layer({ noisy: true, capacityFactor: 1 });
    const x = tf.tensor2d(randX(20, 3, 12));
    const rng = createRng(1);
    const once = () => tf.tidy(() => {
      const { grads, loss } = lossAndGradients(() => {
        const f = moe.apply(x, { training: true, rng });
        return tf.add(tf.sum(f.output), f.balance) as tf.Scalar;
      }, moe.variables());
      grads.forEach((g, i) => moe.variables()[i].assign(tf.sub(moe.variables()[i], tf.mul(0.01, g))));
      return loss;
    }).dispose();
    once();
    const start = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) once();
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
    const before = tf.memory().numTensors;
    store.dispose();
    expect(tf.memory().numTensors).toBe(before - moe.variables().length);
  });

  it('counts its parameters: the router plus E experts in total, plus k experts active', () => {
    const { moe, store } = layer({ experts: 8, topK: 2 });
    const total = moe.variables().reduce((s, v) => s + v.size, 0);
    expect(moe.parameterCounts().total).toBe(total);
    const expert = 3 * 4 + 4 + 4 * 3 + 3;
    expect(moe.parameterCounts().active).toBe(3 * 8 + 2 * expert);
    // The chapter: 33 weight tensors (router and 8 experts) to update, against a dense FFN's 4.
    expect(moe.variables()).toHaveLength(33);
    store.dispose();
  });
});
