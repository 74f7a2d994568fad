import { BUDGET_LIMITS, type NasActivation, type SpaceChoices } from '../../engine/nas/space';
import type { Schema, Values } from '../kit/params';

/**
 * The search widget's settings. The budget accepts any whole number from 0 to a million so that a link
 * asking for 0 or 1,000,000 candidates is clamped by the engine, with its message, rather than refused.
 */
export const SEARCH_PARAMS = {
  d1: { kind: 'boolean', label: 'depth 1', default: true },
  d2: { kind: 'boolean', label: 'depth 2', default: true },
  d3: { kind: 'boolean', label: 'depth 3', default: true },
  w8: { kind: 'boolean', label: '8', default: true },
  w16: { kind: 'boolean', label: '16', default: true },
  w32: { kind: 'boolean', label: '32', default: true },
  w64: { kind: 'boolean', label: '64', default: true },
  relu: { kind: 'boolean', label: 'ReLU', default: true },
  tanh: { kind: 'boolean', label: 'tanh', default: true },
  sigmoid: { kind: 'boolean', label: 'sigmoid', default: true },
  plain: { kind: 'boolean', label: 'no skip', default: true },
  skip: { kind: 'boolean', label: 'skip', default: true },
  budget: { kind: 'number', label: 'Budget (candidates per searcher)', default: 20, min: 0, max: 1_000_000, integer: true, help: `Each searcher trains this many candidates; the engine keeps it from ${BUDGET_LIMITS[0]} to ${BUDGET_LIMITS[1]}.` },
  steps: { kind: 'number', label: 'Training steps per candidate', default: 60, min: 10, max: 2000, integer: true, log: true },
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: 0.01, min: 0.0001, max: 1000, log: true, help: 'Every candidate trains with this η. Very large values make some candidates diverge; the search records why and skips them.' },
  ctrl: { kind: 'number', label: 'Controller step η_c', default: 8, min: 0, max: 100, help: 'REINFORCE: θ ← θ + η_c (R − b) ∇ log π(a).' },
} as const satisfies Schema;

export type SearchPreset = Partial<Record<keyof typeof SEARCH_PARAMS | 'seed', string | number | boolean>>;

export const SPACE_KEYS = {
  depths: ['d1', 'd2', 'd3'],
  widths: ['w8', 'w16', 'w32', 'w64'],
  activations: ['relu', 'tanh', 'sigmoid'],
  skips: ['plain', 'skip'],
} as const;

/** The ticked values of every choice. */
export function spaceFromParams(v: Values<typeof SEARCH_PARAMS>): SpaceChoices {
  return {
    depths: [1, 2, 3].filter((_, i) => v[SPACE_KEYS.depths[i]]),
    widths: [8, 16, 32, 64].filter((_, i) => v[SPACE_KEYS.widths[i]]),
    activations: (['relu', 'tanh', 'sigmoid'] as NasActivation[]).filter((a) => v[a]),
    skips: [false, true].filter((_, i) => v[SPACE_KEYS.skips[i]]),
  };
}

export const LATENCY_PARAMS = {
  beta: { kind: 'number', label: 'Latency weight β', default: 0.3, min: 0, max: 2, step: 0.05, help: 'Latency-aware loss: CE · (LAT / median LAT)^β. At β = 0 only accuracy counts.' },
} as const satisfies Schema;

export const DARTS_PARAMS = {
  search: { kind: 'number', label: 'Search steps (w step + α step each)', default: 200, min: 10, max: 5000, integer: true, log: true },
  retrain: { kind: 'number', label: 'Retraining steps', default: 200, min: 10, max: 5000, integer: true, log: true },
  alr: { kind: 'number', label: 'α step η_α (Adam)', default: 0.05, min: 0, max: 10, log: false, step: 0.01 },
  wlr: { kind: 'number', label: 'Weight step η_w (momentum SGD)', default: 0.05, min: 0.0001, max: 10, log: true },
} as const satisfies Schema;

export type DartsPreset = Partial<Record<keyof typeof DARTS_PARAMS | 'seed', string | number>>;
export type LatencyPreset = Partial<Record<keyof typeof LATENCY_PARAMS, string | number>>;
