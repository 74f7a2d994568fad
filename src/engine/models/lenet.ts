import * as tf from '@tensorflow/tfjs';
import { loadMnist, getMnist } from '../data/mnistStore';
import type { Model, ModelSpec, View } from '../model';
import { EvalSet, classify, confusionMatrix, evaluate } from '../nn/lenetEval';
import { DEFAULT_ARCH, type LenetArch } from '../nn/lenetNet';
import { LenetRun, type LenetTraining } from '../nn/lenetRun';
import { testDigits } from '../nn/digitBatches';

/** The LeNet widget's configuration: architecture (structural), training (live), and what to show. */
export interface LenetConfig extends LenetTraining {
  /** URL of the packed digits; '' when a test provided them with provideMnist. */
  dataUrl: string;
  arch: LenetArch;
  /** Index into the test set of the digit whose feature maps are shown. */
  chosen: number;
  /** A drawn digit, already preprocessed to 28x28 in [0, 1], to classify; null for none. */
  drawn: number[] | null;
  /** Echoed in the view beside `drawnProbs`, so whoever sent the drawing can tell its answer from an older one's. */
  drawnTag?: number;
  /** Off: the view carries only curves and the drawn digit's prediction (the draw pad needs no more). */
  details: boolean;
}

/** Test digits per chunk of the rotating full-test pass behind the confusion matrix. */
const CHUNK = 250;

/** Loads the digits once per page before the first LeNet (or any MNIST model) is built. */
export async function prepareMnist(config: { dataUrl: string }): Promise<void> {
  if (config.dataUrl) await loadMnist(config.dataUrl);
  else getMnist();
}

/**
 * LeNet on the packed MNIST digits. Each curve point also evaluates the next
 * chunk of the full test set, so the confusion matrix and the most confused
 * digits cover all test digits at a steady, small cost.
 */
export const lenetSpec: ModelSpec<LenetConfig> = {
  kind: 'lenet',
  // Batch 8 keeps the probe short on slow backends; the ranking of backends is the same as at 32 here.
  probeConfig: { dataUrl: '', arch: DEFAULT_ARCH, optimizer: 'adam', learningRate: 0.001, batchSize: 8, trainSize: 2000, augment: null, chosen: 0, drawn: null, details: false },
  prepare: prepareMnist,
  create(config, seed): Model<LenetConfig> {
    const data = getMnist();
    let cfg = config;
    const run = new LenetRun(data, cfg.arch, cfg, seed);
    const nTest = data.nTest;
    const predicted = new Int32Array(nTest).fill(-1);
    const confidence = new Float32Array(nTest);
    let chunkFrom = 0;
    let chunkSet: EvalSet | null = null;
    let evaluated = 0;
    let cachedMaps: { key: string; value: View } | null = null;
    let cachedDrawn: { key: string; probs: number[] } | null = null;

    const nextChunk = async () => {
      if (!chunkSet) {
        const t = testDigits(data, chunkFrom, CHUNK);
        chunkSet = new EvalSet(t.xs, t.ys);
      }
      const ev = await evaluate(run.net, chunkSet);
      predicted.set(ev.predicted, chunkFrom);
      confidence.set(ev.confidence, chunkFrom);
      evaluated = Math.min(nTest, Math.max(evaluated, chunkFrom + chunkSet.n));
      chunkSet.dispose();
      chunkSet = null;
      chunkFrom = chunkFrom + CHUNK >= nTest ? 0 : chunkFrom + CHUNK;
    };

    const maps = async (): Promise<View> => {
      const key = `${run.steps}|${cfg.chosen}`;
      if (cachedMaps?.key === key) return cachedMaps.value;
      const idx = Math.max(0, Math.min(nTest - 1, cfg.chosen));
      const t = testDigits(data, idx, 1);
      const packed = tf.tidy(() => {
        const a = run.net.activations(tf.tensor4d(t.xs, [1, 28, 28, 1]));
        // A clone, not the variable itself: the caller disposes what this returns.
        return [a.conv1, a.conv2, tf.softmax(a.logits), tf.clone(run.net.firstFilters)] as tf.Tensor[];
      });
      const [c1, c2, probs, filters] = await Promise.all(packed.map((p) => p.data() as Promise<Float32Array>));
      packed.forEach((p) => p.dispose());
      const value: View = { chosenImage: t.xs, chosenLabel: t.ys[0], chosenProbs: Array.from(probs), conv1: c1, conv2: c2, filters };
      cachedMaps = { key, value };
      return value;
    };

    const mostConfused = (): View[] => {
      const wrong: number[] = [];
      for (let i = 0; i < evaluated; i++) if (predicted[i] >= 0 && predicted[i] !== data.labels[data.nTrain + i]) wrong.push(i);
      wrong.sort((a, b) => confidence[b] - confidence[a]);
      return wrong.slice(0, 8).map((i) => ({ index: i, label: data.labels[data.nTrain + i], predicted: predicted[i], confidence: confidence[i], image: testDigits(data, i, 1).xs }));
    };

    return {
      step: () => run.step(),
      configure: (c) => {
        cfg = c;
        run.configure(c);
      },
      view: async (): Promise<View> => {
        if (run.evalDue()) {
          await run.addCurvePoint();
          if (cfg.details) await nextChunk();
        }
        const c = run.curve;
        const view: View = {
          curve: {
            step: c.map((p) => p.step),
            trainLoss: c.map((p) => p.trainLoss),
            trainAcc: c.map((p) => p.trainAcc),
            testLoss: c.map((p) => p.testLoss),
            testAcc: c.map((p) => p.testAcc),
          },
          testAcc: c.length ? c[c.length - 1].testAcc : 0,
          examples: run.steps * cfg.batchSize,
          evalSize: run.evalSet.n,
        };
        if (cfg.drawn && cfg.drawn.length === 784) {
          const key = `${run.steps}|${cfg.drawn.join(',')}`;
          if (cachedDrawn?.key !== key) cachedDrawn = { key, probs: await classify(run.net, cfg.drawn) };
          view.drawnProbs = cachedDrawn.probs;
          view.drawnStep = run.steps;
          if (cfg.drawnTag !== undefined) view.drawnTag = cfg.drawnTag;
        }
        if (!cfg.details) return view;
        const labels = data.labels.subarray(data.nTrain, data.nTrain + evaluated);
        return { ...view, ...(await maps()), confusion: confusionMatrix(labels, predicted.subarray(0, evaluated)), evaluated, confused: mostConfused(), channels1: cfg.arch.channels1, channels2: cfg.arch.channels2 };
      },
      variables: () => run.net.vars,
      dispose: () => {
        run.dispose();
        (chunkSet as EvalSet | null)?.dispose();
      },
    };
  },
};
