import * as tf from '@tensorflow/tfjs';
import { loadMnist, getMnist } from '../data/mnistStore';
import type { Model, ModelSpec, SeriesPoint } from '../model';
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
  /** Off: the view carries only the curves' series and counts (the probe needs no more). */
  details: boolean;
}

/** A test digit the network gets wrong, as the view sends it. */
export interface ConfusedDigit {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
  image: Float32Array;
}

/** The chosen test digit's feature maps and the first layer's filters (details on). */
export interface LenetMaps {
  chosenImage: Float32Array;
  chosenLabel: number;
  chosenProbs: number[];
  conv1: Float32Array;
  conv2: Float32Array;
  filters: Float32Array;
}

/** What the LeNet figure draws; the maps, confusion and confused digits only with `details`. */
export interface LenetView extends Partial<LenetMaps> {
  /** A new curve point: 'train loss', 'test loss', 'train accuracy', 'test accuracy' (absent between points). */
  series?: SeriesPoint;
  /** Test accuracy at the last curve point; 0 before the first. */
  testAcc: number;
  examples: number;
  evalSize: number;
  confusion?: number[];
  evaluated?: number;
  confused?: ConfusedDigit[];
  channels1?: number;
  channels2?: number;
}

/** A question for a LeNet: the class of one drawing, 28x28 in [0, 1] after MNIST's preprocessing. */
export interface LenetRequest {
  classify: number[];
}

/** The softmax over the ten digits, and the training step of the weights that computed it. */
export interface LenetAnswer {
  probs: number[];
  step: number;
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
export const lenetSpec: ModelSpec<LenetConfig, LenetView, LenetRequest, LenetAnswer> = {
  kind: 'lenet',
  // Batch 8 keeps the probe short on slow backends; the ranking of backends is the same as at 32 here.
  probeConfig: { dataUrl: '', arch: DEFAULT_ARCH, optimizer: 'adam', learningRate: 0.001, batchSize: 8, trainSize: 2000, augment: null, chosen: 0, details: false },
  prepare: prepareMnist,
  create(config, seed): Model<LenetConfig, LenetView, LenetRequest, LenetAnswer> {
    const data = getMnist();
    let cfg = config;
    const run = new LenetRun(data, cfg.arch, cfg, seed);
    const nTest = data.nTest;
    const predicted = new Int32Array(nTest).fill(-1);
    const confidence = new Float32Array(nTest);
    let chunkFrom = 0;
    let chunkSet: EvalSet | null = null;
    let evaluated = 0;
    let cachedMaps: { key: string; value: LenetMaps } | null = null;

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

    const maps = async (): Promise<LenetMaps> => {
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
      const value: LenetMaps = { chosenImage: t.xs, chosenLabel: t.ys[0], chosenProbs: Array.from(probs), conv1: c1, conv2: c2, filters };
      cachedMaps = { key, value };
      return value;
    };

    const mostConfused = (): ConfusedDigit[] => {
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
      view: async (): Promise<LenetView> => {
        let series: SeriesPoint | undefined;
        if (run.evalDue()) {
          const p = await run.addCurvePoint();
          series = { 'train loss': p.trainLoss, 'test loss': p.testLoss, 'train accuracy': p.trainAcc, 'test accuracy': p.testAcc };
          if (cfg.details) await nextChunk();
        }
        const c = run.curve;
        const view: LenetView = {
          ...(series && { series }),
          testAcc: c.length ? c[c.length - 1].testAcc : 0,
          examples: run.steps * cfg.batchSize,
          evalSize: run.evalSet.n,
        };
        if (!cfg.details) return view;
        const labels = data.labels.subarray(data.nTrain, data.nTrain + evaluated);
        return { ...view, ...(await maps()), confusion: confusionMatrix(labels, predicted.subarray(0, evaluated)), evaluated, confused: mostConfused(), channels1: cfg.arch.channels1, channels2: cfg.arch.channels2 };
      },
      answer: async (q) => {
        if (!Array.isArray(q.classify) || q.classify.length !== 784) throw new Error('A drawing to classify has 784 pixels (28×28).');
        return { probs: await classify(run.net, q.classify), step: run.steps };
      },
      variables: () => run.net.vars,
      dispose: () => {
        run.dispose();
        (chunkSet as EvalSet | null)?.dispose();
      },
    };
  },
};
