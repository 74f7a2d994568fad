import * as tf from '@tensorflow/tfjs';

/**
 * The sampler of a spatial transformer (Jaderberg et al., 2015). An affine θ (six numbers per
 * image) maps each output pixel's normalised coordinates (x_t, y_t) ∈ [−1, 1]² to a source point
 * (x_s, y_s) = θ · (x_t, y_t, 1); the output reads the input there by bilinear interpolation,
 *   V = Σ_{corners} U[y_c, x_c] · (1 − |x − x_c|)(1 − |y − y_c|),
 * with zeros outside the image. V is differentiable in the coordinates:
 *   ∂V/∂x = (1 − f_y)(U₁₀ − U₀₀) + f_y(U₁₁ − U₀₁),  ∂V/∂y = (1 − f_x)(U₀₁ − U₀₀) + f_x(U₁₁ − U₁₀),
 * written here as a custom gradient, so the kernels are Gather, Floor and elementwise ones that every
 * backend has (tf.gather's own gradient needs UnsortedSegmentSum, which wasm lacks). The input image
 * gets no gradient: the transformer is the first layer and its input is data.
 */

/** Source points in pixel coordinates, x and y each [batch, h·w], for θ [batch, 6] over an h×w output grid. */
export function affineGrid(theta: tf.Tensor2D, h: number, w: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const xt: number[] = [];
    const yt: number[] = [];
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        xt.push(w > 1 ? (2 * j) / (w - 1) - 1 : 0);
        yt.push(h > 1 ? (2 * i) / (h - 1) - 1 : 0);
      }
    // Rows (x_t, y_t, 1) of the target grid, [3, h·w].
    const grid = tf.tensor2d([...xt, ...yt, ...new Array<number>(h * w).fill(1)], [3, h * w]);
    const b = theta.shape[0];
    const src = tf.matMul(tf.reshape(theta, [b * 2, 3]), grid); // [2b, h·w]: x_s and y_s of each image, interleaved
    const s3 = tf.reshape(src, [b, 2, h * w]);
    const xs = tf.reshape(tf.slice(s3, [0, 0, 0], [b, 1, h * w]), [b, h * w]);
    const ys = tf.reshape(tf.slice(s3, [0, 1, 0], [b, 1, h * w]), [b, h * w]);
    // Normalised [−1, 1] to pixel centres 0 … w − 1.
    return { x: tf.mul(tf.add(xs, 1), (w - 1) / 2) as tf.Tensor2D, y: tf.mul(tf.add(ys, 1), (h - 1) / 2) as tf.Tensor2D };
  });
}

/** The four corner values around each source point, with zeros outside the image, and the fractions f_x, f_y. */
function corners(image: tf.Tensor3D, x: tf.Tensor2D, y: tf.Tensor2D) {
  const [b, h, w] = image.shape;
  const n = x.shape[1];
  const flat = tf.reshape(image, [b * h * w]);
  const x0 = tf.floor(x);
  const y0 = tf.floor(y);
  const fx = tf.sub(x, x0);
  const fy = tf.sub(y, y0);
  // Offsets of each image in the flattened batch (float: exact for any index below 2^24).
  const base = tf.reshape(tf.mul(tf.range(0, b, 1, 'float32'), h * w), [b, 1]);
  const at = (dx: number, dy: number) => {
    const cx = tf.add(x0, dx);
    const cy = tf.add(y0, dy);
    const inside = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(cx, 0), tf.lessEqual(cx, w - 1)), tf.logicalAnd(tf.greaterEqual(cy, 0), tf.lessEqual(cy, h - 1)));
    const idx = tf.cast(tf.add(base, tf.add(tf.mul(tf.clipByValue(cy, 0, h - 1), w), tf.clipByValue(cx, 0, w - 1))), 'int32');
    const v = tf.reshape(tf.gather(flat, tf.reshape(idx, [b * n])), [b, n]);
    return tf.mul(v, tf.cast(inside, 'float32'));
  };
  return { u00: at(0, 0), u10: at(1, 0), u01: at(0, 1), u11: at(1, 1), fx, fy };
}

/**
 * Bilinear samples of `image` [batch, h, w] at pixel coordinates x, y [batch, n]: [batch, n].
 * Differentiable in x and y (custom gradient above); `image` is treated as data.
 */
export function bilinearSample(image: tf.Tensor3D, x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad((xs, ys, save) => {
    const { u00, u10, u01, u11, fx, fy } = corners(image, xs as tf.Tensor2D, ys as tf.Tensor2D);
    const top = tf.add(tf.mul(u00, tf.sub(1, fx)), tf.mul(u10, fx));
    const bottom = tf.add(tf.mul(u01, tf.sub(1, fx)), tf.mul(u11, fx));
    const value = tf.add(tf.mul(top, tf.sub(1, fy)), tf.mul(bottom, fy));
    (save as tf.GradSaveFunc)([u00, u10, u01, u11, fx, fy]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [a, bb, c, d, gx, gy] = saved;
        const dVdx = tf.add(tf.mul(tf.sub(1, gy), tf.sub(bb, a)), tf.mul(gy, tf.sub(d, c)));
        const dVdy = tf.add(tf.mul(tf.sub(1, gx), tf.sub(c, a)), tf.mul(gx, tf.sub(d, bb)));
        return [tf.mul(dy, dVdx), tf.mul(dy, dVdy)];
      },
    };
  });
  return f(x, y) as tf.Tensor2D;
}

/**
 * Sampling by rounding to the nearest whole pixel: the same read at (round x, round y).
 * Rounding is flat between half-integers, so its derivative, and with it every gradient
 * reaching θ through this sampler, is exactly zero.
 */
export function nearestSample(image: tf.Tensor3D, x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  return bilinearSample(image, tf.round(x) as tf.Tensor2D, tf.round(y) as tf.Tensor2D);
}

/** Resamples images [batch, h, w, 1] through θ [batch, 6] onto an h×w grid: [batch, h, w, 1]. */
export function transformImages(images: tf.Tensor4D, theta: tf.Tensor2D, sampler: 'bilinear' | 'nearest' = 'bilinear'): tf.Tensor4D {
  const [b, h, w] = images.shape;
  const { x, y } = affineGrid(theta, h, w);
  const img3 = tf.reshape(images, [b, h, w]) as tf.Tensor3D;
  const v = sampler === 'bilinear' ? bilinearSample(img3, x, y) : nearestSample(img3, x, y);
  return tf.reshape(v, [b, h, w, 1]);
}
