import type { SeriesPoint } from '../../engine/model';
import { BoundedSeries } from '../../viz/boundedSeries';

/**
 * The named scalars a trainer reports (`view.series`, and 'loss' from every group of steps), each kept
 * as its own bounded history against the step: one place for every curve a widget draws.
 */
export class SeriesStore {
  private readonly byName = new Map<string, BoundedSeries>();
  private readonly lastStep = new Map<string, number>();

  constructor(private readonly capacity = 1000) {}

  /** The history of `name` (x: step, y: value); empty until the model first reports it. */
  get(name: string): BoundedSeries {
    let s = this.byName.get(name);
    if (!s) {
      s = new BoundedSeries(this.capacity);
      this.byName.set(name, s);
    }
    return s;
  }

  /** Appends one value at `step`; a step at or before the series' last (the same view seen twice) and non-finite values are skipped. */
  push(name: string, step: number, value: number): void {
    if (!Number.isFinite(value) || step <= (this.lastStep.get(name) ?? -Infinity)) return;
    this.lastStep.set(name, step);
    this.get(name).push(step, value);
  }

  /** Appends every value of one report at `step`. */
  append(step: number, point: SeriesPoint): void {
    for (const name in point) this.push(name, step, point[name]);
  }

  /** Names reported so far, in the order they first came. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Empties every series (a new run); the series objects stay, so a chart holding one keeps drawing it. */
  clear(): void {
    for (const s of this.byName.values()) s.clear();
    this.lastStep.clear();
  }
}
