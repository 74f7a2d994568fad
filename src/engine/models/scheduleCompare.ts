import { ConfigError, type Model, type ModelSpec } from '../model';
import { CONSTANT, type Schedule } from '../nn/schedules';
import { MlpClassifier, mlpClassifierSpec, type MlpClassifierInput } from './mlpClassifier';
import { loadRunWeights, meanStep, plainMeanStep, receiveRunPoints, withPlainJsBase } from './mlpRuns';

/** One network trained under several learning-rate schedules: same data, same initial weights, same batches. */
export interface ScheduleCompareConfig {
  /** The shared settings; the points inline (tests) or, from the widget, on the data path as `points`. */
  base: MlpClassifierInput;
  schedules: Schedule[];
}

const runConfig = (c: ScheduleCompareConfig, s: Schedule): MlpClassifierInput => ({ ...c.base, schedule: s });

/**
 * Holds one MlpClassifier per schedule, all built from the same seed so that
 * they start from the same weights and see the same mini-batches: the only
 * difference between the curves is the schedule. The step's loss is their mean.
 */
/** Each schedule's run, in schedules order: losses, test accuracy, and the learning rate it is at. */
export interface ScheduleCompareView {
  trainLoss: number[];
  testLoss: number[];
  testAccuracy: number[];
  learningRate: number[];
}

export const scheduleCompareSpec: ModelSpec<ScheduleCompareConfig, ScheduleCompareView> = {
  kind: 'schedule-compare',
  plainJs: withPlainJsBase,
  probeConfig: { base: { ...mlpClassifierSpec.probeConfig, schedule: undefined }, schedules: [CONSTANT(0.1), { ...CONSTANT(0.1), kind: 'cosine', total: 100 }] },
  create(config, seed): Model<ScheduleCompareConfig, ScheduleCompareView> {
    if (config.schedules.length === 0) throw new ConfigError('Give at least one schedule.');
    let runs = config.schedules.map((s) => new MlpClassifier(runConfig(config, s), seed));
    return {
      plainStep: plainMeanStep(runs),
      step: () => meanStep(runs),
      configure: (c) => {
        if (c.schedules.length !== runs.length) throw new ConfigError('A different number of schedules needs a new comparison.');
        runs.forEach((r, i) => r.configure(runConfig(c, c.schedules[i])));
      },
      receiveData: (name, payload) => receiveRunPoints(runs)(name, payload),
      view: async () => {
        const vs = await Promise.all(runs.map((r) => r.view()));
        const pick = (k: 'trainLoss' | 'testLoss' | 'testAccuracy' | 'learningRate') => vs.map((v) => v[k]);
        return { trainLoss: pick('trainLoss'), testLoss: pick('testLoss'), testAccuracy: pick('testAccuracy'), learningRate: pick('learningRate') };
      },
      variables: () => runs.flatMap((r) => r.variables()),
      loadWeights: (w) => loadRunWeights(runs, w),
      dispose: () => {
        runs.forEach((r) => r.dispose());
        runs = [];
      },
    };
  },
};
