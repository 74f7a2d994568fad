import * as tf from '@tensorflow/tfjs';

/** Anything that scores digits [B, 28, 28, 1] into 10 logits: a LeNet, a ViT. */
export interface DigitClassifier {
  logits(x: tf.Tensor4D): tf.Tensor2D;
}

/** A fixed set of digits held as tensors for evaluation. */
export class EvalSet {
  readonly x: tf.Tensor4D;
  readonly y: tf.Tensor1D;
  readonly n: number;

  constructor(xs: Float32Array, ys: Int32Array) {
    this.n = ys.length;
    this.x = tf.tensor4d(xs, [this.n, 28, 28, 1]);
    this.y = tf.tensor1d(ys, 'int32');
  }

  dispose(): void {
    this.x.dispose();
    this.y.dispose();
  }
}

/** Loss, accuracy, and each digit's predicted class and its probability, on one eval set. */
export interface EvalResult {
  loss: number;
  accuracy: number;
  predicted: Int32Array;
  /** Softmax probability of the predicted class. */
  confidence: Float32Array;
}

/** Runs `net` on `set` in chunks (bounded memory) and reads everything back with one async read per chunk. */
export async function evaluate(net: DigitClassifier, set: EvalSet, chunk = 500): Promise<EvalResult> {
  const predicted = new Int32Array(set.n);
  const confidence = new Float32Array(set.n);
  let lossSum = 0;
  let correct = 0;
  for (let from = 0; from < set.n; from += chunk) {
    const size = Math.min(chunk, set.n - from);
    const packed = tf.tidy(() => {
      const x = tf.slice(set.x, [from, 0, 0, 0], [size, 28, 28, 1]);
      const y = tf.slice(set.y, [from], [size]);
      const logp = tf.logSoftmax(net.logits(x));
      const nll = tf.neg(tf.sum(tf.mul(tf.oneHot(y, 10), logp), 1));
      const pred = tf.argMax(logp, 1).toFloat();
      const conf = tf.exp(tf.max(logp, 1));
      return tf.stack([nll, pred, conf, tf.equal(pred, y.toFloat()).toFloat()]);
    });
    const v = await packed.data();
    packed.dispose();
    for (let i = 0; i < size; i++) {
      lossSum += v[i];
      predicted[from + i] = v[size + i];
      confidence[from + i] = v[2 * size + i];
      correct += v[3 * size + i];
    }
  }
  return { loss: set.n ? lossSum / set.n : 0, accuracy: set.n ? correct / set.n : 0, predicted, confidence };
}

/** Softmax probabilities of the 10 classes for one 28x28 image (values in [0, 1]). */
export async function classify(net: DigitClassifier, pixels: ArrayLike<number>): Promise<number[]> {
  const p = tf.tidy(() => tf.softmax(net.logits(tf.tensor4d(Float32Array.from(pixels), [1, 28, 28, 1]))));
  const v = await p.data();
  p.dispose();
  return Array.from(v);
}

/** A 10x10 confusion matrix, row = true class, column = predicted, over the first `n` digits. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, n = labels.length): number[] {
  const m = new Array<number>(100).fill(0);
  for (let i = 0; i < n; i++) m[labels[i] * 10 + predicted[i]] += 1;
  return m;
}
