import * as tf from '@tensorflow/tfjs';
import { clusteredSet } from '../data/clusters2d';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { Dense } from '../nn/dense';
import { lossAndGradients } from '../nn/gradients';
import { validateMoe } from '../nn/moe';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { ParamStore } from '../nn/params';
import { FeedForward } from '../nn/transformerBlock';
import { softmaxCrossEntropy } from '../nn/transformerLm';
import { createRng, permutation, type Rng } from '../rng';
import { MoeNet } from './moeClassifierNet';
import type { DenseVsMoeConfig, DenseVsMoeName, DenseVsMoeView } from './denseVsMoeConfig';

export { DENSE_VS_MOE_NAMES, type DenseVsMoeConfig, type DenseVsMoeName, type DenseVsMoeView } from './denseVsMoeConfig';

/** The dense twin: e = x W_e + b_e, z = e + FFN(e), logits = z W_o + b_o, with `hidden` units in its FFN. */
class DenseNet {
  readonly embed: Dense;
  readonly ffn: FeedForward;
  readonly head: Dense;
  constructor(
    readonly params: ParamStore,
    dModel: number,
    hidden: number,
  ) {
    this.embed = new Dense(params, 2, dModel, { name: 'embed/' });
    this.ffn = new FeedForward(params, dModel, hidden);
    this.head = new Dense(params, dModel, 2, { name: 'head/' });
  }
  logits(x: tf.Tensor2D): tf.Tensor2D {
    const e = this.embed.apply(x);
    return this.head.apply(tf.add(e, this.ffn.apply(e))) as tf.Tensor2D;
  }
  ffnParameters(): number {
    const { dModel: d, dFF: h } = this.ffn;
    return d * h + h + h * d + d;
  }
}

interface Run {
  name: DenseVsMoeName;
  vars: tf.Variable[];
  opt: Optimizer;
  params: ParamStore;
  loss: (x: tf.Tensor2D, y: tf.Tensor1D, training: boolean) => { data: tf.Scalar; total: tf.Scalar; logits: tf.Tensor2D };
  counts: { total: number; active: number };
  ms: number;
  steps: number;
}

function validate(c: DenseVsMoeConfig): void {
  validateMoe({ experts: c.experts, topK: c.topK, capacityFactor: Infinity });
  if (!(Number.isInteger(c.hidden) && c.hidden >= 1 && c.hidden <= 512)) throw new ConfigError(`An expert needs 1 to 512 hidden units (got ${c.hidden}).`);
  if (!(Number.isInteger(c.batch) && c.batch >= 1 && c.batch <= 4096)) throw new ConfigError(`A batch holds 1 to 4,096 points (got ${c.batch}).`);
}

/**
 * A mixture of E experts of width h (top-k, balancing loss α = 0.01) against dense FFNs of k·h and E·h hidden
 * units, trained with Adam on the same mini-batches of the clustered set; each network's step is timed on
 * its own (performance.now around it: on cpu and wasm a step runs synchronously, so that is its cost).
 * Parameters count the FFN part (router included for the MoE); the embedding and head are the same in all three.
 */
export function createDenseVsMoe(config: DenseVsMoeConfig, seed: number): Model<DenseVsMoeConfig, DenseVsMoeView> {
  validate(config);
  let cfg = config;
  const rng: Rng = createRng(seed * 13 + 5);
  const train = clusteredSet(config.points, seed);
  const test = clusteredSet(config.points, seed + 7777);
  const xy = (d: { x: number[]; y: number[] }) => tf.tensor2d(d.x.flatMap((x, i) => [x, d.y[i]]), [d.x.length, 2]);
  const xTest = xy(test);
  const yTest = tf.tensor1d(test.label, 'int32');
  const { experts: E, topK: k, hidden: h, dModel: d } = config;

  const moeStore = new ParamStore(createRng(seed));
  const moe = new MoeNet(moeStore, { dHidden: h, experts: E, topK: k, noisy: false, capacityFactor: Infinity }, d, 2);
  const dense = (width: number, s: number) => {
    const store = new ParamStore(createRng(seed + s));
    return { store, net: new DenseNet(store, d, width) };
  };
  const small = dense(k * h, 101);
  const big = dense(E * h, 202);
  const adam = (vars: tf.Variable[]) => new Optimizer(vars, { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  const denseRun = (name: DenseVsMoeName, m: { store: ParamStore; net: DenseNet }): Run => ({
    name, params: m.store, vars: m.store.variables(), opt: adam(m.store.variables()), ms: 0, steps: 0,
    counts: { total: m.net.ffnParameters(), active: m.net.ffnParameters() },
    loss: (x, y) => {
      const logits = m.net.logits(x);
      const data = softmaxCrossEntropy(logits, y);
      return { data, total: data, logits };
    },
  });
  const runs: Run[] = [
    {
      name: 'moe', params: moeStore, vars: moe.variables(), opt: adam(moe.variables()), ms: 0, steps: 0, counts: moe.moe.parameterCounts(),
      loss: (x, y, training) => {
        const f = moe.forward(x, { training });
        const data = softmaxCrossEntropy(f.logits, y);
        return { data, total: tf.add(data, tf.mul(0.01, f.moe.balance)) as tf.Scalar, logits: f.logits };
      },
    },
    denseRun('dense-active', small),
    denseRun('dense-total', big),
  ];
  let order = permutation(config.points, rng);
  let cursor = 0;
  const batch = () => {
    const b = Math.min(cfg.batch, cfg.points);
    const xs = new Float32Array(b * 2);
    const ys = new Int32Array(b);
    for (let i = 0; i < b; i++) {
      if (cursor >= cfg.points) {
        order = permutation(cfg.points, rng);
        cursor = 0;
      }
      const r = order[cursor++];
      xs[2 * i] = train.x[r];
      xs[2 * i + 1] = train.y[r];
      ys[i] = train.label[r];
    }
    return { x: tf.tensor2d(xs, [b, 2]), y: tf.tensor1d(ys, 'int32') };
  };
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

  return {
    step: () => {
      const { x, y } = batch();
      const losses: tf.Scalar[] = [];
      for (const r of runs) {
        const t0 = now();
        let kept: tf.Scalar | null = null;
        tf.tidy(() => {
          const { grads } = lossAndGradients(() => {
            const l = r.loss(x, y, true);
            kept = tf.keep(l.data);
            return l.total;
          }, r.vars);
          r.opt.apply(grads, cfg.learningRate);
        });
        // One read back per step and network, so that the timing includes the work (cpu and wasm run it here anyway).
        (kept as tf.Scalar | null)?.dataSync();
        r.ms += now() - t0;
        r.steps += 1;
        losses.push(kept!);
      }
      const mean = tf.tidy(() => tf.div(tf.addN(losses), losses.length)) as tf.Scalar;
      tf.dispose([x, y, ...losses]);
      return mean;
    },
    configure: (c) => {
      validate(c);
      if (c.experts !== cfg.experts || c.topK !== cfg.topK || c.hidden !== cfg.hidden || c.dModel !== cfg.dModel || c.points !== cfg.points) throw new ConfigError('Changing the networks’ shapes needs new networks: reset.');
      cfg = c;
    },
    view: async () => {
      const stats = tf.tidy(() => tf.stack(runs.flatMap((r) => {
        const l = r.loss(xTest, yTest, false);
        return [l.data, tf.mean(tf.cast(tf.equal(tf.argMax(l.logits, 1), yTest), 'float32'))];
      })));
      const v = await stats.data();
      stats.dispose();
      const out = {} as DenseVsMoeView['runs'];
      const series: SeriesPoint = {};
      runs.forEach((r, i) => {
        out[r.name] = { loss: v[2 * i], accuracy: v[2 * i + 1], total: r.counts.total, active: r.counts.active, msPerStep: r.steps ? r.ms / r.steps : 0 };
        series[`${r.name} accuracy`] = v[2 * i + 1];
        if (r.steps) series[`${r.name} ms`] = r.ms / r.steps;
      });
      return { runs: out, series };
    },
    variables: () => runs.flatMap((r) => [...r.vars, ...r.opt.variables()]),
    dispose: () => {
      tf.dispose([xTest, yTest]);
      runs.forEach((r) => {
        r.params.dispose();
        r.opt.dispose();
      });
    },
  };
}

export const DENSE_VS_MOE_DEFAULTS: DenseVsMoeConfig = { experts: 8, topK: 2, hidden: 128, dModel: 128, batch: 512, points: 600, learningRate: 0.01 };

export const denseVsMoeSpec: ModelSpec<DenseVsMoeConfig, DenseVsMoeView> = {
  kind: 'dense-vs-moe',
  probeConfig: { ...DENSE_VS_MOE_DEFAULTS, batch: 32 },
  create: createDenseVsMoe,
};
