/**
 * Convolution and pooling in plain numbers, for the explorer widgets (no tfjs:
 * this runs on the main thread). Images are row-major [channel][row][col];
 * kernels [outChannel][inChannel][row][col]. Deep-learning "convolution" is
 * cross-correlation: the kernel is not flipped.
 */

/** Output size along one axis: floor((n + 2p - k) / s) + 1, or 0 when the kernel does not fit. */
export function outSize(n: number, k: number, pad: number, stride: number): number {
  const v = Math.floor((n + 2 * pad - k) / stride) + 1;
  return v > 0 ? v : 0;
}

/** A stack of same-size 2-D maps. */
export interface Maps {
  channels: number;
  h: number;
  w: number;
  data: Float64Array;
}

/** One multiply-add of an output value: which input value times which weight. */
export interface Term {
  c: number;
  y: number;
  x: number;
  /** Input value, or 0 where the kernel overlaps zero padding. */
  value: number;
  weight: number;
  padding: boolean;
}

/** Reads input (c, y, x) with zero outside the image (zero padding). */
export function at(m: Maps, c: number, y: number, x: number): number {
  return y < 0 || x < 0 || y >= m.h || x >= m.w ? 0 : m.data[(c * m.h + y) * m.w + x];
}

/** The terms summed into output (o, oy, ox): one per kernel tap and input channel. */
export function terms(input: Maps, kernel: number[][][][], o: number, oy: number, ox: number, pad: number, stride: number): Term[] {
  const k = kernel[o][0].length;
  const out: Term[] = [];
  for (let c = 0; c < input.channels; c++)
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        const y = oy * stride - pad + i;
        const x = ox * stride - pad + j;
        const padding = y < 0 || x < 0 || y >= input.h || x >= input.w;
        out.push({ c, y, x, value: padding ? 0 : at(input, c, y, x), weight: kernel[o][c][i][j], padding });
      }
  return out;
}

/** Multi-channel cross-correlation with zero padding and stride, plus a bias per output channel. */
export function conv2d(input: Maps, kernel: number[][][][], pad: number, stride: number, bias: number[] = []): Maps {
  const k = kernel[0][0].length;
  const h = outSize(input.h, k, pad, stride);
  const w = outSize(input.w, k, pad, stride);
  const channels = kernel.length;
  const data = new Float64Array(channels * h * w);
  for (let o = 0; o < channels; o++)
    for (let oy = 0; oy < h; oy++)
      for (let ox = 0; ox < w; ox++) {
        let s = bias[o] ?? 0;
        for (let c = 0; c < input.channels; c++)
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += at(input, c, oy * stride - pad + i, ox * stride - pad + j) * kernel[o][c][i][j];
        data[(o * h + oy) * w + ox] = s;
      }
  return { channels, h, w, data };
}

/** Max or average pooling over size x size windows with the given stride, per channel (no padding). */
export function pool(input: Maps, size: number, stride: number, kind: 'max' | 'avg'): Maps {
  const h = outSize(input.h, size, 0, stride);
  const w = outSize(input.w, size, 0, stride);
  const data = new Float64Array(input.channels * h * w);
  for (let c = 0; c < input.channels; c++)
    for (let oy = 0; oy < h; oy++)
      for (let ox = 0; ox < w; ox++) {
        let acc = kind === 'max' ? -Infinity : 0;
        for (let i = 0; i < size; i++)
          for (let j = 0; j < size; j++) {
            const v = at(input, c, oy * stride + i, ox * stride + j);
            acc = kind === 'max' ? Math.max(acc, v) : acc + v;
          }
        data[(c * h + oy) * w + ox] = kind === 'max' ? acc : acc / (size * size);
      }
  return { channels: input.channels, h, w, data };
}

/** Multiply-adds of a conv layer: outH * outW * cOut * (k * k * cIn). */
export function convMacs(h: number, w: number, cIn: number, cOut: number, k: number, pad: number, stride: number): number {
  return outSize(h, k, pad, stride) * outSize(w, k, pad, stride) * cOut * k * k * cIn;
}

/** One layer of a stack, for receptive fields: kernel size and stride (pooling counts as a layer). */
export interface RfLayer {
  k: number;
  stride: number;
}

/**
 * Receptive field of one unit after each layer: r_l = r_{l-1} + (k_l - 1) j_{l-1},
 * where j (the jump) is the product of the strides before layer l. Two 3x3
 * layers give 5, three give 7.
 */
export function receptiveFields(layers: RfLayer[]): { size: number; jump: number }[] {
  let size = 1;
  let jump = 1;
  return layers.map((l) => {
    size += (l.k - 1) * jump;
    jump *= l.stride;
    return { size, jump };
  });
}

/** Input pixels one output unit (oy, ox) of the last layer sees: the [y0, y1] x [x0, x1] window (may extend past the image). */
export function receptiveWindow(layers: (RfLayer & { pad: number })[], oy: number, ox: number): { y0: number; y1: number; x0: number; x1: number } {
  let y0 = oy, y1 = oy, x0 = ox, x1 = ox;
  for (let i = layers.length - 1; i >= 0; i--) {
    const { k, stride, pad } = layers[i];
    y0 = y0 * stride - pad;
    x0 = x0 * stride - pad;
    y1 = y1 * stride - pad + k - 1;
    x1 = x1 * stride - pad + k - 1;
  }
  return { y0, y1, x0, x1 };
}
