/**
 * Chapter 4's rate argument for momentum: on ½Σλ_iθ_i² with condition number κ, gradient
 * descent's best rate (κ−1)/(κ+1) against heavy ball's (√κ−1)/(√κ+1). The formulas, the
 * eigenvalue analysis, runs in plain numbers and the tfjs race on the quadratic all agree.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KAPPA, SURFACES } from '../../src/engine/math/surfaces';
import { gdOptimal, heavyBallOptimal, heavyBallRate, measuredRate, measuredTailRate, quadraticDistances, stepsToShrink } from '../../src/engine/math/momentumRate';
import { optimizerRaceSpec, type OptimizerRaceConfig } from '../../src/engine/models/optimizerRace';
import { Trainer } from '../../src/engine/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const START = [-3.5, 1.5];

describe('the formulas', () => {
  it('gradient descent: η = 2/(λmin+λmax) balances |1 − ηλ| at both ends, giving (κ−1)/(κ+1)', () => {
    for (const k of [3, 20, 500]) {
      const { eta, rate } = gdOptimal(1, k);
      expect(Math.abs(1 - eta)).toBeCloseTo(rate, 12);
      expect(Math.abs(1 - eta * k)).toBeCloseTo(rate, 12);
      // Any other η is worse at one end.
      for (const e of [eta * 0.9, eta * 1.1]) expect(heavyBallRate([1, k], e, 0)).toBeGreaterThan(rate);
    }
  });

  it('heavy ball: the roots of z² − (1+β−ηλ)z + β have modulus √β = (√κ−1)/(√κ+1) at the optimal η, β', () => {
    for (const k of [3, 20, 500]) {
      const h = heavyBallOptimal(1, k);
      expect(h.rate).toBeCloseTo((Math.sqrt(k) - 1) / (Math.sqrt(k) + 1), 12);
      expect(heavyBallRate([1, k], h.eta, h.beta)).toBeCloseTo(h.rate, 7);
      // A small change of either setting does no better.
      for (const [e, b] of [[h.eta * 0.95, h.beta], [h.eta * 1.05, h.beta], [h.eta, h.beta * 0.9], [h.eta, h.beta * 1.1]])
        expect(heavyBallRate([1, k], e, b)).toBeGreaterThanOrEqual(h.rate - 1e-9);
    }
  });

  it('runs in plain numbers contract at the predicted rates', () => {
    for (const k of [3.37, 20, 100]) {
      const g = gdOptimal(1, k);
      const h = heavyBallOptimal(1, k);
      expect(measuredRate(quadraticDistances([1, k], g.eta, 0, START, 100), 20, 100)).toBeCloseTo(g.rate, 6);
      // At the optimum both roots coincide, so the error falls like t·rᵗ: the measured rate approaches r from above.
      const m = measuredTailRate(quadraticDistances([1, k], h.eta, h.beta, START, 400));
      expect(m).toBeGreaterThanOrEqual(h.rate);
      expect(m / h.rate).toBeLessThan(1.015);
    }
  });
});

describe('the race on the quadratic ½(x² + 20y²) agrees', () => {
  it(`κ = ${KAPPA}: SGD at η = 2/21 contracts by 19/21, momentum at its optimal η, β by about (√20−1)/(√20+1)`, async () => {
    const g = gdOptimal(1, KAPPA);
    const h = heavyBallOptimal(1, KAPPA);
    const config: OptimizerRaceConfig = {
      surface: 'quadratic', start: [-3.5, 1.5], noise: 0,
      racers: [{ kind: 'sgd', lr: 0.0952, beta1: 0, beta2: 0 }, { kind: 'momentum', lr: 0.1336, beta1: 0.403, beta2: 0 }],
    };
    const t = new Trainer(optimizerRaceSpec, config, 1);
    const dist: number[][] = [[], []];
    for (let s = 0; s <= 40; s++) {
      if (s > 0) await t.step(1);
      const v = await t.view();
      for (let i = 0; i < 2; i++) dist[i].push(Math.hypot((v.xs as number[])[i], (v.ys as number[])[i]));
    }
    t.dispose();
    expect(SURFACES.quadratic.hessian(0, 0)).toEqual({ xx: 1, xy: 0, yy: KAPPA });
    // The preset link's rounded settings have the rates of the exact ones to three decimals.
    expect(heavyBallRate([1, KAPPA], 0.0952, 0)).toBeCloseTo(g.rate, 3);
    expect(heavyBallRate([1, KAPPA], 0.1336, 0.403)).toBeCloseTo(h.rate, 3);
    expect(measuredRate(dist[0], 10, 40)).toBeCloseTo(g.rate, 3);
    // The race (float32) and the plain-number run agree step for step.
    const plain = quadraticDistances([1, KAPPA], 0.1336, 0.403, START, 40);
    expect(measuredRate(dist[1], 10, 40)).toBeCloseTo(measuredRate(plain, 10, 40), 3);
    expect(Math.abs(measuredRate(dist[1], 10, 40) / h.rate - 1)).toBeLessThan(0.05);
  });
});

describe('numbers in chapter 4', () => {
  it('chapter 1’s Hessian (λ = 2.053, 0.609, κ 3.37): 0.54 for gradient descent, 0.295 with momentum', () => {
    const lmin = 0.609, lmax = 2.053;
    expect(Math.round((lmax / lmin) * 100) / 100).toBe(3.37);
    expect(Math.round(gdOptimal(lmin, lmax).rate * 100) / 100).toBe(0.54);
    expect(Math.round(heavyBallOptimal(lmin, lmax).rate * 1000) / 1000).toBe(0.295);
  });
  it('κ = 20: η 0.0952 and rate 0.9048; η 0.1336, β 0.4026 and rate 0.6345; 70 against 16 steps to 1000×', () => {
    const g = gdOptimal(1, 20);
    const h = heavyBallOptimal(1, 20);
    expect([r4(g.eta), r4(g.rate)]).toEqual([0.0952, 0.9048]);
    expect([r4(h.eta), r4(h.beta), r4(h.rate)]).toEqual([0.1336, 0.4026, 0.6345]);
    expect([stepsToShrink(g.rate, 1000), stepsToShrink(h.rate, 1000)]).toEqual([70, 16]);
  });
  it('κ = 2,500 (Rosenbrock at its minimum): 0.9992 against 0.9608; 8,635 against 173 steps', () => {
    expect([r4(gdOptimal(1, 2500).rate), r4(heavyBallOptimal(1, 2500).rate)]).toEqual([0.9992, 0.9608]);
    expect([stepsToShrink(gdOptimal(1, 2500).rate, 1000), stepsToShrink(heavyBallOptimal(1, 2500).rate, 1000)]).toEqual([8635, 173]);
  });
});
