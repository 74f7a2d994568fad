/**
 * The accuracy-latency trade-off, in plain JS (the latency widget runs it on the main thread).
 */

export interface TradePoint {
  latencyMs: number;
  acc: number;
  /** Validation cross-entropy, for the latency-aware loss. */
  loss: number;
}

/**
 * The Pareto front: indices of the points that no other point beats on both counts (at most as slow and at
 * least as accurate, better on one), ordered from fastest to slowest.
 */
export function paretoFront(points: readonly TradePoint[]): number[] {
  const order = points.map((_, i) => i).sort((a, b) => points[a].latencyMs - points[b].latencyMs || points[b].acc - points[a].acc);
  const front: number[] = [];
  let best = -Infinity;
  for (const i of order) {
    if (points[i].acc > best) {
      front.push(i);
      best = points[i].acc;
    }
  }
  return front;
}

/**
 * An FBNet-style latency-aware loss, L(a) = CE(a) · (LAT(a) / LAT₀)^β. FBNet writes CE · α log(LAT)^β with
 * LAT in milliseconds on a phone; at this page's sub-millisecond latencies a logarithm turns negative, so
 * the latency enters as a ratio to LAT₀ (the median candidate's): β = 0 ranks by accuracy alone, and a
 * larger β lets a faster network win with a higher loss.
 */
export function latencyAwareLoss(ce: number, latencyMs: number, refMs: number, beta: number): number {
  return ce * Math.pow(latencyMs / refMs, beta);
}

/** The index of the point with the least latency-aware loss (−1 for none). */
export function preferred(points: readonly TradePoint[], beta: number): number {
  if (!points.length) return -1;
  const ref = medianOf(points.map((p) => p.latencyMs));
  let best = 0;
  points.forEach((p, i) => {
    if (latencyAwareLoss(p.loss, p.latencyMs, ref, beta) < latencyAwareLoss(points[best].loss, points[best].latencyMs, ref, beta)) best = i;
  });
  return best;
}

export function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
