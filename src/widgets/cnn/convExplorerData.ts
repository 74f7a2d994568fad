import type { Maps } from '../../engine/math/conv';

/** Small input images for the explorer (8x8, values 0 to 9 so products are readable). */
export const IMAGES: Record<string, number[]> = {
  seven: [
    0, 0, 0, 0, 0, 0, 0, 0,
    0, 9, 9, 9, 9, 9, 9, 0,
    0, 0, 0, 0, 0, 9, 5, 0,
    0, 0, 0, 0, 9, 5, 0, 0,
    0, 0, 0, 5, 9, 0, 0, 0,
    0, 0, 0, 9, 5, 0, 0, 0,
    0, 0, 5, 9, 0, 0, 0, 0,
    0, 0, 9, 5, 0, 0, 0, 0,
  ],
  edge: Array.from({ length: 64 }, (_, i) => (i % 8 >= 4 ? 9 : 0)),
  checker: Array.from({ length: 64 }, (_, i) => ((Math.floor(i / 8) + (i % 8)) % 2 ? 9 : 0)),
  ramp: Array.from({ length: 64 }, (_, i) => i % 8),
};

/** Kernels by name for size k (odd); 'custom' starts as identity. */
export function presetKernel(name: string, k: number): number[][] {
  const z = () => Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const m = z();
  const c = (k - 1) / 2;
  switch (name) {
    case 'blur':
      return m.map((r) => r.map(() => Number((1 / (k * k)).toFixed(3))));
    case 'vertical edge':
      for (let i = 0; i < k; i++) {
        m[i][0] = -1;
        m[i][k - 1] = 1;
      }
      if (k === 1) m[0][0] = 1;
      return m;
    case 'horizontal edge':
      for (let j = 0; j < k; j++) {
        m[0][j] = -1;
        m[k - 1][j] = 1;
      }
      if (k === 1) m[0][0] = 1;
      return m;
    case 'sharpen':
      if (k === 1) return [[1]];
      m[c][c] = 5;
      m[c - 1][c] = m[c + 1][c] = m[c][c - 1] = m[c][c + 1] = -1;
      return m;
    default:
      m[c][c] = 1;
      return m;
  }
}

/** The explorer's input: channel 0 is the image; extra channels are its mirror and its negative plus 9, so channels differ. */
export function inputMaps(image: string, channels: number): Maps {
  const base = IMAGES[image] ?? IMAGES.seven;
  const data = new Float64Array(channels * 64);
  for (let c = 0; c < channels; c++)
    for (let i = 0; i < 64; i++) {
      const y = Math.floor(i / 8);
      const x = i % 8;
      data[c * 64 + i] = c === 0 ? base[i] : c === 1 ? base[y * 8 + (7 - x)] : 9 - base[i];
    }
  return { channels, h: 8, w: 8, data };
}
