/** A spatial transformer's affine θ in plain numbers (no tfjs: the widget reads it on the main thread). */

/**
 * What θ does, in words a reader can check against the applied distortion: the rotation
 * angle (degrees) and the shift (pixels) of the source point read for the centre of the output,
 * and the scale √|det A| of its 2×2 part. θ maps output to input, so undoing a digit turned by α
 * and moved by s needs rotation α and shift s.
 */
export function describeTheta(t: ArrayLike<number>, side = 28): { angle: number; dx: number; dy: number; scale: number } {
  const [a, b, c, d, e, f] = Array.from(t);
  return {
    angle: (Math.atan2(d - b, a + e) * 180) / Math.PI,
    dx: (c * (side - 1)) / 2,
    dy: (f * (side - 1)) / 2,
    scale: Math.sqrt(Math.abs(a * e - b * d)),
  };
}
