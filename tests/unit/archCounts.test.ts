/**
 * Chapter 6's computes table: parameters and multiply-adds of AlexNet, VGG-11, NiN and
 * GoogLeNet from their layer lists, against the totals their papers (or libraries) publish
 * and against layers counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { countLayers, totals, type ArchSpec } from '../../src/engine/math/archCounts';
import { ARCHS } from '../../src/engine/math/archSpecs';

const total = (n: keyof typeof ARCHS) => totals(countLayers(ARCHS[n]));
const row = (n: keyof typeof ARCHS, name: string) => countLayers(ARCHS[n]).find((r) => r.name === name)!;

describe('layers by hand', () => {
  it('a convolution: (k²C_in/g + 1)C_out parameters, H·W·C_out·k²C_in/g multiply-adds', () => {
    const spec: ArchSpec = { name: 't', variant: '', input: [4, 10, 10], layers: [{ kind: 'conv', name: 'c', out: 6, k: 3, stride: 1, pad: 1, groups: 2 }, { kind: 'fc', name: 'f', out: 5 }] };
    const [c, f] = countLayers(spec);
    expect(c.shape).toEqual([6, 10, 10]);
    expect(c.params).toBe(3 * 3 * 2 * 6 + 6);
    expect(c.macs).toBe(100 * 6 * 18);
    expect(f.params).toBe(600 * 5 + 5);
    expect(f.macs).toBe(3000);
  });
  it('a layer that does not fit is refused with its name', () => {
    expect(() => countLayers({ name: 't', variant: '', input: [3, 8, 8], layers: [{ kind: 'conv', name: 'big', out: 4, k: 11 }] })).toThrow(/big/);
    expect(() => countLayers({ name: 't', variant: '', input: [3, 8, 8], layers: [{ kind: 'conv', name: 'g', out: 4, k: 3, groups: 2 }] })).toThrow(/groups/);
  });
  it('AlexNet: 55×55×96 after conv1, 6×6×256 = 9,216 into fc6; fc6 alone holds 37.75 M parameters', () => {
    expect(row('alexnet', 'conv1 11×11/4').shape).toEqual([96, 55, 55]);
    expect(row('alexnet', 'fc6').params).toBe(9216 * 4096 + 4096);
    expect(row('alexnet', 'fc6').params).toBe(37_752_832);
  });
});

describe('totals against the published figures', () => {
  it('AlexNet as published (two GPUs): 60,965,224 parameters, the paper’s "60 million"; 0.72 G multiply-adds', () => {
    expect(total('alexnet2').params).toBe(60_965_224);
    expect(Math.round(total('alexnet2').macs / 1e7) / 100).toBe(0.72);
  });
  it('AlexNet as one tower with the paper’s sizes: 62,378,344 parameters, 1.14 G multiply-adds', () => {
    expect(total('alexnet').params).toBe(62_378_344);
    expect(Math.round(total('alexnet').macs / 1e7) / 100).toBe(1.14);
  });
  it('AlexNet, 2014 one-tower revision (torchvision): 61,100,840 parameters, 0.71 G multiply-adds', () => {
    expect(total('alexnet2014').params).toBe(61_100_840);
    expect(Math.round(total('alexnet2014').macs / 1e7) / 100).toBe(0.71);
  });
  it('VGG-11: 132,863,336 parameters (the paper’s 133 M), 7.61 G multiply-adds; 77% of the parameters in the first dense layer', () => {
    const t = total('vgg11');
    expect(t.params).toBe(132_863_336);
    expect(Math.round(t.macs / 1e7) / 100).toBe(7.61);
    expect(Math.round((100 * row('vgg11', 'fc 4096').params) / t.params)).toBe(77);
  });
  it('NiN (d2l layout, 1,000 classes): 7,439,608 parameters, 0.97 G multiply-adds, no dense layer', () => {
    expect(total('nin').params).toBe(7_439_608);
    expect(Math.round(total('nin').macs / 1e7) / 100).toBe(0.97);
    expect(ARCHS.nin.layers.some((l) => l.kind === 'fc')).toBe(false);
  });
  it('GoogLeNet: 7.0 M parameters and 1.58 G multiply-adds, within 3% and 6% of the paper’s 6.8 M and 1.5 G', () => {
    const t = total('googlenet');
    expect(Math.round(t.params / 1e5) / 10).toBe(7.0);
    expect(Math.round(t.macs / 1e7) / 100).toBe(1.58);
    expect(Math.abs(t.params / 6.8e6 - 1)).toBeLessThan(0.03);
    expect(Math.abs(t.macs / 1.5e9 - 1)).toBeLessThan(0.06);
  });
  it('GoogLeNet: the rows of the paper’s Table 1 that are self-consistent match to the million multiply-adds', () => {
    const table: [string, number][] = [['inception 3a', 128], ['inception 3b', 304], ['inception 4b', 88], ['inception 4c', 100], ['inception 4d', 119], ['inception 4e', 170], ['inception 5b', 71], ['linear', 1]];
    for (const [name, mops] of table) expect(Math.abs(row('googlenet', name).macs / 1e6 - mops)).toBeLessThan(0.7);
    // conv2 in the table is the 1×1 reduction and the 3×3 together: 360 M.
    expect(Math.round((row('googlenet', 'conv 1×1 (reduce)').macs + row('googlenet', 'conv 3×3').macs) / 1e6)).toBe(360);
    // Weights without biases, in units of 1,024 as the table counts them: 3a 159K, 3b 379K (table: 380K).
    expect(Math.floor(row('googlenet', 'inception 3a').weights / 1024)).toBe(159);
    expect(Math.round(row('googlenet', 'inception 3b').weights / 1024)).toBe(379);
    // Two rows disagree with the layer sizes the same table gives: conv1 (table 2.7K, 34M) and 5a (1,072K, 54M).
    expect(Math.round(row('googlenet', 'conv 7×7/2').macs / 1e6)).toBe(118);
    expect(Math.round(row('googlenet', 'inception 5a').macs / 1e6)).toBe(51);
  });
});

describe('numbers in chapter 6', () => {
  const share = (n: keyof typeof ARCHS, pick: (name: string, kind: string) => boolean, key: 'params' | 'macs') => {
    const rows = countLayers(ARCHS[n]);
    const kinds = ARCHS[n].layers.map((l) => l.kind);
    const part = rows.filter((r, i) => pick(r.name, kinds[i])).reduce((s, r) => s + r[key], 0);
    return Math.round((100 * part) / totals(rows)[key]);
  };
  it('AlexNet (two GPUs): 96% of the parameters in the three dense layers, 92% of the multiply-adds in the convolutions', () => {
    expect(share('alexnet2', (_, k) => k === 'fc', 'params')).toBe(96);
    expect(share('alexnet2', (_, k) => k === 'conv', 'macs')).toBe(92);
  });
  it('VGG-11: 98% of the multiply-adds in the convolutions; 10.5 times AlexNet’s arithmetic', () => {
    expect(share('vgg11', (_, k) => k === 'conv', 'macs')).toBe(98);
    expect(Math.round((10 * total('vgg11').macs) / total('alexnet2').macs) / 10).toBe(10.5);
  });
  it('NiN: block 4’s 3×3 convolution holds 46% of the parameters', () => {
    expect(share('nin', (name) => name === 'block 4 3×3', 'params')).toBe(46);
  });
  it('GoogLeNet: 8.7 times fewer parameters than AlexNet as published, 2.2 times its multiply-adds', () => {
    expect(Math.round((10 * total('alexnet2').params) / total('googlenet').params) / 10).toBe(8.7);
    expect(Math.round((10 * total('googlenet').macs) / total('alexnet2').macs) / 10).toBe(2.2);
  });
});

