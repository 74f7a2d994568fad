/** Learning-rate schedules as plain functions of the step: chapter 4's schedule editor draws and uses these. */
export type ScheduleKind = 'constant' | 'step' | 'cosine' | 'warmup-cosine';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['constant', 'step', 'cosine', 'warmup-cosine'];

export interface Schedule {
  kind: ScheduleKind;
  /** Peak learning rate η0. */
  lr: number;
  /** step: multiply by `factor` every `every` steps. */
  every: number;
  factor: number;
  /** cosine: decay from η0 to `minLr` over `total` steps, then stay. */
  total: number;
  minLr: number;
  /** warm-up: grow linearly from 0 to η0 over `warmup` steps first. */
  warmup: number;
}

export const CONSTANT = (lr: number): Schedule => ({ kind: 'constant', lr, every: 1000, factor: 0.5, total: 1000, minLr: 0, warmup: 0 });

/** η(t) for step t = 0, 1, 2, ... */
export function lrAt(s: Schedule, t: number): number {
  switch (s.kind) {
    case 'constant':
      return s.lr;
    case 'step':
      return s.lr * Math.pow(s.factor, Math.floor(t / Math.max(1, s.every)));
    case 'cosine':
      return cosine(s, t);
    case 'warmup-cosine':
      if (t < s.warmup) return (s.lr * (t + 1)) / s.warmup;
      return cosine(s, t - s.warmup);
  }
}

// η(t) = ηmin + (η0 − ηmin)(1 + cos(π t / T)) / 2, flat at ηmin after T.
function cosine(s: Schedule, t: number): number {
  const T = Math.max(1, s.total);
  const p = Math.min(1, t / T);
  return s.minLr + ((s.lr - s.minLr) * (1 + Math.cos(Math.PI * p))) / 2;
}
