import * as tf from '@tensorflow/tfjs';
import { ConfigError, type DataPayload } from '../model';
import type { MlpClassifier, MlpClassifierInput } from './mlpClassifier';

/* Helpers for models that hold several MlpClassifier runs side by side (comparisons). */

/** Loads weights exported from runs.flatMap(r => r.variables()) back into each run, in order. */
export function loadRunWeights(runs: MlpClassifier[], weights: Float32Array[]): void {
  let at = 0;
  for (const r of runs) {
    const n = r.variables().length;
    r.loadWeights(weights.slice(at, at + n));
    at += n;
  }
}

/**
 * Steps every run once and returns the mean of their losses. Each run's loss is an ordinary tensor of the
 * caller's tidy; they are freed as soon as the mean is formed rather than when that tidy ends.
 */
export function meanStep(runs: MlpClassifier[]): tf.Scalar {
  const losses = runs.map((r) => r.step());
  const mean = tf.div(tf.addN(losses), losses.length) as tf.Scalar;
  losses.forEach((l) => l.dispose());
  return mean;
}

/** The mean of every run's plain-JS step, when all of them have one (see Model.plainStep). */
export function plainMeanStep(runs: MlpClassifier[]): (() => number) | undefined {
  if (!runs.every((r) => r.plainStep)) return undefined;
  return () => runs.reduce((s, r) => s + r.plainStep!(), 0) / runs.length;
}

/** A comparison's configuration with plain-JS steps in its shared base (see ModelSpec.plainJs). */
export function withPlainJsBase<C extends { base: MlpClassifierInput }>(config: C): C {
  return { ...config, base: { ...config.base, plainJs: true } };
}

/**
 * Model.receiveData for a comparison: the same `points` (an MlpPoints) go to every run. The runs share their
 * settings' classes and regression, so a set the first refuses is refused before any run has changed.
 */
export function receiveRunPoints(runs: MlpClassifier[]): (name: string, payload: DataPayload) => void {
  return (name, payload) => {
    if (name !== 'points') throw new ConfigError(`The comparison takes only points, not "${name}".`);
    runs.forEach((r) => r.receivePoints(payload));
  };
}
