import { useEffect, useRef, useState } from 'react';
import type { View } from '../../engine/model';

/** Train and test loss series gathered from a trainer's views (one point per view), bounded by halving. */
export interface LossSeries {
  steps: number[];
  train: number[];
  test: number[];
}

const MAX_POINTS = 600;

/** Collects (step, view.trainLoss, view.testLoss) as views arrive; clears when the run restarts. */
export function useViewSeries(view: View | null, steps: number): { series: LossSeries; version: number } {
  const ref = useRef<LossSeries>({ steps: [], train: [], test: [] });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const s = ref.current;
    const last = s.steps[s.steps.length - 1];
    if (steps === 0 || (last !== undefined && steps < last)) {
      s.steps.length = s.train.length = s.test.length = 0;
      setVersion((v) => v + 1);
    }
    if (!view || steps === 0 || steps === last) return;
    const tr = view.trainLoss as number;
    const te = view.testLoss as number;
    if (!Number.isFinite(tr)) return;
    s.steps.push(steps);
    s.train.push(tr);
    s.test.push(Number.isFinite(te) ? te : NaN);
    if (s.steps.length > MAX_POINTS) {
      // keep every other point: the curve's shape survives, memory stays flat
      for (const arr of [s.steps, s.train, s.test]) {
        const kept = arr.filter((_, i) => i % 2 === 0 || i === arr.length - 1);
        arr.length = 0;
        arr.push(...kept);
      }
    }
    setVersion((v) => v + 1);
  }, [view, steps]);
  return { series: ref.current, version };
}
