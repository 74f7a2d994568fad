import type { MlpClassifier, MlpClassifierConfig } from './mlpClassifier';

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

/** The mean of every run's plain-JS step, when all of them have one (see Model.plainStep). */
export function plainMeanStep(runs: MlpClassifier[]): (() => number) | undefined {
  if (!runs.every((r) => r.plainStep)) return undefined;
  return () => runs.reduce((s, r) => s + r.plainStep!(), 0) / runs.length;
}

/** A comparison's configuration with plain-JS steps in its shared base (see ModelSpec.plainJs). */
export function withPlainJsBase<C extends { base: MlpClassifierConfig }>(config: C): C {
  return { ...config, base: { ...config.base, plainJs: true } };
}
