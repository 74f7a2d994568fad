/** Trainers really train: the loss falls, a huge learning rate is caught as divergence, seeds reproduce curves. */
import { describe, expect, it } from 'vitest';
import { linearData } from '../../src/engine/data/regression';
import { batchRaceSpec, linearRegressionSpec, type LinearRegressionConfig, type LinearRegressionView } from '../../src/engine/models/linearRegression';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const data = linearData({ n: 64, noise: 0.1, seed: 1 });

function config(over: Partial<LinearRegressionConfig> = {}): LinearRegressionConfig {
  // A start far from the fit (slope 1.5, intercept 0.5), so that "the loss fell" means something.
  return { ...data, loss: 'l2', learningRate: 0.1, batchSize: data.xs.length, huberDelta: 1, init: [-2, -1.5], ...over };
}

async function fullLoss(t: Trainer<LinearRegressionConfig, LinearRegressionView>): Promise<number> {
  return (await t.view()).fullLoss;
}

async function lossCurve(t: Trainer<LinearRegressionConfig, LinearRegressionView>, steps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await t.step(1)).loss as number);
  return out;
}

describe('Trainer on linear regression', () => {
  it('full batch: the loss after 200 steps is under 10% of the first', async () => {
    const t = new Trainer(linearRegressionSpec, config(), 1);
    try {
      const first = (await t.step(1)).loss!;
      const m = await t.step(199);
      expect(m.step).toBe(200);
      expect(m.state).toBe('idle');
      expect(first).toBeGreaterThan(1);
      expect(m.loss!).toBeLessThan(0.1 * first);
    } finally {
      t.dispose();
    }
  });

  for (const loss of ['l1', 'huber'] as const) {
    it(`full batch with ${loss} loss: the full-data loss falls`, async () => {
      const t = new Trainer(linearRegressionSpec, config({ loss }), 1);
      try {
        const before = await fullLoss(t);
        await t.step(300);
        expect(await fullLoss(t)).toBeLessThan(0.2 * before);
      } finally {
        t.dispose();
      }
    });
  }

  it('mini-batch of 4: the full-data loss falls', async () => {
    const t = new Trainer(linearRegressionSpec, config({ batchSize: 4 }), 1);
    try {
      const before = await fullLoss(t);
      await t.step(300);
      expect(await fullLoss(t)).toBeLessThan(0.1 * before);
    } finally {
      t.dispose();
    }
  });

  it('batch race: every run lowers its full-data loss, and the step loss is finite', async () => {
    const t = new Trainer(batchRaceSpec, { ...config(), batchSizes: [1, 8, 64] }, 1);
    try {
      const before = (await t.view()).fullLoss as number[];
      expect(before).toHaveLength(3);
      const m = await t.step(200);
      expect(Number.isFinite(m.loss)).toBe(true);
      const after = (await t.view()).fullLoss as number[];
      after.forEach((l, i) => expect(l).toBeLessThan(0.2 * before[i]));
    } finally {
      t.dispose();
    }
  });

  it('lr = 50 diverges: state diverged, loss null, a message about the learning rate, and no further steps', async () => {
    const t = new Trainer(linearRegressionSpec, config({ learningRate: 50 }), 1);
    try {
      const m = await t.step(100);
      expect(m.state).toBe('diverged');
      expect(m.loss).toBeNull();
      expect(m.message).toMatch(/learning rate/i);
      const again = await t.step(10);
      expect(again.step).toBe(m.step);
      t.play();
      expect(t.state).toBe('diverged');
      // reset is the way out
      t.reset();
      expect(t.state).toBe('idle');
      expect(t.message).toBeNull();
    } finally {
      t.dispose();
    }
  });

  it('reset(seed) replays the same curve exactly; another seed gives another curve', async () => {
    // No init and small batches: the seed decides both the start and the batch order.
    const c = config({ batchSize: 4, init: undefined });
    const t = new Trainer(linearRegressionSpec, c, 5);
    try {
      const a = await lossCurve(t, 20);
      t.reset(5);
      expect(t.stepCount).toBe(0);
      expect(t.loss).toBeNull();
      const b = await lossCurve(t, 20);
      expect(b).toEqual(a);
      t.reset(6);
      const other = await lossCurve(t, 20);
      expect(other).not.toEqual(a);
      // Same seed from a fresh trainer too, not only after reset.
      const fresh = new Trainer(linearRegressionSpec, c, 5);
      try {
        expect(await lossCurve(fresh, 20)).toEqual(a);
      } finally {
        fresh.dispose();
      }
    } finally {
      t.dispose();
    }
  });

  it('play and pause move between running and paused', () => {
    const t = new Trainer(linearRegressionSpec, config(), 1);
    try {
      expect(t.state).toBe('idle');
      t.pause();
      expect(t.state).toBe('idle');
      t.play();
      expect(t.state).toBe('running');
      t.pause();
      expect(t.state).toBe('paused');
    } finally {
      t.dispose();
    }
  });

  it('configure changes the learning rate live, keeping the weights', async () => {
    const t = new Trainer(linearRegressionSpec, config(), 1);
    try {
      await t.step(5);
      const w5 = (await t.view()).w as number;
      t.configure(config({ learningRate: 0 }));
      await t.step(5);
      expect((await t.view()).w).toBe(w5);
    } finally {
      t.dispose();
    }
  });
});
