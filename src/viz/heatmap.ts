import { SERIES_COLORS } from './palette';

/** RGB of a hex colour like #0072B2. */
export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * Paints class probabilities on a size x size grid (row-major from the top-left,
 * `classes` values per cell) into RGBA pixels: each cell takes its classes'
 * colours weighted by probability, paler where the model is unsure.
 */
export function decisionPixels(probs: ArrayLike<number>, size: number, classes: number, background: [number, number, number] = [255, 255, 255]): Uint8ClampedArray {
  const px = new Uint8ClampedArray(size * size * 4);
  const colours = Array.from({ length: Math.max(classes, 2) }, (_, c) => hexToRgb(SERIES_COLORS[c]));
  for (let i = 0; i < size * size; i++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let top = 0;
    for (let c = 0; c < classes; c++) {
      const p = probs[i * classes + c];
      r += p * colours[c][0];
      g += p * colours[c][1];
      b += p * colours[c][2];
      top = Math.max(top, p);
    }
    // Confidence in [0, 1]: 0 at a uniform guess, 1 when one class has all the mass.
    const conf = classes > 1 ? (top - 1 / classes) / (1 - 1 / classes) : 1;
    const a = 0.15 + 0.55 * conf;
    px[i * 4] = background[0] * (1 - a) + r * a;
    px[i * 4 + 1] = background[1] * (1 - a) + g * a;
    px[i * 4 + 2] = background[2] * (1 - a) + b * a;
    px[i * 4 + 3] = 255;
  }
  return px;
}

