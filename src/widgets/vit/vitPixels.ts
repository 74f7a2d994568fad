/** Pure pixel helpers for the ViT figure (no React, no tfjs). */

/** Patch n of a row-major 28x28 image as p·p values (patches numbered row by row across the grid). */
export function patchOf(image: ArrayLike<number>, p: number, n: number): Float32Array {
  const g = 28 / p;
  const r = Math.floor(n / g);
  const c = n % g;
  const out = new Float32Array(p * p);
  for (let y = 0; y < p; y++) for (let x = 0; x < p; x++) out[y * p + x] = image[(r * p + y) * 28 + c * p + x];
  return out;
}

/**
 * The digit in grey with each patch tinted orange by its share of attention (scaled so the most
 * attended patch is fully tinted), as RGBA bytes of a 28x28 image.
 */
export function attentionPixels(image: ArrayLike<number>, attention: ArrayLike<number>, p: number): Uint8ClampedArray<ArrayBuffer> {
  const g = 28 / p;
  let max = 0;
  for (let i = 0; i < attention.length; i++) max = Math.max(max, attention[i]);
  const out = new Uint8ClampedArray(new ArrayBuffer(28 * 28 * 4));
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++) {
      const a = max > 0 ? attention[Math.floor(y / p) * g + Math.floor(x / p)] / max : 0;
      const ink = 255 - Math.round(255 * Math.max(0, Math.min(1, image[y * 28 + x])));
      const i = (y * 28 + x) * 4;
      // The paper turns towards #E69F00 (orange) by a; the ink stays dark, so the digit stays readable.
      const s = ink / 255;
      out[i] = Math.round(ink * (1 - a) + 230 * s * a);
      out[i + 1] = Math.round(ink * (1 - a) + 159 * s * a);
      out[i + 2] = Math.round(ink * (1 - a));
      out[i + 3] = 255;
    }
  return out;
}
