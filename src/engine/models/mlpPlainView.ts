import type { SeriesPoint } from '../model';
import type { DenseNetJs } from '../nn/denseJs';

/** What the MLP classifier shows: losses and accuracies (NaN where a set or a class has none), maps, counts. */
export interface MlpMetricsView {
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** TF Playground's test loss 2(p₁ − y₁)², for comparing with it (two classes only). */
  testPlaygroundLoss: number;
  /** Class probabilities on the grid, `classes` per cell; empty without a grid. */
  probs: Float32Array;
  /** One activation map per hidden neuron over the grid (neuronMaps on). */
  neurons: Float32Array[];
  /** counts[truth * classes + predicted] on the test set. */
  confusion: number[];
  /** ‖∂L/∂W‖ of each weight matrix at the last step. */
  gradNorms: number[];
  /** Regression: ŷ on the grid. */
  outputs?: Float32Array;
}

/** The MLP classifier's whole view. */
export interface MlpClassifierView extends MlpMetricsView {
  learningRate: number;
  parameters: number;
  /** 'train loss' and 'test loss' (NaN without a test set), for the curves. */
  series: SeriesPoint;
  /** [step, test loss] where the stop rule's target was first met at an epoch end; [] if not (yet); plain-JS steps only. */
  testBelow?: number[];
}

/** One set of points as plain rows: features [n x d], targets [n x k] (one-hot, or real values in regression). */
export interface PlainRows {
  x: Float32Array;
  y: Float32Array;
  n: number;
}

/** What a view needs besides the network: the sets, the grid and how to read the outputs. */
export interface PlainViewInput {
  train: PlainRows;
  test: PlainRows;
  /** Grid rows [cells x d] for the heatmap and neuron maps, or null when the maps are off. */
  grid: { x: Float32Array; n: number } | null;
  testLabels: number[];
  classes: number;
  regression: boolean;
  neuronMaps: boolean;
}

/**
 * The MLP classifier's view computed in plain JS from a plain-JS network: the
 * same numbers as MlpClassifier's tfjs view (checked in tests/unit/denseJs.test.ts),
 * without a tfjs kernel, so a network whose steps run in plain JS never waits on tfjs.
 */
export function plainView(net: DenseNetJs, v: PlainViewInput): MlpMetricsView {
  const k = v.regression ? 1 : v.classes;
  const tr = stats(net, v.train, k, v.regression);
  const te = v.test.n > 0 ? stats(net, v.test, k, v.regression) : null;
  const confusion = Array.from({ length: v.regression ? 0 : k * k }, () => 0);
  if (te && !v.regression) v.testLabels.forEach((truth, i) => (confusion[truth * k + te.pred[i]] += 1));
  let probs = new Float32Array(0);
  let outputs: Float32Array | null = null;
  const neurons: Float32Array[] = [];
  if (v.grid) {
    const g = net.forward(v.grid.x, v.grid.n);
    const cells = v.grid.n;
    if (v.regression) {
      // ŷ painted on the blue-orange scale of P(class 1): ŷ = −1 blue, +1 orange.
      outputs = g.logits;
      probs = new Float32Array(cells * 2);
      for (let i = 0; i < cells; i++) {
        const p = Math.min(1, Math.max(0, (g.logits[i] + 1) / 2));
        probs[2 * i] = 1 - p;
        probs[2 * i + 1] = p;
      }
    } else {
      probs = new Float32Array(cells * k);
      for (let i = 0; i < cells; i++) softmaxRow(g.logits, i * k, k, probs);
    }
    if (v.neuronMaps)
      for (const h of g.hidden) {
        // [cells x units] -> [units x cells]: one map per neuron
        const units = h.length / cells;
        const t = new Float32Array(h.length);
        for (let c = 0; c < cells; c++) for (let u = 0; u < units; u++) t[u * cells + c] = h[c * units + u];
        neurons.push(t);
      }
  }
  return {
    trainLoss: tr.loss,
    testLoss: te ? te.loss : NaN,
    trainAccuracy: v.regression ? NaN : tr.accuracy,
    testAccuracy: te && !v.regression ? te.accuracy : NaN,
    testPlaygroundLoss: te && !v.regression && k === 2 ? te.playgroundLoss : NaN,
    probs,
    neurons,
    confusion,
    gradNorms: net.gradNorms(),
    ...(outputs ? { outputs } : {}),
  };
}

/** One test-set number from a plain-JS network: the data loss or TF Playground's loss (NaN where it has none). */
export function testMetric(net: DenseNetJs, v: Omit<PlainViewInput, 'neuronMaps'>, key: 'testLoss' | 'testPlaygroundLoss'): number {
  if (v.test.n === 0) return NaN;
  const k = v.regression ? 1 : v.classes;
  const t = stats(net, v.test, k, v.regression);
  return key === 'testLoss' ? t.loss : !v.regression && k === 2 ? t.playgroundLoss : NaN;
}

/** Mean loss, accuracy, TF Playground's loss 2(p₁ − y₁)² and the predicted class of each row of one set. */
function stats(net: DenseNetJs, set: PlainRows, k: number, regression: boolean) {
  const { logits } = net.forward(set.x, set.n);
  const p = new Float32Array(k);
  let loss = 0;
  let correct = 0;
  let playgroundLoss = 0;
  const pred = new Int32Array(set.n);
  for (let r = 0; r < set.n; r++) {
    if (regression) {
      const e = logits[r] - set.y[r];
      loss += (e * e) / 2;
      continue;
    }
    const logSum = softmaxRow(logits, r * k, k, p, 0);
    let best = 0;
    let truth = 0;
    for (let j = 0; j < k; j++) {
      loss -= set.y[r * k + j] * (logits[r * k + j] - logSum);
      if (logits[r * k + j] > logits[r * k + best]) best = j;
      if (set.y[r * k + j] > set.y[r * k + truth]) truth = j;
    }
    pred[r] = best;
    if (best === truth) correct += 1;
    if (k === 2) playgroundLoss += 2 * (p[1] - set.y[r * k + 1]) ** 2;
  }
  const n = Math.max(1, set.n);
  return { loss: loss / n, accuracy: correct / n, playgroundLoss: playgroundLoss / n, pred };
}

/** Writes softmax(z[at .. at+k]) into out[outAt ..]; returns log Σ exp z (the log-normaliser). */
function softmaxRow(z: Float32Array, at: number, k: number, out: Float32Array, outAt = at): number {
  let max = -Infinity;
  for (let j = 0; j < k; j++) max = Math.max(max, z[at + j]);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(z[at + j] - max);
  for (let j = 0; j < k; j++) out[outAt + j] = Math.exp(z[at + j] - max) / sum;
  return max + Math.log(sum);
}
