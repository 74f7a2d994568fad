import { getMnist } from '../data/mnistStore';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { DartsRun, type DartsPhase, type DartsScores, type DartsSettings } from '../nas/darts';
import { describeCell, type CellEdge } from '../nas/dartsSpace';
import { nasDigits } from '../nas/digits14';
import { prepareMnist } from './lenet';

export interface NasDartsConfig extends DartsSettings {
  dataUrl: string;
}

export interface NasDartsView {
  phase: DartsPhase;
  steps: number;
  searchSteps: number;
  retrainSteps: number;
  /** softmax(α) per edge, [6][5]. */
  alpha: number[][];
  derived: CellEdge[] | null;
  derivedLabel: string;
  random: CellEdge[];
  randomLabel: string;
  scores: DartsScores | null;
  done: boolean;
  /** The search's losses, sampled at each view, against the search step. */
  curve: { step: number[]; train: number[]; val: number[] };
}

export const DARTS_LIMITS = { searchSteps: [10, 5000], retrainSteps: [10, 5000], width: [4, 128], batchSize: [1, 256], weightLr: [1e-5, 10], alphaLr: [0, 10] } as const;
export const DEFAULT_DARTS: NasDartsConfig = { dataUrl: '', searchSteps: 200, retrainSteps: 200, width: 32, batchSize: 32, weightLr: 0.05, alphaLr: 0.05 };

function check(c: NasDartsConfig): void {
  for (const [k, [lo, hi]] of Object.entries(DARTS_LIMITS) as [keyof typeof DARTS_LIMITS, readonly [number, number]][]) {
    const v = c[k];
    if (!Number.isFinite(v) || v < lo || v > hi) throw new ConfigError(`DARTS setting ${k} must be from ${lo} to ${hi} (got ${v}).`);
  }
}

/** Chapter 12's DARTS: a supernet of mixed operations searched by alternating steps, then its argmax cell retrained beside a random one. */
export const nasDartsSpec: ModelSpec<NasDartsConfig, NasDartsView> = {
  kind: 'nas-darts',
  probeConfig: { ...DEFAULT_DARTS, searchSteps: 50, batchSize: 16 },
  prepare: prepareMnist,
  create(config, seed): Model<NasDartsConfig, NasDartsView> {
    check(config);
    const run = new DartsRun(nasDigits(getMnist()), config, seed);
    return {
      step: () => run.step(),
      configure: () => {},
      view: async (): Promise<NasDartsView> => {
        const alpha = await run.alphaSoftmax();
        if (run.phase === 'search' || run.phase === 'deriving') await run.sampleCurve();
        return {
          phase: run.phase, steps: run.steps, searchSteps: config.searchSteps, retrainSteps: config.retrainSteps, alpha,
          derived: run.derived, derivedLabel: run.derived ? describeCell(run.derived) : '', random: run.random ?? [], randomLabel: describeCell(run.random ?? []),
          scores: run.scores, done: run.phase === 'done', curve: run.curve,
        };
      },
      variables: () => run.variables(),
      dispose: () => run.dispose(),
    };
  },
};
