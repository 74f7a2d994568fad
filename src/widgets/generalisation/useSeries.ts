import { useRef } from 'react';

/**
 * Accumulates several values per trainer view into bounded series against the
 * step (every other point dropped when full); cleared when the trainer goes back to step 0.
 */
export function useSeries(step: number, values: number[] | null, count: number, capacity = 400): { xs: number[]; ys: number[] }[] {
  const ref = useRef({ series: [] as { xs: number[]; ys: number[] }[], lastStep: -1 });
  const r = ref.current;
  if (r.series.length !== count || step === 0 || step < r.lastStep) r.series = Array.from({ length: count }, () => ({ xs: [], ys: [] }));
  if (values && step > 0 && step !== r.lastStep) {
    values.slice(0, count).forEach((v, i) => {
      const s = r.series[i];
      // Non-finite values (no test set) are skipped, so the chart never draws NaN.
      if (!Number.isFinite(v)) return;
      s.xs.push(step);
      s.ys.push(v);
      if (s.xs.length > capacity) {
        s.xs = s.xs.filter((_, j) => j % 2 === 0 || j === s.xs.length - 1);
        s.ys = s.ys.filter((_, j) => j % 2 === 0 || j === s.ys.length - 1);
      }
    });
  }
  r.lastStep = step;
  return r.series;
}
