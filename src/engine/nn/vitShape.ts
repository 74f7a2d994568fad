/**
 * A ViT's shape as plain numbers (no tfjs): the patch sizes that tile a digit, where each patch's pixels
 * sit, and the parameter count by hand. The widget on the main thread imports these too.
 */
import { ConfigError } from '../model';

/** The side of an MNIST digit. */
export const SIDE = 28;
/**
 * Patch sizes offered: those that tile a 28x28 digit exactly. 2 divides 28 too, but its 196 tokens make
 * attention (T² per head) too slow to train in a page; 28 would leave one token and nothing to attend to.
 */
export const VALID_PATCHES = [4, 7, 14] as const;

/** How the ViT turns its sequence into one vector for the classifier. */
export type VitPooling = 'cls' | 'mean';

/** A tiny Vision Transformer's shape and step size. */
export interface VitConfig {
  /** Patch side p: the digit becomes (28/p)² patches of p² pixels. */
  patch: number;
  dModel: number;
  heads: number;
  layers: number;
  dFF: number;
  pooling: VitPooling;
  /** Adam's η. */
  learningRate: number;
}

/** N = (28/p)² patches. */
export function patchCount(p: number): number {
  return (SIDE / p) ** 2;
}

/** The patch size nearest to `p` among those that divide 28. */
export function nearestPatch(p: number): number {
  return VALID_PATCHES.reduce((best, q) => (Math.abs(q - p) < Math.abs(best - p) ? q : best), VALID_PATCHES[0]);
}

/**
 * Where each patch's pixels sit in a row-major 28x28 image: entry n·p² + k is the pixel index of
 * patch n's k-th pixel, patches numbered row by row across the grid and pixels row by row inside one.
 * Patch n = (r, c) with r = ⌊n / (28/p)⌋, c = n mod (28/p) holds rows r·p .. r·p+p−1, columns c·p .. c·p+p−1.
 */
export function patchPixelOrder(p: number): Int32Array {
  if (!VALID_PATCHES.includes(p as (typeof VALID_PATCHES)[number])) throw new ConfigError(`A patch side of ${p} does not divide 28: use ${VALID_PATCHES.join(', ')}`);
  const g = SIDE / p;
  const out = new Int32Array(SIDE * SIDE);
  let i = 0;
  for (let r = 0; r < g; r++)
    for (let c = 0; c < g; c++)
      for (let y = 0; y < p; y++) for (let x = 0; x < p; x++) out[i++] = (r * p + y) * SIDE + (c * p + x);
  return out;
}

/**
 * The parameter count of a ViT, by hand: patch embedding p²·d + d, class token d (cls pooling),
 * positions T·d (T = N, plus one for the class token), per block 4(d² + d) for attention, 2·2d for
 * two layer norms, d·d_ff + d_ff + d_ff·d + d for the FFN; a final layer norm 2d and the head 10d + 10.
 */
export function vitParamCount(c: Pick<VitConfig, 'patch' | 'dModel' | 'layers' | 'dFF' | 'pooling'>): number {
  const d = c.dModel;
  const t = patchCount(c.patch) + (c.pooling === 'cls' ? 1 : 0);
  const block = 4 * (d * d + d) + 4 * d + (d * c.dFF + c.dFF + c.dFF * d + d);
  return c.patch * c.patch * d + d + (c.pooling === 'cls' ? d : 0) + t * d + c.layers * block + 2 * d + 10 * d + 10;
}

