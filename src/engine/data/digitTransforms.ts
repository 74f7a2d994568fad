/**
 * Plain-number image operations on 28x28 grey digits (no tfjs, usable on the
 * main thread): MNIST-style preprocessing of a drawn digit, and the shifts and
 * small rotations used for data augmentation and for the shifted test set.
 */
export const SIDE = 28;

/**
 * Resamples `src` (side x side, values in [0, 1]) through an affine map: output
 * pixel (x, y) reads the source at R(-angle) (p - centre - shift) + centre, with
 * bilinear interpolation and zero outside, so that the content moves by
 * (dx, dy) pixels and turns by `angleDeg` about the centre.
 */
export function affineDigit(src: ArrayLike<number>, angleDeg: number, dx: number, dy: number, out = new Float32Array(SIDE * SIDE), side = SIDE, scale = 1): Float32Array {
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a) / scale;
  const sin = Math.sin(a) / scale;
  const c = (side - 1) / 2;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const px = x - c - dx;
      const py = y - c - dy;
      const sx = cos * px + sin * py + c;
      const sy = -sin * px + cos * py + c;
      out[y * side + x] = bilinear(src, side, sx, sy);
    }
  }
  return out;
}

function bilinear(src: ArrayLike<number>, side: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= side || yy >= side ? 0 : src[yy * side + xx]);
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

/** Shifts by whole pixels (zero fill): the cheap, exact version of affineDigit with no rotation. */
export function shiftDigit(src: ArrayLike<number>, dx: number, dy: number, out = new Float32Array(SIDE * SIDE)): Float32Array {
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const sx = x - dx;
      const sy = y - dy;
      out[y * SIDE + x] = sx < 0 || sy < 0 || sx >= SIDE || sy >= SIDE ? 0 : src[sy * SIDE + sx];
    }
  }
  return out;
}

/** Total ink and its bounding box; null when the image is blank. */
export function inkBox(img: ArrayLike<number>, side: number, threshold = 0.05): { x0: number; y0: number; x1: number; y1: number; ink: number } | null {
  let x0 = side, y0 = side, x1 = -1, y1 = -1, ink = 0;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const v = img[y * side + x];
      ink += v;
      if (v > threshold) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  return x1 < 0 ? null : { x0, y0, x1, y1, ink };
}

/** Ink-weighted centre (centre of mass) of an image, in pixel coordinates. */
export function centreOfMass(img: ArrayLike<number>, side: number): { cx: number; cy: number } {
  let s = 0, sx = 0, sy = 0;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const v = img[y * side + x];
      s += v;
      sx += v * x;
      sy += v * y;
    }
  return s > 0 ? { cx: sx / s, cy: sy / s } : { cx: (side - 1) / 2, cy: (side - 1) / 2 };
}

/**
 * MNIST's own preprocessing, applied to a drawing of any square size: crop to
 * the ink's bounding box, scale so the longer side is 20 pixels (keeping the
 * aspect ratio, area-averaged), paste into 28x28 and move the centre of mass
 * to the centre. A blank drawing comes back blank (all zeros).
 */
export function preprocessDrawing(img: ArrayLike<number>, side: number): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  const box = inkBox(img, side);
  if (!box) return out;
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const s = 20 / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * s));
  const th = Math.max(1, Math.round(bh * s));
  const small = new Float32Array(tw * th);
  // Area averaging: each target pixel takes the mean of the source pixels whose centres fall in it.
  const sums = new Float32Array(tw * th);
  const counts = new Float32Array(tw * th);
  for (let y = box.y0; y <= box.y1; y++)
    for (let x = box.x0; x <= box.x1; x++) {
      const tx = Math.min(tw - 1, Math.floor(((x - box.x0 + 0.5) / bw) * tw));
      const ty = Math.min(th - 1, Math.floor(((y - box.y0 + 0.5) / bh) * th));
      sums[ty * tw + tx] += img[y * side + x];
      counts[ty * tw + tx] += 1;
    }
  for (let i = 0; i < small.length; i++) small[i] = counts[i] ? sums[i] / counts[i] : 0;
  const ox = Math.floor((SIDE - tw) / 2);
  const oy = Math.floor((SIDE - th) / 2);
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) out[(oy + y) * SIDE + ox + x] = Math.min(1, small[y * tw + x]);
  const { cx, cy } = centreOfMass(out, SIDE);
  const c = (SIDE - 1) / 2;
  return shiftDigit(out, Math.round(c - cx), Math.round(c - cy));
}
