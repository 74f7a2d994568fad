/** Input features of 2-D points as plain numbers (no tfjs: the main thread draws them too). */
/**
 * Input features computed from a 2-D point, as in TensorFlow Playground. 'xy6' is x and y
 * on TF Playground's scale (its points lie in [−6, 6]², ours in [−1, 1]²), for like-for-like comparisons.
 */
export type FeatureSet = 'xy' | 'xy6' | 'quadratic' | 'playground';

/** TF Playground draws its data in [−6, 6]²; 'xy6' multiplies our coordinates by this. */
export const PLAYGROUND_SCALE = 6;

/** Names of the features each set feeds the network. */
export function featureNames(set: FeatureSet): string[] {
  switch (set) {
    case 'xy':
    case 'xy6':
      return ['x₁', 'x₂'];
    case 'quadratic':
      return ['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂'];
    case 'playground':
      return ['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂', 'sin x₁', 'sin x₂'];
  }
}

/** The features of points (x, y), row-major [n x features], as plain numbers. */
export function featureRows(set: FeatureSet, x: number[], y: number[]): Float32Array {
  const cols = featureNames(set).length;
  const out = new Float32Array(x.length * cols);
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    const row = set === 'xy' ? [a, b] : set === 'xy6' ? [PLAYGROUND_SCALE * a, PLAYGROUND_SCALE * b] : set === 'quadratic' ? [a, b, a * a, b * b, a * b] : [a, b, a * a, b * b, a * b, Math.sin(Math.PI * a), Math.sin(Math.PI * b)];
    out.set(row, i * cols);
  }
  return out;
}
