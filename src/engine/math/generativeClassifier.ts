/** The Gaussian generative classifiers applied to a 2-D data set: fit, accuracy and a probability grid. */
import { grid2d, type Points2D } from '../data/classification2d';
import { features, type FeatureKind } from './features';
import { fitSharedGaussian, gaussianPosterior, type GaussianFit } from './generative';
import { fitSeparateGaussians, quadraticPosterior, type SeparateGaussianFit } from './generativeQuadratic';

/** How well a posterior P(class | x) does on the data, and its map over the plane. */
export interface GenerativeEvaluation {
  /** Fraction of the data the posterior's argmax labels correctly. */
  accuracy: number;
  /** Mean cross-entropy −log P(y_i | x_i) on the data, comparable with the trained model's loss. */
  loss: number;
  /** P(class | grid cell), `classes` values per cell, row-major from the top-left of [-1, 1]^2. */
  probs: Float32Array;
}

export interface GenerativeResult extends GenerativeEvaluation {
  fit: GaussianFit;
}

export interface QuadraticGenerativeResult extends GenerativeEvaluation {
  fit: SeparateGaussianFit;
}

/** Fits the shared-covariance classifier (LDA) to `data` in feature space and evaluates it; throws with a message on degenerate data. */
export function generativeClassifier(data: Points2D, kind: FeatureKind, gridSize = 40): GenerativeResult {
  const X = data.x.map((x, i) => features(kind, x, data.y[i]));
  const fit = fitSharedGaussian(X, data.label, data.classes);
  return { fit, ...evaluate(data, kind, gridSize, X, (x) => gaussianPosterior(fit, x)) };
}

/** Fits the separate-covariance classifier (QDA) to `data` in feature space and evaluates it; throws with a message on degenerate data. */
export function quadraticGenerativeClassifier(data: Points2D, kind: FeatureKind, gridSize = 40): QuadraticGenerativeResult {
  const X = data.x.map((x, i) => features(kind, x, data.y[i]));
  const fit = fitSeparateGaussians(X, data.label, data.classes);
  return { fit, ...evaluate(data, kind, gridSize, X, (x) => quadraticPosterior(fit, x)) };
}

function evaluate(data: Points2D, kind: FeatureKind, gridSize: number, X: number[][], posterior: (x: number[]) => number[]): GenerativeEvaluation {
  let correct = 0;
  let loss = 0;
  X.forEach((x, i) => {
    const p = posterior(x);
    if (argmax(p) === data.label[i]) correct++;
    loss -= Math.log(Math.max(p[data.label[i]], 1e-300));
  });
  const g = grid2d(gridSize);
  const probs = new Float32Array(gridSize * gridSize * data.classes);
  g.x.forEach((x, i) => probs.set(posterior(features(kind, x, g.y[i])), i * data.classes));
  return { accuracy: correct / X.length, loss: loss / X.length, probs };
}

/** Index of the largest entry. */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}
