import type { SurfaceName } from '../math/surfaces';
import type { OptimizerKind } from '../nn/optimizerSettings';

/* The race's contestants as plain data, apart from the tfjs model in optimizerRace.ts (widgets import these). */

/** One contestant: an update rule with its own learning rate and decay rates. */
export interface RacerSettings {
  kind: OptimizerKind;
  lr: number;
  /** Momentum β, or Adam's β1. */
  beta1: number;
  /** RMSProp's ρ, or Adam's β2. */
  beta2: number;
}

/** The four racers chapter 4 compares, in this order. */
export const RACER_KINDS: OptimizerKind[] = ['sgd', 'momentum', 'rmsprop', 'adam'];

/** Per-surface start and settings that make each racer behave (checked in tests/unit/optimRace.test.ts). */
export const RACE_PRESETS: Record<SurfaceName, { start: [number, number]; racers: RacerSettings[] }> = {
  quadratic: { start: [-3.5, 1.5], racers: racers([0.09, 0.03, 0.1, 0.3], 0.8, 0.9) },
  rosenbrock: { start: [-1.2, 1], racers: racers([0.002, 0.001, 0.02, 0.2], 0.9, 0.9) },
  saddle: { start: [-2.2, 0.01], racers: racers([0.05, 0.02, 0.02, 0.1], 0.9, 0.9) },
  bumpy: { start: [-2.6, 2.3], racers: racers([0.05, 0.02, 0.05, 0.1], 0.9, 0.9) },
};

function racers(lrs: number[], momentum: number, rho: number): RacerSettings[] {
  return RACER_KINDS.map((kind, i) => ({
    kind,
    lr: lrs[i],
    beta1: kind === 'momentum' ? momentum : 0.9,
    beta2: kind === 'rmsprop' ? rho : 0.999,
  }));
}
