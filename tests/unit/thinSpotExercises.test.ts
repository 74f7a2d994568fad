/**
 * The numbers in the recap and exercise entries for chapters 2, 4, 5 and 6's thin-spot sections (QDA,
 * momentum's rate, L2 under Adam, layer norm, the spatial transformer's θ, VGG-11's dense layer).
 */
import { describe, expect, it } from 'vitest';
import { countLayers, totals } from '../../src/engine/math/archCounts';
import { ARCHS } from '../../src/engine/math/archSpecs';
import { describeTheta } from '../../src/engine/math/affineTheta';
import { gdOptimal, heavyBallOptimal, quadraticDistances, stepsToShrink } from '../../src/engine/math/momentumRate';

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
const gauss = (x: number, sd: number) => Math.exp(-(x * x) / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI));

describe('chapter 2: equal means, unequal spreads', () => {
  it('QDA puts the boundary at ±1.36, where the two densities are equal; the narrow class wins between', () => {
    const x = Math.sqrt((8 * Math.log(2)) / 3);
    expect(round(x, 2)).toBe(1.36);
    expect(gauss(x, 1)).toBeCloseTo(gauss(x, 2), 12);
    expect(gauss(0.5, 1)).toBeGreaterThan(gauss(0.5, 2));
    expect(gauss(2, 1)).toBeLessThan(gauss(2, 2));
  });
});

describe('chapter 4: momentum at κ = 100', () => {
  it('rates 0.980 and 0.818, best β 0.669, about 346 and 35 steps to a thousandfold reduction', () => {
    const gd = gdOptimal(1, 100);
    const hb = heavyBallOptimal(1, 100);
    expect(round(gd.rate, 3)).toBe(0.98);
    expect(round(hb.rate, 3)).toBe(0.818);
    expect(round(hb.beta, 3)).toBe(0.669);
    expect(Math.ceil(Math.log(1000) / -Math.log(gd.rate))).toBe(346);
    expect(Math.ceil(Math.log(1000) / -Math.log(hb.rate))).toBe(35);
    // The run itself needs a few steps more than 35 (the t·rᵗ of coinciding roots).
    const d = quadraticDistances([1, 100], hb.eta, hb.beta, [-3.5, 1.5], 80);
    const measured = d.findIndex((v) => v <= d[0] / 1000);
    expect(measured).toBeGreaterThan(35);
    expect(stepsToShrink(hb.rate, 1000)).toBeGreaterThanOrEqual(34);
  });
});

describe('chapter 5', () => {
  it('L2 under Adam: the penalty adds 0.006 η and 0.6 η; AdamW adds 0.006 η to both', () => {
    const lambda = 0.003;
    const pull = 2 * lambda * 1;
    expect(round(pull / 1, 4)).toBe(0.006);
    expect(round(pull / 0.01, 4)).toBe(0.6);
    expect(round(2 * lambda * 1, 4)).toBe(0.006);
  });
  it('a batch of one: layer norm of (2, 0, −1, 3) is (0.63, −0.63, −1.26, 1.26); batch norm gives zeros', () => {
    const z = [2, 0, -1, 3];
    const mean = z.reduce((s, v) => s + v, 0) / 4;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / 4;
    expect([mean, variance]).toEqual([1, 2.5]);
    expect(z.map((v) => round((v - mean) / Math.sqrt(variance), 2))).toEqual([0.63, -0.63, -1.26, 1.26]);
    expect(z.map((v) => v - v)).toEqual([0, 0, 0, 0]); // each unit minus its own batch mean of one
  });
});

describe('chapter 6', () => {
  it('the θ undoing a 30° turn and a (2, −1) shift reads (0.866, −0.5, 0.148; 0.5, 0.866, −0.074)', () => {
    const a = Math.PI / 6;
    const theta = [Math.cos(a), -Math.sin(a), 2 / 13.5, Math.sin(a), Math.cos(a), -1 / 13.5];
    expect(theta.map((v) => round(v, 3))).toEqual([0.866, -0.5, 0.148, 0.5, 0.866, -0.074]);
    expect(describeTheta(theta).angle).toBeCloseTo(30, 9);
  });
  it("VGG-11's first dense layer: 102,764,544 parameters, 77% of 132,863,336; 0.103 G multiply-adds, 1.4% of 7.61 G", () => {
    const rows = countLayers(ARCHS.vgg11);
    const all = totals(rows);
    expect(all.params).toBe(132_863_336);
    const fc = rows.find((r) => r.params === 102_764_544)!;
    expect(fc.shape).toEqual([4096, 1, 1]);
    expect(Math.round((100 * fc.params) / all.params)).toBe(77);
    expect(round(fc.macs / 1e9, 3)).toBe(0.103);
    expect(round(all.macs / 1e9, 2)).toBe(7.61);
    expect(round((100 * fc.macs) / all.macs, 1)).toBe(1.4);
  });
  it("AlexNet as published: 96% of its 61.0 M parameters in dense layers, 92% of its 0.72 G multiply-adds in convolutions", () => {
    const rows = countLayers(ARCHS.alexnet2);
    const all = totals(rows);
    expect(round(all.params / 1e6, 1)).toBe(61.0);
    expect(round(all.macs / 1e9, 2)).toBe(0.72);
    const dense = rows.filter((r) => r.shape[1] === 1 && r.shape[2] === 1 && r.params > 0);
    expect(Math.round((100 * dense.reduce((s, r) => s + r.params, 0)) / all.params)).toBe(96);
    expect(Math.round((100 * (all.macs - dense.reduce((s, r) => s + r.macs, 0))) / all.macs)).toBe(92);
  });
});
