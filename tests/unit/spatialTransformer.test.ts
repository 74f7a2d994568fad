/**
 * Chapter 6's spatial transformer: the bilinear sampler against a direct loop, its θ-gradient
 * against finite differences, rounding's zero gradient, the θ convention against the digit
 * distortions, and the model trains, leak-free, on cpu and on wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affineDigit } from '../../src/engine/data/digitTransforms';
import { provideMnist } from '../../src/engine/data/mnistStore';
import { distortedTestDigits, distortions, stnDigitsSpec, type StnDigitsConfig } from '../../src/engine/models/stnDigits';
import { affineGrid, bilinearSample, nearestSample, transformImages } from '../../src/engine/nn/bilinearSampler';
import { angleFit, describeTheta } from '../../src/engine/math/affineTheta';
import { createRng } from '../../src/engine/rng';
import { Trainer } from '../../src/engine/trainer';
import { mnistFixture } from './support/mnistFixture';

beforeAll(async () => {
  await tf.setBackend('cpu');
  provideMnist(mnistFixture().data);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Bilinear read of a side×side image at (x, y) in pixels, zero outside: the loop the sampler must match. */
function bilinearLoop(img: ArrayLike<number>, side: number, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
  const at = (xx: number, yy: number) => (xx < 0 || yy < 0 || xx >= side || yy >= side ? 0 : img[yy * side + xx]);
  return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

const rng = createRng(11);
const rand = (n: number, s = 1) => Array.from({ length: n }, () => s * rng.normal());

describe('the bilinear sampler', () => {
  it('matches the direct loop, zeros outside the image included', () => {
    const side = 5;
    const img = rand(2 * side * side);
    const xs = Array.from({ length: 2 * 7 }, () => rng.next() * 7 - 1.2);
    const ys = Array.from({ length: 2 * 7 }, () => rng.next() * 7 - 1.2);
    const got = tf.tidy(() => bilinearSample(tf.tensor3d(img, [2, side, side]), tf.tensor2d(xs, [2, 7]), tf.tensor2d(ys, [2, 7])).arraySync());
    for (let b = 0; b < 2; b++)
      for (let i = 0; i < 7; i++) expect(got[b][i]).toBeCloseTo(bilinearLoop(img.slice(b * 25, b * 25 + 25), side, xs[b * 7 + i], ys[b * 7 + i]), 5);
  });

  it('the identity θ gives back the image exactly', () => {
    const img = rand(2 * 36);
    const out = tf.tidy(() => transformImages(tf.tensor4d(img, [2, 6, 6, 1]), tf.tensor2d([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0], [2, 6])).dataSync());
    out.forEach((v, i) => expect(v).toBeCloseTo(img[i], 5));
  });

  it('its gradient with respect to θ matches central finite differences', () => {
    const side = 4;
    const img = tf.tensor3d(rand(side * side), [1, side, side]);
    const r = tf.tensor2d(rand(side * side), [1, side * side]);
    // L(θ) = Σ V·r, a smooth random read-out of the resampled image.
    const L = (t: tf.Tensor) => {
      const { x, y } = affineGrid(t as tf.Tensor2D, side, side);
      return tf.sum(tf.mul(bilinearSample(img, x, y), r)) as tf.Scalar;
    };
    let checked = 0;
    for (let trial = 0; trial < 60 && checked < 3; trial++) {
      const theta = [1 + 0.2 * rng.normal(), 0.3 * rng.normal(), 0.2 * rng.normal(), 0.3 * rng.normal(), 1 + 0.2 * rng.normal(), 0.2 * rng.normal()];
      // Finite differences need every source point away from a pixel boundary (where V has a kink).
      const { x, y } = tf.tidy(() => affineGrid(tf.tensor2d(theta, [1, 6]), side, side));
      const coords = [...x.dataSync(), ...y.dataSync()];
      x.dispose();
      y.dispose();
      if (coords.some((c) => Math.abs(c - Math.round(c)) < 0.012)) continue;
      const g = tf.tidy(() => tf.grad(L)(tf.tensor2d(theta, [1, 6])).dataSync());
      const h = 1e-3;
      for (let k = 0; k < 6; k++) {
        const at = (d: number) => tf.tidy(() => L(tf.tensor2d(theta.map((v, i) => (i === k ? v + d : v)), [1, 6])).dataSync()[0]);
        const fd = (at(h) - at(-h)) / (2 * h);
        expect(Math.abs(g[k] - fd)).toBeLessThan(2e-2 * Math.max(1, Math.abs(fd)));
      }
      checked++;
    }
    expect(checked).toBe(3);
    img.dispose();
    r.dispose();
  });

  it('rounding to a whole pixel gives exactly zero gradient; bilinear does not', () => {
    const img = tf.tensor3d(rand(36), [1, 6, 6]);
    const loss = (sample: typeof bilinearSample) => (t: tf.Tensor) => {
      const { x, y } = affineGrid(t as tf.Tensor2D, 6, 6);
      return tf.sum(tf.square(sample(img, x, y))) as tf.Scalar;
    };
    const theta = tf.tensor2d([0.9, 0.1, 0.05, -0.1, 1.1, 0.02], [1, 6]);
    const gN = tf.tidy(() => Array.from(tf.grad(loss(nearestSample))(theta).dataSync()));
    const gB = tf.tidy(() => Array.from(tf.grad(loss(bilinearSample))(theta).dataSync()));
    expect(gN.every((v) => v === 0)).toBe(true);
    expect(Math.hypot(...gB)).toBeGreaterThan(0.1);
    // And rounding's outputs are the pixels themselves: a read at whole-pixel coordinates.
    tf.dispose([img, theta]);
  });
});

describe('the θ convention', () => {
  it('the θ that undoes a digit turned by α and moved by s has rotation α and shift s, and recovers the digit', () => {
    const { data } = mnistFixture();
    const src = Float32Array.from(data.pixels.subarray(data.nTrain * 784, data.nTrain * 784 + 784), (v) => v / 255);
    const distorted = affineDigit(src, 30, 2, -1);
    const a = (30 * Math.PI) / 180;
    const theta = [Math.cos(a), -Math.sin(a), 2 / 13.5, Math.sin(a), Math.cos(a), -1 / 13.5];
    const d = describeTheta(theta);
    expect(d.angle).toBeCloseTo(30, 6);
    expect([d.dx, d.dy].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([2, -1]);
    const back = Array.from(tf.tidy(() => transformImages(tf.tensor4d(distorted, [1, 28, 28, 1]), tf.tensor2d(theta, [1, 6])).dataSync()));
    // Two interpolations blur a little: the mean error is small against the ink.
    const err = back.reduce((s, v, i) => s + Math.abs(v - src[i]), 0) / 784;
    const ink = src.reduce((s, v) => s + v, 0) / 784;
    expect(err / ink).toBeLessThan(0.25);
    // The opposite sign turns the digit a further 30° instead of back: far worse.
    const wrong = [theta[0], -theta[1], theta[2], -theta[3], theta[4], theta[5]];
    expect(describeTheta(wrong).angle).toBeCloseTo(-30, 6);
    const off = Array.from(tf.tidy(() => transformImages(tf.tensor4d(distorted, [1, 28, 28, 1]), tf.tensor2d(wrong, [1, 6])).dataSync()));
    expect(off.reduce((s, v, i) => s + Math.abs(v - src[i]), 0) / 784 / ink).toBeGreaterThan(2 * (err / ink));
  });
  it('angleFit: the least-squares slope, offset and correlation of learned against applied angles', () => {
    expect(angleFit([-10, 0, 10, 20], [-3, 2, 7, 12])).toEqual({ slope: 0.5, offset: 2, r: 1 });
    const f = angleFit([1, 2, 3], [3, 2, 1]);
    expect([f.slope, f.r]).toEqual([-1, -1]);
    expect(angleFit([5, 5], [1, 2]).slope).toBe(0);
  });
  it('the distorted test digits use at least half the maximum distortion', () => {
    for (const d of distortions(50, 45, 3)) {
      expect(Math.abs(d.angle)).toBeGreaterThanOrEqual(22.5);
      expect(Math.abs(d.angle)).toBeLessThanOrEqual(45);
      expect(Math.abs(d.dx)).toBeGreaterThanOrEqual(1.5);
    }
    expect(distortedTestDigits(mnistFixture().data, 3, 45, 3).xs.length).toBe(3 * 784);
  });
});

const CONFIG: StnDigitsConfig = { dataUrl: '', learningRate: 0.002, rotate: 45, shift: 3, trainSize: 8000, batchSize: 32 };

async function trainsAndFrees(steps: number) {
  const start = tf.memory().numTensors;
  const t = new Trainer(stnDigitsSpec, CONFIG, 1);
  const v0 = await t.view();
  await t.step(1);
  const first = t.loss!;
  await t.view();
  const after1 = tf.memory().numTensors;
  await t.step(steps);
  const v = await t.view();
  const last = t.loss!;
  expect(tf.memory().numTensors).toBe(after1);
  t.dispose();
  expect(tf.memory().numTensors).toBe(start);
  return { v0, v, first, last };
}

describe('the spatial transformer model', () => {
  it('cpu: before training, ‖∂L/∂θ‖ on the six shown digits is 2.38 through bilinear sampling and 0 through rounding; the loss falls; no leaks', async () => {
    const { v0, v, first, last } = await trainsAndFrees(8);
    expect(Math.round((v0.gradBilinear as number) * 100) / 100).toBe(2.38);
    expect(v0.gradNearest).toBe(0);
    expect(v.gradNearest).toBe(0);
    expect(last).toBeLessThan(first);
    expect((v.outputs as Float32Array).length).toBe(6 * 784);
  }, 300_000);

  it('wasm: the same model trains with the sampler’s custom gradient, and its first loss matches cpu', async () => {
    const cpu = new Trainer(stnDigitsSpec, CONFIG, 1);
    await cpu.step(1);
    const cpuFirst = cpu.loss!;
    cpu.dispose();
    setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    const { first, last, v } = await trainsAndFrees(25);
    expect(first).toBeCloseTo(cpuFirst, 3);
    expect(last).toBeLessThan(first);
    expect(v.gradNearest).toBe(0);
    await tf.setBackend('cpu');
  }, 300_000);

  it('wasm: after 200 steps on turned digits, the learned rotation has the sign that undoes the distortion', async () => {
    setWasmPaths(resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    const t = new Trainer(stnDigitsSpec, { ...CONFIG, shift: 0 }, 1);
    expect((await t.view()).angleFit!.slope).toBeCloseTo(0, 6);
    await t.step(200);
    const fit = (await t.view()).angleFit!;
    console.log('angle fit after 200 steps, rotations only', fit);
    // Over 300 test digits turned by 22.5-45° either way, θ's angle rises with the applied one.
    expect(fit.slope).toBeGreaterThan(0.2);
    expect(fit.slope).toBeCloseTo(0.34, 1); // the prose: "a slope of about 0.34"
    expect(fit.r).toBeGreaterThan(0.5);
    t.dispose();
    await tf.setBackend('cpu');
  }, 300_000);
});
