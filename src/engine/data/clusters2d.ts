import { createRng } from '../rng';
import type { Points2D } from './classification2d';

/** Clusters in the synthetic set: centres on a ring of radius 0.62. */
export const CLUSTER_COUNT = 6;

/**
 * A synthetic, seeded 2-D set made for experts: six Gaussian clusters (spread 0.15) on a ring, and inside
 * each cluster the two classes split by a line through its centre at that cluster's own angle. One linear
 * boundary cannot separate them; six local ones can, which is the situation a mixture of experts is for
 * (Jacobs et al. 1991 built theirs for the same reason). Points lie in [-1, 1]².
 */
export function clusteredSet(n: number, seed: number): Points2D & { cluster: number[] } {
  const rng = createRng(seed);
  const out: Points2D & { cluster: number[] } = { x: [], y: [], label: [], classes: 2, cluster: [] };
  for (let i = 0; i < n; i++) {
    const c = i % CLUSTER_COUNT;
    const a = (2 * Math.PI * c) / CLUSTER_COUNT + 0.3;
    const cx = 0.62 * Math.cos(a);
    const cy = 0.62 * Math.sin(a);
    const dx = 0.15 * rng.normal();
    const dy = 0.15 * rng.normal();
    // Each cluster's boundary turns by 75° from the last: neighbours disagree, so no single line serves two.
    const b = c * ((5 * Math.PI) / 12);
    out.x.push(clamp(cx + dx));
    out.y.push(clamp(cy + dy));
    out.label.push(dx * Math.cos(b) + dy * Math.sin(b) > 0 ? 1 : 0);
    out.cluster.push(c);
  }
  return out;
}

function clamp(v: number): number {
  return Math.round(Math.max(-1, Math.min(1, v)) * 1e4) / 1e4;
}
