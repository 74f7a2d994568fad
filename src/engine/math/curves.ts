/** Target curves for chapter 3's curve-fitting figure: plain functions on [-1, 1], no tfjs. */
export type CurveKind = 'sine' | 'zigzag' | 'step' | 'bump';

/** The target f(x) of each curve kind. */
export function curve(kind: CurveKind, x: number): number {
  switch (kind) {
    case 'sine':
      return 0.8 * Math.sin(Math.PI * x);
    case 'zigzag': {
      // piecewise linear through (−1, 0), (−0.5, 0.8), (0, −0.4), (0.5, 0.6), (1, 0)
      const knots = [[-1, 0], [-0.5, 0.8], [0, -0.4], [0.5, 0.6], [1, 0]];
      for (let i = 1; i < knots.length; i++)
        if (x <= knots[i][0]) {
          const [x0, y0] = knots[i - 1];
          const [x1, y1] = knots[i];
          return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
        }
      return 0;
    }
    case 'step':
      return x < 0 ? -0.5 : 0.5;
    case 'bump':
      return Math.exp(-(x * x) / (2 * 0.2 * 0.2)) - 0.3;
  }
}

/** n evenly spaced points on [-1, 1] and the curve's values there. */
export function curveSamples(kind: CurveKind, n: number): { xs: number[]; ys: number[] } {
  const xs = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  return { xs, ys: xs.map((x) => curve(kind, x)) };
}

/** The hard sigmoid: 0 left of a, 1 right of b, a straight ramp between. */
export function hardSigmoid(x: number, a: number, b: number): number {
  return Math.max(0, Math.min(1, (x - a) / (b - a)));
}

/** The same hard sigmoid as two ReLUs: (ReLU(x − a) − ReLU(x − b)) / (b − a). */
export function hardSigmoidFromRelus(x: number, a: number, b: number): number {
  const relu = (t: number) => Math.max(0, t);
  return (relu(x - a) - relu(x - b)) / (b - a);
}
