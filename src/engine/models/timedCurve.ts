/** A held-out loss curve against seconds of training, kept short: past MAX_POINTS every other point goes. */
export interface TimedCurve {
  seconds: number[];
  loss: number[];
}

export const MAX_POINTS = 240;

/** Appends (s, l); when the curve is full, thins it to every other point (the first and the newest kept). */
export function appendPoint(curve: TimedCurve, s: number, l: number): void {
  curve.seconds.push(s);
  curve.loss.push(l);
  if (curve.seconds.length <= MAX_POINTS) return;
  const keep = (_: number, i: number, a: number[]) => i % 2 === 0 || i === a.length - 1;
  curve.seconds = curve.seconds.filter(keep);
  curve.loss = curve.loss.filter(keep);
}
