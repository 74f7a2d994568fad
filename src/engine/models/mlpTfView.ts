import * as tf from '@tensorflow/tfjs';
import type { Mlp } from '../nn/mlp';
import type { MlpClassifierInput, MlpPoints } from './mlpClassifierConfig';
import type { MlpClassifierView } from './mlpPlainView';

/**
 * The MLP classifier's view computed with tfjs (the taped and lean tfjs paths; mlpPlainView.ts is the
 * plain-JS one): losses and accuracies on both sets, the decision map over the grid, the hidden units'
 * maps, the confusion matrix and the last step's gradient norm per layer.
 */
export interface TfViewInput {
  net: Mlp;
  /** The config with the points it trains on (inline or from the data path). */
  config: MlpClassifierInput & MlpPoints;
  sets: { xTrain: tf.Tensor2D; yTrain: tf.Tensor2D; xTest: tf.Tensor2D; yTest: tf.Tensor2D; xGrid: tf.Tensor2D | null };
  /** Each weight matrix's gradient at the last step. */
  lastWeightGrads: tf.Tensor[];
  learningRate: number;
}

/** The data loss: mean softmax cross-entropy against one-hot labels, or mean ½(ŷ − y)² in regression. */
export function dataLoss(out: tf.Tensor2D, y: tf.Tensor2D, regression: boolean): tf.Scalar {
  if (regression) return tf.div(tf.mean(tf.square(tf.sub(out, y))), 2) as tf.Scalar;
  return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(out)), 1))) as tf.Scalar;
}

function accuracy(logits: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32')) as tf.Scalar;
}

export async function tfView({ net, config: c, sets, lastWeightGrads, learningRate }: TfViewInput): Promise<Omit<MlpClassifierView, 'series' | 'testBelow'>> {
  const { xTrain, yTrain, xTest, yTest, xGrid } = sets;
  // Each piece in its own tidy, so only the tensors read below survive.
  const hasTest = c.test.x.length > 0;
  const regression = Boolean(c.targets);
  const acc = (out: tf.Tensor2D, y: tf.Tensor2D) => (regression ? tf.scalar(NaN) : accuracy(out, y));
  const twoClass = !regression && c.train.classes === 2;
  const grid = xGrid;
  // One forward pass per set (train, test, grid): the view runs often while training, so it stays lean.
  const { statsT, testPredT, outAll, neuronsT } = tf.tidy(() => {
    const tr = net.forward(xTrain, { training: false }).logits;
    const te = net.forward(xTest, { training: false }).logits;
    const stats = tf.stack([
      dataLoss(tr, yTrain, regression),
      hasTest ? dataLoss(te, yTest, regression) : tf.scalar(NaN),
      acc(tr, yTrain),
      hasTest ? acc(te, yTest) : tf.scalar(NaN),
      // TF Playground's test loss, for comparing with it: ½(o − t)² with o = p₁ − p₀ ∈ (−1, 1), t = ±1, i.e. 2(p₁ − y₁)².
      hasTest && twoClass ? tf.mul(2, tf.mean(tf.square(tf.sub(tf.slice(tf.softmax(te), [0, 1], [-1, 1]), tf.slice(yTest, [0, 1], [-1, 1]))))) : tf.scalar(NaN),
    ]);
    const pred = regression ? tf.zeros([0]) : tf.argMax(te, 1);
    const g = grid ? net.forward(grid, { training: false }) : null;
    const neurons = g && c.neuronMaps ? g.hidden.map((h) => tf.transpose(h)) : [];
    return { statsT: stats, testPredT: pred, outAll: g ? g.logits : tf.zeros([0, 0]), neuronsT: neurons };
  });
  const outT = grid ? (outAll as tf.Tensor2D) : null;
  if (!grid) outAll.dispose();
  // Regression paints ŷ on the same blue-orange scale as P(class 1): ŷ = −1 blue, +1 orange.
  const probsT = outT ? tf.tidy(() => (regression ? tf.concat([tf.sub(1, tf.clipByValue(tf.div(tf.add(outT, 1), 2), 0, 1)), tf.clipByValue(tf.div(tf.add(outT, 1), 2), 0, 1)], 1) : tf.softmax(outT))) : null;
  const normsT = lastWeightGrads.length ? tf.tidy(() => tf.stack(lastWeightGrads.map((g) => tf.norm(g)))) : null;
  const [stats, probs, testPred, gradNorms, outputs, ...neurons] = await Promise.all([
    statsT.data(),
    probsT?.data() ?? null,
    testPredT.data(),
    normsT?.data() ?? null,
    regression && outT ? outT.data() : null,
    ...neuronsT.map((n) => n.data()),
  ]);
  [statsT, probsT, testPredT, normsT, outT, ...neuronsT].forEach((t) => t?.dispose());
  const k = regression ? 0 : c.train.classes;
  const confusion = Array.from({ length: k * k }, () => 0);
  if (!regression) c.test.label.forEach((truth, i) => (confusion[truth * k + testPred[i]] += 1));
  return {
    trainLoss: stats[0],
    testLoss: stats[1],
    trainAccuracy: stats[2],
    testAccuracy: stats[3],
    testPlaygroundLoss: stats[4],
    learningRate,
    probs: (probs as Float32Array | null) ?? new Float32Array(0),
    neurons: neurons as Float32Array[],
    confusion,
    gradNorms: gradNorms ? Array.from(gradNorms) : [],
    parameters: net.parameterCount(),
    ...(outputs ? { outputs: outputs as Float32Array } : {}),
  };
}
