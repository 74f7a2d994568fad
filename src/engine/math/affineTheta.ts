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

/**
 * How well the learned rotations follow the applied ones over many digits: the least-squares
 * line learned = offset + slope · applied, and the correlation r. A slope above 0 means θ turns
 * digits back the way they were turned (the sign that undoes the distortion); 1 would undo all of
 * it. The offset is a pose shared by every digit, which nothing in the loss pins down.
 */
export function angleFit(applied: ArrayLike<number>, learned: ArrayLike<number>): { slope: number; offset: number; r: number } {
  const n = applied.length;
  let ma = 0, ml = 0;
  for (let i = 0; i < n; i++) {
    ma += applied[i] / n;
    ml += learned[i] / n;
  }
  let saa = 0, sll = 0, sal = 0;
  for (let i = 0; i < n; i++) {
    const a = applied[i] - ma, l = learned[i] - ml;
    saa += a * a;
    sll += l * l;
    sal += a * l;
  }
  const slope = saa > 0 ? sal / saa : 0;
  return { slope, offset: ml - slope * ma, r: saa > 0 && sll > 0 ? sal / Math.sqrt(saa * sll) : 0 };
}
