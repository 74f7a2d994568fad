import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { conv2d, convMacs, outSize, pool, receptiveFields, receptiveWindow, terms, type Maps } from '../../src/engine/math/conv';
import { convOutSize, makeConv2d } from '../../src/engine/nn/conv2dPatches';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const maps = (channels: number, h: number, w: number, f: (i: number) => number): Maps => ({ channels, h, w, data: Float64Array.from({ length: channels * h * w }, (_, i) => f(i)) });

describe('output sizes', () => {
  it('matches floor((n + 2p - k) / s) + 1 and tf.conv2d for many padding/stride combinations', () => {
    for (const n of [5, 7, 8, 28])
      for (const k of [1, 3, 5])
        for (const p of [0, 1, 2])
          for (const s of [1, 2, 3]) {
            const expected = Math.floor((n + 2 * p - k) / s) + 1;
            expect(outSize(n, k, p, s)).toBe(expected);
            expect(convOutSize(n, k, p, s)).toBe(expected);
            const y = tf.tidy(() => tf.conv2d(tf.zeros([1, n, n, 1]) as tf.Tensor4D, tf.zeros([k, k, 1, 1]) as tf.Tensor4D, s, p));
            expect(y.shape.slice(1, 3)).toEqual([expected, expected]);
            y.dispose();
          }
  });
  it('gives the textbook cases: 28 -> 28 with k=5 p=2, 32 -> 16 with k=3 p=1 s=2, a kernel too big -> 0', () => {
    expect(outSize(28, 5, 2, 1)).toBe(28);
    expect(outSize(14, 5, 0, 1)).toBe(10);
    expect(outSize(32, 3, 1, 2)).toBe(16);
    expect(outSize(3, 5, 0, 1)).toBe(0);
    expect(convMacs(28, 28, 1, 6, 5, 2, 1)).toBe(117600);
  });
});

describe('plain-number convolution', () => {
  it('agrees with tf.conv2d (multi-channel, padding, stride) and with its own multiply-add terms', () => {
    const input = maps(2, 6, 7, (i) => Math.sin(i * 1.3));
    const kernel = [0, 1, 2].map((o) => [0, 1].map((c) => [0, 1, 2].map((i) => [0, 1, 2].map((j) => Math.cos(o + 2 * c + 3 * i + 5 * j)))));
    for (const [pad, stride] of [[0, 1], [1, 1], [1, 2], [2, 3]]) {
      const ours = conv2d(input, kernel, pad, stride);
      const x = tf.tensor4d(Array.from({ length: 6 * 7 * 2 }, (_, i) => { const c = i % 2, p = Math.floor(i / 2); return input.data[c * 42 + p]; }), [1, 6, 7, 2]);
      const f = tf.tensor4d(Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => { const o = i % 3, c = Math.floor(i / 3) % 2, j = Math.floor(i / 6) % 3, r = Math.floor(i / 18); return kernel[o][c][r][j]; }), [3, 3, 2, 3]);
      const ref = tf.conv2d(x, f, stride, pad).arraySync()[0];
      for (let o = 0; o < 3; o++)
        for (let y = 0; y < ours.h; y++)
          for (let xx = 0; xx < ours.w; xx++) {
            expect(ours.data[(o * ours.h + y) * ours.w + xx]).toBeCloseTo(ref[y][xx][o], 5);
            const sum = terms(input, kernel, o, y, xx, pad, stride).reduce((s, t) => s + t.value * t.weight, 0);
            expect(sum).toBeCloseTo(ref[y][xx][o], 5);
          }
      x.dispose();
      f.dispose();
    }
  });
  it('pools by max and average, and a 1x1 convolution mixes channels per pixel', () => {
    const m = maps(1, 4, 4, (i) => i);
    expect(Array.from(pool(m, 2, 2, 'max').data)).toEqual([5, 7, 13, 15]);
    expect(Array.from(pool(m, 2, 2, 'avg').data)).toEqual([2.5, 4.5, 10.5, 12.5]);
    const two = maps(2, 2, 2, (i) => i);
    const one = conv2d(two, [[[[1]], [[10]]]], 0, 1);
    expect(Array.from(one.data)).toEqual([40, 51, 62, 73]);
  });
  it('grows the receptive field: two 3x3 layers see 5x5, three see 7x7, pooling doubles the jump', () => {
    expect(receptiveFields([{ k: 3, stride: 1 }, { k: 3, stride: 1 }]).map((r) => r.size)).toEqual([3, 5]);
    expect(receptiveFields([{ k: 3, stride: 1 }, { k: 3, stride: 1 }, { k: 3, stride: 1 }])[2].size).toBe(7);
    expect(receptiveFields([{ k: 5, stride: 1 }, { k: 2, stride: 2 }, { k: 5, stride: 1 }, { k: 2, stride: 2 }]).map((r) => r.size)).toEqual([5, 6, 14, 16]);
    expect(receptiveWindow([{ k: 3, stride: 1, pad: 1 }, { k: 3, stride: 1, pad: 1 }], 5, 5)).toEqual({ y0: 3, y1: 7, x0: 3, x1: 7 });
  });
});

describe('patch-matrix convolution gradient', () => {
  it('matches tf.grad of tf.conv2d to 1e-4 for the input and the filter', () => {
    const cases = [
      { h: 8, w: 8, cIn: 1, cOut: 3, k: 5, pad: 2, stride: 1 },
      { h: 7, w: 9, cIn: 3, cOut: 4, k: 3, pad: 0, stride: 1 },
      { h: 9, w: 9, cIn: 2, cOut: 2, k: 3, pad: 1, stride: 2 },
    ];
    for (const shape of cases) {
      const conv = makeConv2d(shape);
      const x = tf.randomNormal([2, shape.h, shape.w, shape.cIn], 0, 1, 'float32', 1) as tf.Tensor4D;
      const f = tf.randomNormal([shape.k, shape.k, shape.cIn, shape.cOut], 0, 1, 'float32', 2) as tf.Tensor4D;
      const wts = tf.randomNormal([2, conv.outH, conv.outW, shape.cOut], 0, 1, 'float32', 3);
      const ours = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv.apply(a as tf.Tensor4D, b as tf.Tensor4D), wts)))([x, f]);
      const ref = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, shape.stride, shape.pad), wts)))([x, f]);
      for (let i = 0; i < 2; i++) {
        expect(ours[i].shape).toEqual(ref[i].shape);
        const diff = tf.max(tf.abs(tf.sub(ours[i], ref[i]))).arraySync() as number;
        expect(diff).toBeLessThan(1e-4);
      }
      [x, f, wts, ...ours, ...ref].forEach((t) => t.dispose());
      conv.dispose();
    }
  });
});

describe('numbers quoted in chapter 6', () => {
  it('LeNet has 61,706 parameters, 2,572 of them convolutional', async () => {
    const { LenetNet, DEFAULT_ARCH } = await import('../../src/engine/nn/lenetNet');
    const { createRng } = await import('../../src/engine/rng');
    const net = new LenetNet(DEFAULT_ARCH, createRng(1));
    const sizes = net.vars.map((v) => v.size);
    net.dispose();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(61706);
    expect(sizes.slice(0, 4).reduce((a, b) => a + b, 0)).toBe(2572);
    expect(sizes[4] + sizes[5]).toBe(48120);
  });
  it('receptive fields: pooling after each of four 3x3 layers (not after the last) sees 38x38; the quiz answers', () => {
    const stack = [{ k: 3, stride: 1 }, { k: 2, stride: 2 }, { k: 3, stride: 1 }, { k: 2, stride: 2 }, { k: 3, stride: 1 }, { k: 2, stride: 2 }, { k: 3, stride: 1 }];
    expect(receptiveFields(stack).at(-1)!.size).toBe(38);
    expect([outSize(28, 5, 2, 1), outSize(14, 5, 0, 1), outSize(32, 3, 1, 2), outSize(224, 11, 2, 4), outSize(7, 3, 0, 3)]).toEqual([28, 10, 16, 55, 2]);
    expect(outSize(outSize(outSize(32, 5, 0, 1), 2, 0, 2), 3, 1, 2)).toBe(7);
    expect(128 * 64 * 9 + 128).toBe(73856);
  });
});
