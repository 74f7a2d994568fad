/**
 * Regression losses of a residual r = prediction - target, and their derivatives
 * dL/dr, as plain numbers. The tfjs models use the same definitions; a unit test
 * checks these derivatives against tf.grad and finite differences.
 */
export type LossKind = 'l2' | 'l1' | 'huber';

export const LOSS_KINDS: readonly LossKind[] = ['l2', 'l1', 'huber'];

/** Per-example loss: L2 = r^2, L1 = |r|, Huber = r^2/2 if |r| <= delta else delta(|r| - delta/2). */
export function lossOf(kind: LossKind, r: number, delta = 1): number {
  switch (kind) {
    case 'l2':
      return r * r;
    case 'l1':
      return Math.abs(r);
    case 'huber': {
      const a = Math.abs(r);
      return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }
  }
}

/** dL/dr: L2 gives 2r, L1 gives sign(r) (0 at 0, a subgradient), Huber gives r clipped to [-delta, delta]. */
export function lossDerivative(kind: LossKind, r: number, delta = 1): number {
  switch (kind) {
    case 'l2':
      return 2 * r;
    case 'l1':
      return Math.sign(r);
    case 'huber':
      return Math.max(-delta, Math.min(delta, r));
  }
}

/** Mean loss of the line y = w x + b over points. */
export function meanLoss(kind: LossKind, xs: ArrayLike<number>, ys: ArrayLike<number>, w: number, b: number, delta = 1): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += lossOf(kind, w * xs[i] + b - ys[i], delta);
  return xs.length ? s / xs.length : 0;
}

/**
 * The loss surface L(w, b) on a grid, row-major with b along rows and w along
 * columns: values[j * nw + i] = L(wRange[0] + i dw, bRange[0] + j db).
 */
export function lossSurface(
  kind: LossKind,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  wRange: [number, number],
  bRange: [number, number],
  nw: number,
  nb: number,
  delta = 1,
): Float64Array {
  const out = new Float64Array(nw * nb);
  for (let j = 0; j < nb; j++) {
    const b = bRange[0] + ((bRange[1] - bRange[0]) * j) / (nb - 1);
    for (let i = 0; i < nw; i++) {
      const w = wRange[0] + ((wRange[1] - wRange[0]) * i) / (nw - 1);
      out[j * nw + i] = meanLoss(kind, xs, ys, w, b, delta);
    }
  }
  return out;
}
