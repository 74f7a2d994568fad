import type { Model, ModelSpec, SeriesPoint } from '../model';
import { MlpClassifier, mlpClassifierSpec, type MlpClassifierInput } from './mlpClassifier';
import type { MlpClassifierView } from './mlpPlainView';
import { loadRunWeights, meanStep, plainMeanStep, receiveRunPoints, withPlainJsBase } from './mlpRuns';

/** Several MLP runs on the same data that differ only in their hidden layers (e.g. none vs one): chapter 3's XOR figure. */
export interface HiddenLayerCompareConfig {
  /** Settings shared by every run; the points inline (tests) or, from the widget, on the data path as `points`. */
  base: MlpClassifierInput;
  /** Hidden layer widths of each run; [] is a single layer of weights (a linear classifier, the perceptron's boundary). */
  hidden: number[][];
}

/** One step advances every run by one mini-batch; the reported loss is their mean. The view holds each run's view. */
export interface HiddenLayerCompareView {
  runs: MlpClassifierView[];
  /** Each run's training loss as 'trainLoss 0', 'trainLoss 1', ... */
  series: SeriesPoint;
}

export const hiddenLayerCompareSpec: ModelSpec<HiddenLayerCompareConfig, HiddenLayerCompareView> = {
  kind: 'hidden-layer-compare',
  plainJs: withPlainJsBase,
  probeConfig: { base: mlpClassifierSpec.probeConfig, hidden: [[], [4]] },
  create(config, seed): Model<HiddenLayerCompareConfig, HiddenLayerCompareView> {
    // Each run gets its own seed, so batch orders differ only by run, and the same link reproduces both.
    const runs = config.hidden.map((h, i) => new MlpClassifier({ ...config.base, hidden: h }, seed * 31 + i + 1));
    return {
      step: () => meanStep(runs),
      plainStep: plainMeanStep(runs),
      configure: (c) => runs.forEach((r, i) => r.configure({ ...c.base, hidden: c.hidden[i] ?? [] })),
      receiveData: receiveRunPoints(runs),
      view: async () => {
        const vs = await Promise.all(runs.map((r) => r.view()));
        return { runs: vs, series: Object.fromEntries(vs.map((v, i) => [`trainLoss ${i}`, v.trainLoss])) };
      },
      variables: () => runs.flatMap((r) => r.variables()),
      loadWeights: (w) => loadRunWeights(runs, w),
      dispose: () => runs.forEach((r) => r.dispose()),
    };
  },
};
