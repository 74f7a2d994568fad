/**
 * A loss history whose memory stays flat in a long run: when it reaches
 * `capacity` points it keeps every other one and doubles its stride, so a run of
 * a million steps is drawn from at most `capacity` evenly spaced points.
 */
export class BoundedSeries {
  xs: number[] = [];
  ys: number[] = [];
  private stride = 1;
  private pending = 0;

  constructor(readonly capacity = 1000) {}

  push(x: number, y: number): void {
    if (this.pending++ % this.stride !== 0) return;
    this.xs.push(x);
    this.ys.push(y);
    if (this.xs.length >= this.capacity) {
      this.xs = this.xs.filter((_, i) => i % 2 === 0);
      this.ys = this.ys.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  clear(): void {
    this.xs = [];
    this.ys = [];
    this.stride = 1;
    this.pending = 0;
  }

  get length(): number {
    return this.xs.length;
  }

  get last(): number | undefined {
    return this.ys[this.ys.length - 1];
  }
}
