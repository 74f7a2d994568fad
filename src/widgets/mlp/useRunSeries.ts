import { useEffect, useRef, useState } from 'react';
import type { View } from '../../engine/model';

/** One train-loss series per run, gathered from a comparison model's views; cleared when the run restarts. */
export function useRunSeries(runs: View[], steps: number, key = 'trainLoss'): { series: { steps: number[]; loss: number[] }[]; version: number } {
  const ref = useRef<{ steps: number[]; loss: number[] }[]>([]);
  const lastStep = useRef(-1);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (steps === 0 || steps < lastStep.current) {
      ref.current = [];
      lastStep.current = -1;
      setVersion((x) => x + 1);
    }
    if (!runs.length || steps === 0 || steps === lastStep.current) return;
    lastStep.current = steps;
    runs.forEach((r, i) => {
      const s = (ref.current[i] ??= { steps: [], loss: [] });
      const value = r[key] as number;
      if (!Number.isFinite(value)) return;
      s.steps.push(steps);
      s.loss.push(value);
      if (s.steps.length > 600) {
        s.steps = s.steps.filter((_, j) => j % 2 === 0);
        s.loss = s.loss.filter((_, j) => j % 2 === 0);
      }
    });
    setVersion((x) => x + 1);
  }, [runs, steps, key]);
  return { series: ref.current, version };
}
