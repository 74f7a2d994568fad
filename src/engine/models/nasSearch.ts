import { getMnist } from '../data/mnistStore';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { nasDigits } from '../nas/digits14';
import { NasSearch, type CandidateRecord, type SearchSettings } from '../nas/search';
import { SEARCHERS, type SearcherName } from '../nas/searchers';
import { emptySpaceReason, FULL_SPACE, spaceSize } from '../nas/space';
import { prepareMnist } from './lenet';

export interface NasSearchConfig extends SearchSettings {
  /** URL of the packed digits; '' when a test provided them. */
  dataUrl: string;
}

export interface NasSearchView {
  spaceSize: number;
  budget: number;
  /** Why the budget asked for was clamped, or null. */
  notice: string | null;
  records: CandidateRecord[];
  best: Record<SearcherName, number[]>;
  /** The REINFORCE policy: softmax probabilities per gene, and the baseline b. */
  policy: { probs: number[][]; baseline: number | null };
  training: { searcher: SearcherName; label: string; step: number; of: number } | null;
  done: boolean;
}

/** Limits the widget's controls keep to; the engine refuses anything outside them. */
export const NAS_LIMITS = { steps: [10, 2000], batchSize: [1, 256], learningRate: [1e-5, 1e4], controllerStep: [0, 100] } as const;

export const DEFAULT_SEARCH: NasSearchConfig = { dataUrl: '', space: FULL_SPACE, budget: 20, steps: 60, learningRate: 0.01, batchSize: 32, controllerStep: 8 };

function check(c: NasSearchConfig): void {
  const empty = emptySpaceReason(c.space);
  if (empty) throw new ConfigError(empty);
  const inRange = (v: number, [lo, hi]: readonly [number, number]) => Number.isFinite(v) && v >= lo && v <= hi;
  if (!inRange(c.steps, NAS_LIMITS.steps)) throw new ConfigError(`Training steps per candidate must be from ${NAS_LIMITS.steps[0]} to ${NAS_LIMITS.steps[1]}.`);
  if (!inRange(c.batchSize, NAS_LIMITS.batchSize)) throw new ConfigError(`The batch size must be from ${NAS_LIMITS.batchSize[0]} to ${NAS_LIMITS.batchSize[1]}.`);
  if (!inRange(c.learningRate, NAS_LIMITS.learningRate)) throw new ConfigError(`The learning rate must be from ${NAS_LIMITS.learningRate[0]} to ${NAS_LIMITS.learningRate[1]}.`);
  if (!inRange(c.controllerStep, NAS_LIMITS.controllerStep)) throw new ConfigError(`The controller's step size must be from ${NAS_LIMITS.controllerStep[0]} to ${NAS_LIMITS.controllerStep[1]}.`);
}

/**
 * Chapter 12's search: random search, regularised evolution and a REINFORCE controller, each training its
 * budget of small MLPs on 14x14 digits, scored on validation digits and timed on this backend.
 */
export const nasSearchSpec: ModelSpec<NasSearchConfig, NasSearchView> = {
  kind: 'nas-search',
  probeConfig: { ...DEFAULT_SEARCH, budget: 2, steps: 10 },
  prepare: prepareMnist,
  create(config, seed): Model<NasSearchConfig, NasSearchView> {
    check(config);
    const search = new NasSearch(nasDigits(getMnist()), config, seed);
    return {
      step: () => search.step(),
      // Every setting changes what the candidates are: the widget rebuilds the search instead.
      configure: () => {},
      view: async (): Promise<NasSearchView> => {
        await search.settle();
        const best = Object.fromEntries(SEARCHERS.map((s) => [s, search.bestSoFar(s)])) as Record<SearcherName, number[]>;
        return {
          spaceSize: spaceSize(config.space), budget: search.budget, notice: search.notice,
          records: search.records.map((r) => ({ ...r, genome: [...r.genome] })),
          best, policy: search.policy(), training: search.training, done: search.done,
        };
      },
      variables: () => search.variables(),
      dispose: () => search.dispose(),
    };
  },
};

