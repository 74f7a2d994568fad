/**
 * Position encodings as plain numbers (no tfjs), so that the main thread can draw them; nn/positional.ts
 * re-exports sinusoidalEncoding for the models.
 */

/**
 * Vaswani et al.'s encodings, [length, dim] row-major:
 * PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)).
 */
export function sinusoidalEncoding(length: number, dim: number): Float32Array {
  const out = new Float32Array(length * dim);
  for (let p = 0; p < length; p++)
    for (let j = 0; j < dim; j++) {
      const angle = p / Math.pow(10000, (2 * Math.floor(j / 2)) / dim);
      out[p * dim + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  return out;
}
