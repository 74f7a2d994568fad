/** Feature maps φ(x1, x2) for linear classifiers on 2-D points, in plain numbers. */

export type FeatureKind = 'linear' | 'quadratic';

/** Number of features each map produces. */
export function featureCount(kind: FeatureKind): number {
  return kind === 'linear' ? 2 : 5;
}

/** φ(x1, x2): (x1, x2) or (x1, x2, x1², x2², x1 x2). A model linear in φ can draw a conic in the plane. */
export function features(kind: FeatureKind, x1: number, x2: number): number[] {
  return kind === 'linear' ? [x1, x2] : [x1, x2, x1 * x1, x2 * x2, x1 * x2];
}

/** The feature matrix of many points, flattened row-major (n rows of featureCount(kind)). */
export function featureMatrix(kind: FeatureKind, xs: readonly number[], ys: readonly number[]): Float32Array {
  const d = featureCount(kind);
  const out = new Float32Array(xs.length * d);
  for (let i = 0; i < xs.length; i++) out.set(features(kind, xs[i], ys[i]), i * d);
  return out;
}

/** Names of the features, for the weights readout. */
export function featureNames(kind: FeatureKind): string[] {
  return kind === 'linear' ? ['x₁', 'x₂'] : ['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂'];
}
