/**
 * Chapter 12's search space: small MLPs on 14x14 digits. An architecture is a depth N and, for each
 * layer l ≤ N, a width, an activation and whether the layer has a skip connection. No tfjs here:
 * widgets use it on the main thread (the space's size, labels, the quiz).
 */
import type { Rng } from '../rng';

export type NasActivation = 'relu' | 'tanh' | 'sigmoid';
export const ALL_DEPTHS = [1, 2, 3] as const;
export const ALL_WIDTHS = [8, 16, 32, 64] as const;
export const ALL_ACTIVATIONS: readonly NasActivation[] = ['relu', 'tanh', 'sigmoid'];
export const ALL_SKIPS = [false, true] as const;

/** The allowed values of every choice (the reader ticks them); a choice with none left empties the space. */
export interface SpaceChoices {
  depths: number[];
  widths: number[];
  activations: NasActivation[];
  skips: boolean[];
}

export const FULL_SPACE: SpaceChoices = { depths: [...ALL_DEPTHS], widths: [...ALL_WIDTHS], activations: [...ALL_ACTIVATIONS], skips: [...ALL_SKIPS] };

/** One hidden layer of a candidate. */
export interface LayerChoice {
  width: number;
  activation: NasActivation;
  skip: boolean;
}

/** A decoded candidate: its hidden layers, input to output. */
export interface Architecture {
  layers: LayerChoice[];
}

/**
 * A genome: one index per decision, [depth, width₁, act₁, skip₁, width₂, …] up to the largest allowed
 * depth. Layers past the depth are carried but unused (inactive genes), so every genome has one length
 * and a mutation or a policy works gene by gene.
 */
export type Genome = number[];

/** Why a space cannot be searched, or null when it can. */
export function emptySpaceReason(s: SpaceChoices): string | null {
  const missing = [s.depths.length ? '' : 'a depth', s.widths.length ? '' : 'a width', s.activations.length ? '' : 'an activation', s.skips.length ? '' : 'a skip setting'].filter(Boolean);
  return missing.length ? `The search space is empty: tick at least ${missing.join(', ')}.` : null;
}

/** |space| = Σ_{N ∈ depths} (|widths| · |activations| · |skips|)^N: every allowed depth, every layer's choices. */
export function spaceSize(s: SpaceChoices): number {
  const perLayer = s.widths.length * s.activations.length * s.skips.length;
  return s.depths.reduce((sum, n) => sum + Math.pow(perLayer, n), 0);
}

export function maxDepth(s: SpaceChoices): number {
  return Math.max(...s.depths);
}

/** How many options each gene has, gene by gene. */
export function geneSizes(s: SpaceChoices): number[] {
  const out = [s.depths.length];
  for (let l = 0; l < maxDepth(s); l++) out.push(s.widths.length, s.activations.length, s.skips.length);
  return out;
}

/** The genes that change the network: the depth and the genes of the layers below it. */
export function activeGenes(s: SpaceChoices, g: Genome): number[] {
  const depth = s.depths[g[0]];
  const out = [0];
  for (let i = 1; i < 1 + 3 * depth; i++) out.push(i);
  return out;
}

export function decode(s: SpaceChoices, g: Genome): Architecture {
  const depth = s.depths[g[0]];
  const layers: LayerChoice[] = [];
  for (let l = 0; l < depth; l++) layers.push({ width: s.widths[g[1 + 3 * l]], activation: s.activations[g[2 + 3 * l]], skip: s.skips[g[3 + 3 * l]] });
  return { layers };
}

/** A uniform draw: every gene independently, so every architecture of one depth is equally likely. */
export function randomGenome(s: SpaceChoices, rng: Rng): Genome {
  return geneSizes(s).map((n) => rng.int(n));
}

/**
 * Evolution's mutation: one active gene, chosen uniformly among those with more than one option, set to
 * another of its options. Exactly one choice of the network changes (a depth change adds or drops layers
 * whose genes were already carried). A space where no choice has two options returns the genome unchanged.
 */
export function mutate(s: SpaceChoices, g: Genome, rng: Rng): Genome {
  const sizes = geneSizes(s);
  const mutable = activeGenes(s, g).filter((i) => sizes[i] > 1);
  if (!mutable.length) return [...g];
  const i = mutable[rng.int(mutable.length)];
  const child = [...g];
  child[i] = (g[i] + 1 + rng.int(sizes[i] - 1)) % sizes[i];
  return child;
}

/** "196 → 32 relu (+skip) → 16 tanh → 10". */
export function describe(a: Architecture): string {
  return ['196', ...a.layers.map((l) => `${l.width} ${l.activation}${l.skip ? ' +skip' : ''}`), '10'].join(' → ');
}

/** Weights and biases: each layer W [in, width] + b, a skip across unequal widths a projection [in, width], the head [last, 10] + b. */
export function parameterCount(a: Architecture, inputs = 196, classes = 10): number {
  let n = 0;
  let prev = inputs;
  for (const l of a.layers) {
    n += prev * l.width + l.width;
    if (l.skip && prev !== l.width) n += prev * l.width;
    prev = l.width;
  }
  return n + prev * classes + classes;
}

/** A stable key for an architecture (the same network from two genomes that differ only in inactive genes). */
export function archKey(a: Architecture): string {
  return a.layers.map((l) => `${l.width}${l.activation[0]}${l.skip ? 's' : ''}`).join('-');
}

/** The largest number of candidates a search may train per searcher, and the least. */
export const BUDGET_LIMITS = [1, 60] as const;

/** A budget clamped into BUDGET_LIMITS, with a message when it was changed. */
export function clampBudget(n: number): { budget: number; message: string | null } {
  const [lo, hi] = BUDGET_LIMITS;
  if (!Number.isFinite(n)) return { budget: lo, message: `A budget of ${n} candidates cannot run; searching ${lo}.` };
  const r = Math.round(n);
  if (r < lo) return { budget: lo, message: `A budget of ${n} candidates trains nothing; each searcher trains ${lo}.` };
  if (r > hi) return { budget: hi, message: `A budget of ${n.toLocaleString('en-GB')} candidates would take hours in a page; each searcher trains ${hi}.` };
  return { budget: r, message: null };
}
