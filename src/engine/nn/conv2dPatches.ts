import * as tf from '@tensorflow/tfjs';

/**
 * A 2-D convolution that trains on every backend, wasm included. tfjs's wasm
 * backend has no Conv2DBackpropFilter kernel, so tf.conv2d's own gradient fails
 * there. Here the forward pass is tf.conv2d and the gradients are
 *   dFilter = patches^T x dY   (stride 1: one forward conv2d of the transposed input and dY;
 *                               other strides: one gather of precomputed indices, then MatMul)
 *   dInput  = conv2dTranspose(dY, filter)
 * which uses only kernels all four backends have (Conv2D, Transpose, Gather, MatMul, Conv2DBackpropInput).
 */

/** Output height or width of a convolution: floor((n + 2p - k) / s) + 1. */
export function convOutSize(n: number, k: number, pad: number, stride: number): number {
  return Math.floor((n + 2 * pad - k) / stride) + 1;
}

/**
 * Indices into one padded image flattened as [Hp * Wp * C] that list, for every
 * output position (row-major) and every filter tap (kh, kw, c), the input value
 * that tap multiplies: the im2col table, computed once per layer shape.
 */
export function patchIndices(h: number, w: number, c: number, k: number, pad: number, stride: number): Int32Array {
  const wp = w + 2 * pad;
  const oh = convOutSize(h, k, pad, stride);
  const ow = convOutSize(w, k, pad, stride);
  const out = new Int32Array(oh * ow * k * k * c);
  let i = 0;
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++)
      for (let ky = 0; ky < k; ky++)
        for (let kx = 0; kx < k; kx++)
          for (let ch = 0; ch < c; ch++) out[i++] = ((y * stride + ky) * wp + (x * stride + kx)) * c + ch;
  return out;
}

/** A convolution layer's shape: square kernel, symmetric zero padding, equal strides. */
export interface ConvShape {
  h: number;
  w: number;
  cIn: number;
  cOut: number;
  k: number;
  pad: number;
  stride: number;
  /** False for a first layer fed with data: its input gradient is never used, so skip computing it. */
  inputGrad?: boolean;
}

/** Builds the custom-gradient conv for one layer shape; call `dispose` to free its index table. */
export function makeConv2d(shape: ConvShape) {
  const { h, w, cIn, cOut, k, pad, stride, inputGrad = true } = shape;
  const oh = convOutSize(h, k, pad, stride);
  const ow = convOutSize(w, k, pad, stride);
  const hp = h + 2 * pad;
  const wp = w + 2 * pad;
  const idx = tf.tensor1d(patchIndices(h, w, cIn, k, pad, stride), 'int32');
  const padding: [number, number][] = [[0, 0], [pad, pad], [pad, pad], [0, 0]];

  /** dFilter = patches^T x dY: one gather of the im2col table, then a matrix product. */
  const filterGradByPatches = (xpad: tf.Tensor4D, dy4: tf.Tensor4D, b: number) => {
    const patches = tf.reshape(tf.gather(tf.reshape(xpad, [b, hp * wp * cIn]), idx, 1), [b * oh * ow, k * k * cIn]);
    return tf.reshape(tf.matMul(patches, tf.reshape(dy4, [b * oh * ow, cOut]), true, false), [k, k, cIn, cOut]);
  };

  /**
   * The same sum, dF[i, j, c, o] = Σ_{n,y,x} xpad[n, y + i, x + j, c] dY[n, y, x, o], for stride 1 as one
   * forward convolution: the batch becomes the channel axis of both, xpadᵀ [cIn, hp, wp, b] convolved
   * with dYᵀ [oh, ow, b, cOut] gives [cIn, k, k, cOut]. It runs on the backend's own conv kernel
   * (XNNPACK on wasm). The gather took half of a LeNet step on wasm; with this the step is about 3x faster.
   */
  const filterGradByConv = (xpad: tf.Tensor4D, dy4: tf.Tensor4D) => {
    const r = tf.conv2d(tf.transpose(xpad, [3, 1, 2, 0]), tf.transpose(dy4, [1, 2, 0, 3]), 1, 'valid');
    return tf.transpose(r, [1, 2, 0, 3]);
  };

  const conv = tf.customGrad((x, f, save) => {
    const xt = x as tf.Tensor4D;
    const ft = f as tf.Tensor4D;
    (save as tf.GradSaveFunc)([xt, ft]);
    return {
      value: tf.conv2d(xt, ft, stride, pad),
      gradFunc: (dy, saved) => {
        const [xs, fs] = saved as [tf.Tensor4D, tf.Tensor4D];
        const b = xs.shape[0];
        const dy4 = dy as tf.Tensor4D;
        const xpad = pad > 0 ? tf.pad(xs, padding) : xs;
        const df = stride === 1 ? filterGradByConv(xpad, dy4) : filterGradByPatches(xpad, dy4, b);
        const dx = inputGrad ? tf.conv2dTranspose(dy4, fs, [b, h, w, cIn], stride, pad) : tf.zerosLike(xs);
        return [dx, df];
      },
    };
  });
  return {
    outH: oh,
    outW: ow,
    /** x [batch, h, w, cIn], filter [k, k, cIn, cOut] -> [batch, outH, outW, cOut]. */
    apply: (x: tf.Tensor4D, filter: tf.Tensor4D) => conv(x, filter) as tf.Tensor4D,
    dispose: () => idx.dispose(),
  };
}
