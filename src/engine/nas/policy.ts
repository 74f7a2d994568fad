/**
 * The REINFORCE controller: a factorised softmax policy, one independent categorical distribution per
 * gene, π(a) = Π_k softmax(θ_k)[a_k] over the genes that shape the network. Simpler than Zoph & Le's
 * RNN controller (which conditions each decision on the ones before it), with the same update rule.
 * Plain JS: the policy is a few dozen numbers.
 */
import type { Rng } from '../rng';

export function softmax(logits: readonly number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((x) => Math.exp(x - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

export class SoftmaxPolicy {
  /** θ: one row of logits per gene; all zeros at the start, a uniform policy. */
  readonly logits: number[][];
  /** The moving-average baseline b; null until the first reward. */
  baseline: number | null = null;

  constructor(
    sizes: readonly number[],
    /** Step size of the policy's gradient ascent, η_c. */
    public stepSize: number,
    /** The baseline's decay β in b ← β b + (1 − β) R. */
    readonly decay = 0.8,
  ) {
    this.logits = sizes.map((n) => new Array<number>(n).fill(0));
  }

  probabilities(): number[][] {
    return this.logits.map(softmax);
  }

  /** A draw of every gene from its own softmax. */
  sample(rng: Rng): number[] {
    return this.probabilities().map((p) => {
      const u = rng.next();
      let acc = 0;
      for (let j = 0; j < p.length; j++) {
        acc += p[j];
        if (u < acc) return j;
      }
      return p.length - 1;
    });
  }

  /** log π(a) over the active genes. */
  logProb(a: readonly number[], active: readonly number[]): number {
    const p = this.probabilities();
    return active.reduce((s, k) => s + Math.log(p[k][a[k]]), 0);
  }

  /**
   * ∇_θ log π(a): for each active gene k, onehot(a_k) − softmax(θ_k); zero rows for the genes that did not
   * shape the network (they did not affect the reward).
   */
  gradLogProb(a: readonly number[], active: readonly number[]): number[][] {
    const p = this.probabilities();
    const g = this.logits.map((row) => row.map(() => 0));
    for (const k of active) p[k].forEach((pj, j) => (g[k][j] = (j === a[k] ? 1 : 0) - pj));
    return g;
  }

  /**
   * One REINFORCE step on one sampled architecture with reward R: θ ← θ + η_c (R − b) ∇_θ log π(a),
   * then b ← β b + (1 − β) R. The first reward sets b, so the first step moves nothing: without a
   * baseline every reward is positive and every sample, good or bad, would be reinforced.
   * Returns the advantage R − b that was used.
   */
  update(a: readonly number[], active: readonly number[], reward: number): number {
    if (this.baseline === null) this.baseline = reward;
    const advantage = reward - this.baseline;
    const g = this.gradLogProb(a, active);
    for (let k = 0; k < g.length; k++) for (let j = 0; j < g[k].length; j++) this.logits[k][j] += this.stepSize * advantage * g[k][j];
    this.baseline = this.decay * this.baseline + (1 - this.decay) * reward;
    return advantage;
  }
}
