import * as tf from '@tensorflow/tfjs';
import { getMnist } from '../data/mnistStore';
import { ConfigError, type Model, type ModelSpec, type SeriesPoint } from '../model';
import { DigitBatches, testDigits } from '../nn/digitBatches';
import { EvalSet, evaluate } from '../nn/lenetEval';
import { crossEntropy, DEFAULT_ARCH, LenetNet } from '../nn/lenetNet';
import { LiveOptimizer } from '../nn/optimizers';
import { patchCount, VALID_PATCHES, vitParamCount, VitNet } from '../nn/vit';
import { createRng } from '../rng';
import { prepareMnist } from './lenet';
import { DEFAULT_VIT, type VitDigitsAnswer, type VitDigitsConfig, type VitDigitsRequest, type VitDigitsView } from './vitDigitsConfig';

/** Held-out digits both models are scored on at each curve point (the first of the test split). */
const EVAL_SIZE = 500;
/** Chapter 6's LeNet settings (its widget's defaults): Adam, η = 0.002. */
const LENET_LR = 0.002;

function validate(c: VitDigitsConfig): void {
  if (!VALID_PATCHES.includes(c.patch as (typeof VALID_PATCHES)[number])) throw new ConfigError(`A patch side of ${c.patch} does not divide 28; choose ${VALID_PATCHES.join(', ')}.`);
  if (!(c.dModel >= 4 && c.dModel <= 128 && Number.isInteger(c.dModel))) throw new ConfigError(`d_model must be a whole number from 4 to 128 (got ${c.dModel}).`);
  if (!(c.batchSize >= 1 && c.batchSize <= 256)) throw new ConfigError(`A batch holds 1 to 256 digits (got ${c.batchSize}).`);
  if (!(c.learningRate > 0 && c.learningRate <= 1)) throw new ConfigError(`The learning rate must lie in (0, 1] (got ${c.learningRate}).`);
}

/** LeNet-5's parameters with chapter 6's default channels (6 and 16): 61,706. */
export function lenetParamCount(): number {
  const { channels1: c1, channels2: c2 } = DEFAULT_ARCH;
  return 25 * c1 + c1 + 25 * c1 * c2 + c2 + 25 * c2 * 120 + 120 + 120 * 84 + 84 + 84 * 10 + 10;
}

/**
 * A tiny ViT and chapter 6's LeNet trained on the same mini-batches of the packed digits, one step of
 * each per trainer step, each step timed on its own, so that examples per second are measured for both
 * on this device and backend. Both are scored on the same held-out digits now and then.
 */
export const vitDigitsSpec: ModelSpec<VitDigitsConfig, VitDigitsView, VitDigitsRequest, VitDigitsAnswer> = {
  kind: 'vit-digits',
  probeConfig: { dataUrl: '', ...DEFAULT_VIT, batchSize: 16, trainSize: 2000, lenet: false },
  prepare: prepareMnist,
  create(config, seed): Model<VitDigitsConfig, VitDigitsView, VitDigitsRequest, VitDigitsAnswer> {
    validate(config);
    const data = getMnist();
    let cfg = config;
    const vit = new VitNet({ patch: cfg.patch, dModel: cfg.dModel, heads: cfg.heads, layers: cfg.layers, dFF: 2 * cfg.dModel, pooling: cfg.pooling, learningRate: cfg.learningRate }, seed);
    const lenet = cfg.lenet ? new LenetNet(DEFAULT_ARCH, createRng(seed)) : null;
    const lenetOpt = lenet ? new LiveOptimizer(lenet.vars, 'adam', LENET_LR) : null;
    const batches = new DigitBatches(data, cfg.trainSize, createRng(seed * 7919 + 13));
    const t = testDigits(data, 0, EVAL_SIZE);
    const evalSet = new EvalSet(t.xs, t.ys);
    // Performance.now() around a step measures the step itself on cpu and wasm, which compute synchronously.
    const exactTiming = tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm';
    let steps = 0;
    let vitMs = 0;
    let lenetMs = 0;
    let lastEvalMs = -Infinity;
    let vitAcc: number | null = null;
    let lenetAcc: number | null = null;

    const view = async (): Promise<VitDigitsView> => {
      const trained = vitMs + lenetMs;
      let series: SeriesPoint | undefined;
      // A point at the start, then after every fifth of the training time so far (0.5 s to 5 s apart): the
      // curve keeps its shape, and evaluating 500 digits stays a small share of the time.
      if (steps === 0 ? lastEvalMs === -Infinity : trained - lastEvalMs >= Math.min(5000, Math.max(500, trained / 5))) {
        lastEvalMs = trained;
        const v = await evaluate(vit, evalSet);
        vitAcc = v.accuracy;
        series = { 'ViT accuracy': v.accuracy, 'ViT loss': v.loss, 'ViT seconds': vitMs / 1000 };
        if (lenet) {
          const l = await evaluate(lenet, evalSet);
          lenetAcc = l.accuracy;
          series = { ...series, 'LeNet accuracy': l.accuracy, 'LeNet loss': l.loss, 'LeNet seconds': lenetMs / 1000 };
        }
      }
      return {
        ...(series && { series }),
        examples: steps * cfg.batchSize, vitSeconds: vitMs / 1000, lenetSeconds: lenetMs / 1000, vitAcc, lenetAcc, evalSize: EVAL_SIZE,
        patches: patchCount(cfg.patch), tokens: vit.tokens, vitParams: vitParamCount({ ...cfg, dFF: 2 * cfg.dModel }), lenetParams: lenet ? lenetParamCount() : 0, exactTiming,
      };
    };

    return {
      step: () => {
        const { x, y } = batches.next(cfg.batchSize, null);
        let t0 = performance.now();
        const vitLoss = vit.trainStep(x, y);
        vitMs += performance.now() - t0;
        let total: tf.Scalar = vitLoss;
        if (lenet && lenetOpt) {
          t0 = performance.now();
          const { value, grads } = tf.variableGrads(() => crossEntropy(lenet.logits(x), y), lenet.vars);
          lenetOpt.apply(grads);
          lenetMs += performance.now() - t0;
          // The frame shows the ViT's loss; adding 0 × LeNet's lets a NaN in either stop the run as diverged.
          total = tf.add(vitLoss, tf.mul(value, 0));
        }
        steps += 1;
        return total;
      },
      configure: (c) => {
        validate(c);
        cfg = c;
        vit.setLearningRate(c.learningRate);
        batches.setTrainSize(c.trainSize);
      },
      view,
      answer: async (q) => {
        const idx = Math.max(0, Math.min(data.nTest - 1, Math.floor(Number(q.digit) || 0)));
        const d = testDigits(data, idx, 1);
        const { heads, layers } = vit.config;
        const n = patchCount(cfg.patch);
        const packed = tf.tidy(() => {
          const x = tf.tensor4d(d.xs, [1, 28, 28, 1]);
          const w = vit.attentionWeights(x); // each [1, h, T, T]
          // The class token's row over the patches (cls), or what each patch receives on average (mean).
          const overPatches = w.map((wl) => {
            const rows = vit.cls ? tf.slice(wl, [0, 0, 0, 1], [1, heads, 1, n]) : tf.mean(wl, 2, true);
            return tf.reshape(rows, [heads, n]);
          });
          const perLayer = tf.stack(overPatches.map((o) => tf.mean(o, 0)));
          const out = [tf.softmax(vit.logits(x)), vit.sequence(x), perLayer, overPatches[overPatches.length - 1]];
          if (lenet) out.push(tf.softmax(lenet.logits(x)));
          return out;
        });
        const [vp, seq, att, last, lp] = await Promise.all(packed.map((p) => p.data() as Promise<Float32Array>));
        tf.dispose(packed);
        return {
          image: d.xs, label: d.ys[0], patch: cfg.patch, vitProbs: Array.from(vp), lenetProbs: lp ? Array.from(lp) : [],
          sequence: seq, tokens: vit.tokens, dModel: vit.config.dModel, attention: att, layers, lastLayerHeads: last, heads, step: steps,
        };
      },
      variables: () => [...vit.variables(), ...(lenet ? lenet.vars : []), ...(lenetOpt ? lenetOpt.variables() : [])],
      dispose: () => {
        vit.dispose();
        lenet?.dispose();
        lenetOpt?.dispose();
        evalSet.dispose();
      },
    };
  },
};
