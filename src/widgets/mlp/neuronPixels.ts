import { hexToRgb } from '../../viz/heatmap';
import { SERIES_COLORS } from '../../viz/palette';

const NEG = hexToRgb(SERIES_COLORS[0]);
const POS = hexToRgb(SERIES_COLORS[1]);

/**
 * RGBA pixels of one neuron's activation over a size x size grid: values above
 * `mid` shade towards orange, below towards blue, scaled by the largest
 * deviation in this map (so a nearly constant neuron still shows its pattern).
 */
export function neuronPixels(values: ArrayLike<number>, offset: number, size: number, mid = 0): Uint8ClampedArray {
  const cells = size * size;
  let m = 1e-6;
  for (let i = 0; i < cells; i++) {
    const d = Math.abs(values[offset + i] - mid);
    if (Number.isFinite(d) && d > m) m = d;
  }
  const px = new Uint8ClampedArray(cells * 4);
  for (let i = 0; i < cells; i++) {
    const raw = (values[offset + i] - mid) / m;
    const t = Number.isFinite(raw) ? Math.max(-1, Math.min(1, raw)) : 0;
    const c = t >= 0 ? POS : NEG;
    const a = Math.abs(t) * 0.85;
    px[i * 4] = 255 * (1 - a) + c[0] * a;
    px[i * 4 + 1] = 255 * (1 - a) + c[1] * a;
    px[i * 4 + 2] = 255 * (1 - a) + c[2] * a;
    px[i * 4 + 3] = 255;
  }
  return px;
}

/** The value an activation takes at zero input: colours are centred there (0.5 for sigmoid, 0 otherwise). */
export function activationMid(act: string): number {
  return act === 'sigmoid' ? 0.5 : 0;
}
