import { useRef } from 'react';

/**
 * Accumulates (x, y) pairs from successive trainer views into a bounded path
 * (every other point dropped when full), cleared when the trainer goes back to step 0.
 * With a `tolerance`, a point within it of the last one (in both coordinates) is not
 * added: a converged run then leaves the path, and what draws it, unchanged.
 * `version` changes exactly when the path does, for memoising what draws it.
 */
export function usePath(step: number, point: [number, number] | null, capacity = 600, tolerance?: number): { xs: number[]; ys: number[]; version: number } {
  const ref = useRef({ xs: [] as number[], ys: [] as number[], lastStep: -1, version: 0 });
  const p = ref.current;
  if ((step === 0 || step < p.lastStep) && p.xs.length) {
    p.xs = [];
    p.ys = [];
    p.version += 1;
  }
  const n = p.xs.length;
  const still = tolerance !== undefined && point !== null && n > 0 && Math.abs(point[0] - p.xs[n - 1]) <= tolerance && Math.abs(point[1] - p.ys[n - 1]) <= tolerance;
  if (point && step !== p.lastStep && !still) {
    p.xs.push(point[0]);
    p.ys.push(point[1]);
    p.version += 1;
    if (p.xs.length > capacity) {
      p.xs = p.xs.filter((_, i) => i % 2 === 0 || i === p.xs.length - 1);
      p.ys = p.ys.filter((_, i) => i % 2 === 0 || i === p.ys.length - 1);
    }
  }
  p.lastStep = step;
  return p;
}
