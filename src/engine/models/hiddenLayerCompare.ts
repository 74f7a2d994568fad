import type { Model, ModelSpec, View } from '../model';
import { MlpClassifier, mlpClassifierSpec, type MlpClassifierConfig } from './mlpClassifier';
import { loadRunWeights, meanStep, plainMeanStep, withPlainJsBase } from './mlpRuns';

/** Several MLP runs on the same data that differ only in their hidden layers (e.g. none vs one): chapter 3's XOR figure. */
export interface HiddenLayerCompareConfig {
  base: MlpClassifierConfig;
  /** Hidden layer widths of each run; [] is a single layer of weights (a linear classifier, the perceptron's boundary). */
  hidden: number[][];
}

/** One step advances every run by one mini-batch; the reported loss is their mean. The view holds each run's view. */
export const hiddenLayerCompareSpec: ModelSpec<HiddenLayerCompareConfig> = {
  kind: 'hidden-layer-compare',
  plainJs: withPlainJsBase,
  probeConfig: { base: mlpClassifierSpec.probeConfig, hidden: [[], [4]] },
  create(config, seed): Model<HiddenLayerCompareConfig> {
    // Each run gets its own seed, so batch orders differ only by run, and the same link reproduces both.
    const runs = config.hidden.map((h, i) => new MlpClassifier({ ...config.base, hidden: h }, seed * 31 + i + 1));
    return {
      step: () => meanStep(runs),
      plainStep: plainMeanStep(runs),
      configure: (c) => runs.forEach((r, i) => r.configure({ ...c.base, hidden: c.hidden[i] ?? [] })),
      view: async (): Promise<View> => ({ runs: await Promise.all(runs.map((r) => r.view())) }),
      variables: () => runs.flatMap((r) => r.variables()),
      loadWeights: (w) => loadRunWeights(runs, w),
      dispose: () => runs.forEach((r) => r.dispose()),
    };
  },
};
