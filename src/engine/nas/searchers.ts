/**
 * The three searchers of chapter 12, each a proposer of genomes that learns from the rewards
 * (validation accuracies) of the ones it proposed. Each has its own seeded Rng and proposes its next
 * candidate only after its last one is scored, so its sequence of candidates depends on the seed alone,
 * never on how the page interleaves the searchers. Plain JS.
 */
import { createRng, type Rng } from '../rng';
import { SoftmaxPolicy } from './policy';
import { activeGenes, geneSizes, mutate, randomGenome, type Genome, type SpaceChoices } from './space';

export type SearcherName = 'random' | 'evolution' | 'reinforce';
export const SEARCHERS: readonly SearcherName[] = ['random', 'evolution', 'reinforce'];
export const SEARCHER_LABELS: Record<SearcherName, string> = { random: 'random search', evolution: 'regularised evolution', reinforce: 'REINFORCE controller' };

export interface Searcher {
  readonly name: SearcherName;
  propose(): Genome;
  /** The reward of a proposed genome; null when its training diverged (recorded, and skipped here). */
  observe(g: Genome, reward: number | null): void;
}

/** Bergstra & Bengio's baseline: every candidate drawn uniformly, nothing learned. */
export class RandomSearcher implements Searcher {
  readonly name = 'random';
  constructor(private readonly space: SpaceChoices, private readonly rng: Rng) {}
  propose(): Genome {
    return randomGenome(this.space, this.rng);
  }
  observe(): void {}
}

/**
 * Regularised (ageing) evolution, Real et al. 2019: the first `population` candidates are random; after
 * that, draw `sample` members of the population, mutate the best of them (one choice), and when the child
 * is scored it joins the population and the oldest member leaves, however good it was.
 */
export class EvolutionSearcher implements Searcher {
  readonly name = 'evolution';
  /** Scored members, oldest first. */
  readonly population: { genome: Genome; reward: number }[] = [];
  private proposed = 0;
  constructor(private readonly space: SpaceChoices, private readonly rng: Rng, readonly populationSize = 5, readonly sampleSize = 3) {}

  propose(): Genome {
    this.proposed += 1;
    if (this.proposed <= this.populationSize || !this.population.length) return randomGenome(this.space, this.rng);
    let parent = this.population[this.rng.int(this.population.length)];
    for (let i = 1; i < this.sampleSize; i++) {
      const m = this.population[this.rng.int(this.population.length)];
      if (m.reward > parent.reward) parent = m;
    }
    return mutate(this.space, parent.genome, this.rng);
  }

  observe(genome: Genome, reward: number | null): void {
    if (reward === null) return;
    this.population.push({ genome, reward });
    if (this.population.length > this.populationSize) this.population.shift();
  }
}

/** Zoph & Le's idea with a factorised softmax controller: sample, train, reward, one policy-gradient step. */
export class ReinforceSearcher implements Searcher {
  readonly name = 'reinforce';
  readonly policy: SoftmaxPolicy;
  constructor(private readonly space: SpaceChoices, private readonly rng: Rng, stepSize: number) {
    this.policy = new SoftmaxPolicy(geneSizes(space), stepSize);
  }
  propose(): Genome {
    return this.policy.sample(this.rng);
  }
  observe(genome: Genome, reward: number | null): void {
    if (reward === null) return;
    this.policy.update(genome, activeGenes(this.space, genome), reward);
  }
}

/** Each searcher's Rng: one stream per searcher from the search's seed. */
export function searcherRng(seed: number, name: SearcherName): Rng {
  return createRng((seed * 7919 + SEARCHERS.indexOf(name) * 104729 + 17) >>> 0);
}

export function createSearcher(name: SearcherName, space: SpaceChoices, seed: number, controllerStep: number): Searcher {
  const rng = searcherRng(seed, name);
  if (name === 'random') return new RandomSearcher(space, rng);
  if (name === 'evolution') return new EvolutionSearcher(space, rng);
  return new ReinforceSearcher(space, rng, controllerStep);
}
