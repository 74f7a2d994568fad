import * as tf from '@tensorflow/tfjs';
import { namesStore } from '../data/names';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { lossAndGradients } from '../nn/gradients';
import { validateMoe } from '../nn/moe';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { createRng } from '../rng';
import { buildCharCorpus, unigramLoss } from './charLmData';
import { MoeLm } from './moeLmNet';

/** The tiny MoE Transformer on first names: the shape is structural, α and η are live. */
export interface MoeLmConfig {
  /** URL of the packed names; '' when a test provided them with namesStore.provide. */
  dataUrl: string;
  layers: number;
  experts: number;
  topK: number;
  dModel: number;
  dFF: number;
  context: number;
  batch: number;
  balanceWeight: number;
  capacityFactor: number;
  learningRate: number;
}

export interface MoeLmView {
  /** tokens[i] is the character with id i ('\n' ends a name). */
  tokens: string[];
  /** Per layer: tokens each expert processed in recent training batches. */
  load: number[][];
  /** Per layer, per character id, per expert: how often the router's first choice sent that character there (decayed counts). */
  charExperts: number[][][];
  unigram: number;
  heldOut: number | null;
  series?: SeriesPoint;
}

export const MOE_LM_DEFAULTS: Omit<MoeLmConfig, 'dataUrl'> = { layers: 2, experts: 4, topK: 1, dModel: 32, dFF: 64, context: 16, batch: 16, balanceWeight: 0.01, capacityFactor: Infinity, learningRate: 0.003 };

const EVAL_WINDOWS = 64;
/** Per step the character counts fade by this much, so the table follows the router as it changes. */
const DECAY = 0.97;

function validate(c: MoeLmConfig): void {
  validateMoe(c);
  if (!(Number.isInteger(c.layers) && c.layers >= 1 && c.layers <= 4)) throw new ConfigError(`The model takes 1 to 4 layers (got ${c.layers}).`);
  if (!(c.balanceWeight >= 0 && c.balanceWeight <= 10)) throw new ConfigError(`The balancing weight α must lie in [0, 10] (got ${c.balanceWeight}).`);
  if (!(c.learningRate > 0 && c.learningRate <= 0.1)) throw new ConfigError(`The learning rate must lie in (0, 0.1] (got ${c.learningRate}).`);
}

/**
 * First names as one stream of characters; windows of `context` characters predict every next one. The
 * view reports tokens per expert per layer and, per layer, which characters the router sends where.
 */
export const moeLmSpec: ModelSpec<MoeLmConfig, MoeLmView> = {
  kind: 'moe-lm',
  probeConfig: { dataUrl: '', ...MOE_LM_DEFAULTS, batch: 4 },
  async prepare(config) {
    if (config.dataUrl) await namesStore.load(config.dataUrl);
    else namesStore.get();
  },
  create(config, seed): Model<MoeLmConfig, MoeLmView> {
    validate(config);
    let cfg = config;
    const corpus = buildCharCorpus(namesStore.get(), seed);
    const V = corpus.vocab.tokens.length;
    const net = new MoeLm({ vocabSize: V, context: cfg.context, dModel: cfg.dModel, heads: 4, layers: cfg.layers, dFF: cfg.dFF, experts: cfg.experts, topK: cfg.topK, capacityFactor: cfg.capacityFactor }, seed);
    const vars = net.params.variables();
    const opt = new Optimizer(vars, { ...DEFAULT_OPTIMIZER, kind: 'adam' });
    const rng = createRng(seed * 7919 + 3);
    const unigram = unigramLoss(corpus);
    const held = corpus.heldOutWindows(cfg.context, EVAL_WINDOWS);
    const heldX = tf.tensor2d(held.inputs, [held.windows, cfg.context], 'int32');
    const heldY = tf.tensor2d(held.targets, [held.windows, cfg.context], 'int32');
    const E = cfg.experts;
    let load = Array.from({ length: cfg.layers }, () => new Array(E).fill(0));
    let shownLoad = load.map((l) => l.slice());
    const chars = Array.from({ length: cfg.layers }, () => Array.from({ length: V }, () => new Array(E).fill(0)));
    let steps = 0;
    let nextEval = 0;
    let lastHeldOut: number | null = null;

    return {
      step: () => {
        const { inputs, targets } = corpus.trainBatch(cfg.batch, cfg.context, rng);
        const x = tf.tensor2d(inputs, [cfg.batch, cfg.context], 'int32');
        const y = tf.tensor2d(targets, [cfg.batch, cfg.context], 'int32');
        let kept: tf.Scalar | null = null;
        const { grads } = lossAndGradients(() => {
          const f = net.forward(x, y, true, rng);
          f.moe.forEach((m, l) => {
            m.routing.load.forEach((c, e) => (load[l][e] += c));
            const row = chars[l];
            for (const r of row) for (let e = 0; e < E; e++) r[e] *= DECAY;
            for (let n = 0; n < m.routing.tokens; n++) row[inputs[n]][m.routing.choice[n * m.routing.k]] += 1;
          });
          kept = tf.keep(f.data);
          return cfg.balanceWeight > 0 ? (tf.add(f.data, tf.mul(cfg.balanceWeight, f.balance)) as tf.Scalar) : f.data;
        }, vars);
        opt.apply(grads, cfg.learningRate);
        tf.dispose([x, y]);
        steps += 1;
        const out = tf.clone(kept!);
        (kept as tf.Scalar | null)?.dispose();
        return out;
      },
      configure: (c) => {
        validate(c);
        const same: (keyof MoeLmConfig)[] = ['layers', 'experts', 'topK', 'dModel', 'dFF', 'context', 'capacityFactor', 'dataUrl'];
        if (same.some((k) => c[k] !== cfg[k])) throw new ConfigError('Changing the model’s shape needs a new model: reset.');
        cfg = c;
      },
      view: async () => {
        if (load.some((l) => l.some((c) => c > 0))) {
          shownLoad = load;
          load = Array.from({ length: cfg.layers }, () => new Array(E).fill(0));
        }
        const base: MoeLmView = { tokens: corpus.vocab.tokens, load: shownLoad, charExperts: chars.map((l) => l.map((r) => r.map((v) => Math.round(v * 10) / 10))), unigram, heldOut: lastHeldOut };
        if (steps < nextEval) return base;
        const l = tf.tidy(() => net.forward(heldX, heldY, false).data);
        const value = (await l.data())[0];
        l.dispose();
        nextEval = steps + Math.min(50, Math.max(10, Math.floor(steps / 20)));
        lastHeldOut = value;
        return { ...base, heldOut: value, series: { 'held-out loss': value } };
      },
      variables: () => [...vars, ...opt.variables()],
      dispose: () => {
        tf.dispose([heldX, heldY]);
        opt.dispose();
        net.dispose();
      },
    };
  },
};
