import { useRef } from 'react';
import { BoundedSeries } from '../../viz/boundedSeries';

/**
 * Curves of several values from successive trainer views (e.g. each run's
 * full-data loss), one bounded series per value, cleared when the run restarts.
 */
export function useViewSeries(step: number, values: number[] | undefined, count: number): BoundedSeries[] {
  const ref = useRef<{ series: BoundedSeries[]; lastStep: number }>({ series: [], lastStep: -1 });
  const r = ref.current;
  if (r.series.length !== count) r.series = Array.from({ length: count }, () => new BoundedSeries(600));
  if (step === 0 || step < r.lastStep) r.series.forEach((s) => s.clear());
  if (values && step > 0 && step !== r.lastStep) values.slice(0, count).forEach((v, i) => Number.isFinite(v) && r.series[i].push(step, v));
  r.lastStep = step;
  return r.series;
}
