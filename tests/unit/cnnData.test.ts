import { describe, expect, it } from 'vitest';
import { byteToPackageFloat, fetchMnist, MNIST_HEADER_BYTES, MnistFormatError, parseMnist } from '../../src/engine/data/mnist';
import { affineDigit, preprocessDrawing, shiftDigit, centreOfMass } from '../../src/engine/data/digitTransforms';
// @ts-expect-error: a plain .mjs build script without type declarations
import { packOrder } from '../../scripts/packMnist.mjs';
import { mnistFixture } from './support/mnistFixture';

const copy = (u: Uint8Array) => u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

describe('packed MNIST', () => {
  it('decodes to the package digits exactly, in the recorded order', () => {
    const { digits, data } = mnistFixture();
    expect(data.count).toBe(10000);
    expect([data.rows, data.cols, data.nTrain, data.nTest]).toEqual([28, 28, 8000, 2000]);
    const order = packOrder(10000) as number[];
    let mismatches = 0;
    order.forEach((src, k) => {
      const d = digits[src];
      if (data.labels[k] !== d.label) mismatches++;
      for (let i = 0; i < 784; i++) if (byteToPackageFloat(data.pixels[k * 784 + i]) !== d.pixels[i]) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it('splits train and test without overlap, and every class is in both', () => {
    const { data } = mnistFixture();
    const order = packOrder(10000) as number[];
    expect(new Set(order).size).toBe(10000);
    const trainClasses = new Set(data.labels.subarray(0, data.nTrain));
    const testClasses = new Set(data.labels.subarray(data.nTrain));
    expect(trainClasses.size).toBe(10);
    expect(testClasses.size).toBe(10);
  });

  it('refuses a wrong magic, a truncated file and an inconsistent header with clear messages', () => {
    const { packed } = mnistFixture();
    const bad = packed.slice();
    bad[0] = 0x58;
    expect(() => parseMnist(copy(bad))).toThrow(/does not start with "TRMN"/);
    expect(() => parseMnist(copy(packed.subarray(0, packed.length - 100)))).toThrow(/truncated/);
    expect(() => parseMnist(copy(packed.subarray(0, 10)))).toThrow(MnistFormatError);
    const split = packed.slice();
    new DataView(split.buffer).setUint32(20, 9000, true);
    expect(() => parseMnist(copy(split))).toThrow(/does not add up/);
    expect(MNIST_HEADER_BYTES + 10000 * 785).toBe(packed.length);
  });

  it('fetches with retries on network failure but not on a corrupt file', async () => {
    const { packed } = mnistFixture();
    let calls = 0;
    const flaky = (async () => {
      calls++;
      if (calls < 3) throw new Error('network down');
      return new Response(copy(packed));
    }) as unknown as typeof fetch;
    const d = await fetchMnist('x', { retries: 2, delayMs: 1, fetchImpl: flaky });
    expect(d.count).toBe(10000);
    expect(calls).toBe(3);
    calls = 0;
    const corrupt = (async () => {
      calls++;
      return new Response(copy(packed.subarray(0, 5000)));
    }) as unknown as typeof fetch;
    await expect(fetchMnist('x', { retries: 2, delayMs: 1, fetchImpl: corrupt })).rejects.toThrow(/truncated/);
    expect(calls).toBe(1);
    const down = (async () => new Response('no', { status: 404 })) as unknown as typeof fetch;
    await expect(fetchMnist('x', { retries: 1, delayMs: 1, fetchImpl: down })).rejects.toThrow(/after 2 tries/);
  });
});

describe('digit transforms', () => {
  it('whole-pixel affine shifts equal exact shifts', () => {
    const { data } = mnistFixture();
    const img = Float32Array.from(data.pixels.subarray(0, 784), (b) => b / 255);
    const a = affineDigit(img, 0, 3, -2);
    const b = shiftDigit(img, 3, -2);
    for (let i = 0; i < 784; i++) expect(a[i]).toBeCloseTo(b[i], 5);
  });

  it('preprocesses a drawing like MNIST: ink fits 20x20 and its centre of mass is near the centre', () => {
    const side = 200;
    const img = new Float32Array(side * side);
    for (let y = 20; y < 60; y++) for (let x = 150; x < 160; x++) img[y * side + x] = 1; // a short bar in a corner
    const out = preprocessDrawing(img, side);
    const { cx, cy } = centreOfMass(out, 28);
    expect(Math.abs(cx - 13.5)).toBeLessThanOrEqual(1);
    expect(Math.abs(cy - 13.5)).toBeLessThanOrEqual(1);
    let rows = 0;
    for (let y = 0; y < 28; y++) if (out.subarray(y * 28, y * 28 + 28).some((v) => v > 0.05)) rows++;
    expect(rows).toBe(20);
    expect(preprocessDrawing(new Float32Array(side * side), side).every((v) => v === 0)).toBe(true);
  });
});
