/**
 * The page's one scheduler, driven with fake trainers (no tfjs): only visible running
 * trainers step, round-robin; a hidden page steps none; groups grow to fill the time
 * budget; a speed cap holds; a failing step goes to the slot's onError and the loop goes on;
 * every group runs inside the page's mutex.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newSlot, Scheduler, type Slot, type Steppable } from '../../src/engine/scheduler';
import type { TrainerState } from '../../src/engine/trainer';

class FakeTrainer implements Steppable {
  state: TrainerState = 'running';
  steps = 0;
  groups: number[] = [];
  fail = false;
  /** A fake clock that each step advances by `msPerStep`, so group sizes are deterministic. */
  constructor(private readonly clock: { t: number } | null = null, private readonly msPerStep = 0) {}
  async step(n: number) {
    if (this.fail) throw new Error('kernel failed');
    this.steps += n;
    this.groups.push(n);
    if (this.clock) this.clock.t += n * this.msPerStep;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(ok: () => boolean, what: string, limitMs = 5000) {
  const end = Date.now() + limitMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function slotOf(trainer: FakeTrainer, errors: unknown[] = []): Slot {
  return newSlot(trainer, { report: async () => {}, before: async () => {}, onError: async (e) => void errors.push(e) });
}

const live: FakeTrainer[] = [];
const track = (t: FakeTrainer) => (live.push(t), t);
afterEach(async () => {
  live.splice(0).forEach((t) => (t.state = 'paused'));
  await sleep(10); // the loop sees nothing runnable and stops
});

describe('Scheduler', () => {
  it('steps every visible running trainer, round-robin, and none that is paused, off-screen or removed', async () => {
    const s = new Scheduler();
    const [a, b, paused, hidden] = [track(new FakeTrainer()), track(new FakeTrainer()), track(new FakeTrainer()), track(new FakeTrainer())];
    paused.state = 'paused';
    const hiddenSlot = slotOf(hidden);
    hiddenSlot.visible = false;
    s.add('a', slotOf(a));
    s.add('b', slotOf(b));
    s.add('p', slotOf(paused));
    s.add('h', hiddenSlot);
    await until(() => a.steps > 50 && b.steps > 50, 'both running trainers to step');
    expect(paused.steps).toBe(0);
    expect(hidden.steps).toBe(0);
    s.remove('b');
    await sleep(5);
    const bAt = b.steps;
    await until(() => a.steps > bAt + 200, 'a to keep stepping');
    expect(b.steps).toBe(bAt);
  });

  it('a hidden page steps nothing; shown again, the loop resumes', async () => {
    const s = new Scheduler();
    const t = track(new FakeTrainer());
    s.setPageHidden(true);
    s.add('t', slotOf(t));
    await sleep(30);
    expect(t.steps).toBe(0);
    s.setPageHidden(false);
    await until(() => t.steps > 0, 'steps once the page shows');
  });

  it('grows each group until it fills the time budget, so only one loss per group is read', async () => {
    const clock = { t: 0 };
    // 0.5 ms a step and a 12 ms budget: groups settle at 24 steps.
    const s = new Scheduler(12, 40, () => clock.t);
    const t = track(new FakeTrainer(clock, 0.5));
    s.add('t', slotOf(t));
    await until(() => t.groups.length > 20, 'twenty groups');
    expect(t.groups[0]).toBe(1);
    expect(t.groups.at(-1)).toBe(24);
  });

  it('a speed cap holds: never more steps than rate × elapsed plus one burst', async () => {
    const s = new Scheduler();
    const t = track(new FakeTrainer());
    const slot = slotOf(t);
    slot.stepsPerSecond = 200;
    const start = performance.now();
    s.add('t', slot);
    await sleep(300);
    const elapsed = (performance.now() - start) / 1000;
    expect(t.steps).toBeGreaterThan(0);
    expect(t.steps).toBeLessThanOrEqual(Math.ceil(200 * elapsed) + 20); // the burst: credit is capped at a tenth of a second
  });

  it('a step that throws goes to the slot\'s onError, and the other trainers keep stepping', async () => {
    const s = new Scheduler();
    const errors: unknown[] = [];
    const bad = track(new FakeTrainer());
    const good = track(new FakeTrainer());
    bad.fail = true;
    s.add('bad', slotOf(bad, errors));
    s.add('good', slotOf(good));
    await until(() => errors.length > 0 && good.steps > 10, 'an error and steps');
    expect((errors[0] as Error).message).toBe('kernel failed');
    bad.state = 'error'; // as the host's fallback would
    const at = good.steps;
    await until(() => good.steps > at + 10, 'good keeps stepping');
  });

  it('runs every group inside the page\'s mutex, and wakes for a trainer that starts running', async () => {
    let inside = 0;
    let outside = 0;
    let holding = false;
    const exclusive = async <T,>(fn: () => Promise<T> | T): Promise<T> => {
      holding = true;
      try {
        return await fn();
      } finally {
        holding = false;
      }
    };
    const s = new Scheduler(12, 40, () => performance.now(), exclusive);
    const t = track(new FakeTrainer());
    t.state = 'paused';
    const spy: Steppable = { get state() { return t.state; }, step: async (n) => { if (holding) inside++; else outside++; return t.step(n); } };
    s.add('t', newSlot(spy, { report: async () => {}, before: async () => {}, onError: async () => {} }));
    await sleep(20);
    expect(t.steps).toBe(0);
    t.state = 'running';
    s.wake();
    await until(() => t.steps > 10, 'steps after wake');
    expect(inside).toBeGreaterThan(0);
    expect(outside).toBe(0);
  });
});
