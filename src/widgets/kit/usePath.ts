import { useRef } from 'react';

/**
 * Accumulates (x, y) pairs from successive trainer views into a bounded path
 * (every other point dropped when full), cleared when the trainer goes back to step 0.
 */
export function usePath(step: number, point: [number, number] | null, capacity = 600): { xs: number[]; ys: number[] } {
  const ref = useRef({ xs: [] as number[], ys: [] as number[], lastStep: -1 });
  const p = ref.current;
  if (step === 0 || step < p.lastStep) {
    p.xs = [];
    p.ys = [];
  }
  if (point && step !== p.lastStep) {
    p.xs.push(point[0]);
    p.ys.push(point[1]);
    if (p.xs.length > capacity) {
      p.xs = p.xs.filter((_, i) => i % 2 === 0 || i === p.xs.length - 1);
      p.ys = p.ys.filter((_, i) => i % 2 === 0 || i === p.ys.length - 1);
    }
  }
  p.lastStep = step;
  return p;
}
