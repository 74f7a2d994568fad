import type { Exclusive } from './mutex';
import type { TrainerState } from './trainer';

/** What the scheduler needs of a trainer: its state, and a group of steps. */
export interface Steppable {
  readonly state: TrainerState;
  step(n: number): Promise<unknown>;
}

/** One trainer as the scheduler sees it. */
export interface Slot {
  trainer: Steppable;
  visible: boolean;
  /** Cap on steps per second; Infinity runs as fast as the time budget allows. */
  stepsPerSecond: number;
  /** Called after each batch of steps with the measured rate. */
  report(stepsPerSecond: number): Promise<void>;
  /** Runs before the slot's steps (e.g. switches to the slot's backend). */
  before(): Promise<void>;
  /** Called when a step throws; the slot decides whether to fall back or fail. */
  onError(e: unknown): Promise<void>;
  // bookkeeping, owned by the scheduler
  batch: number;
  credit: number;
  rate: number;
}

/** A slot with the scheduler's bookkeeping at its start: visible, uncapped, groups of one step. */
export function newSlot(trainer: Steppable, hooks: Pick<Slot, 'report' | 'before' | 'onError'>): Slot {
  return { trainer, visible: true, stepsPerSecond: Infinity, batch: 1, credit: 0, rate: 0, ...hooks };
}

/**
 * One scheduler per page runs every trainer: round-robin, a time budget per
 * slot per tick, steps grouped so that only the last loss of a group is read
 * back. Trainers that are off-screen, or all trainers when the tab is hidden,
 * keep their state and simply get no ticks until they are visible again.
 */
export class Scheduler {
  private readonly slots = new Map<string, Slot>();
  private pageHidden = false;
  private looping = false;
  private generation = 0;

  constructor(
    private readonly budgetMs = 12,
    /** Longest run of groups between yields to the event loop: how late a pause or step may be handled. */
    private readonly yieldEveryMs = 40,
    private readonly now: () => number = () => performance.now(),
    /** Serialises backend-sensitive work with the rest of the page (probes, manual steps, view reads). */
    private readonly exclusive: Exclusive = (fn) => Promise.resolve(fn()),
  ) {}

  add(id: string, slot: Slot): void {
    this.slots.set(id, slot);
    this.wake();
  }

  remove(id: string): void {
    this.slots.delete(id);
  }

  setPageHidden(hidden: boolean): void {
    this.pageHidden = hidden;
    this.wake();
  }

  /** Starts the loop if something is runnable; safe to call any time. */
  wake(): void {
    if (this.looping || !this.runnable().length) return;
    this.looping = true;
    const gen = ++this.generation;
    void this.loop(gen);
  }

  private runnable(): Slot[] {
    if (this.pageHidden) return [];
    return [...this.slots.values()].filter((s) => s.visible && s.trainer.state === 'running');
  }

  private async loop(gen: number): Promise<void> {
    let last = this.now();
    let lastYield = last;
    try {
      while (gen === this.generation) {
        const slots = this.runnable();
        if (!slots.length) break;
        const t = this.now();
        const elapsed = Math.min(0.25, (t - last) / 1000);
        last = t;
        let waitMs = 0;
        for (const slot of slots) waitMs = Math.max(waitMs, await this.runSlot(slot, elapsed));
        // A yield lets the page's messages (pause, step, a dragged point) in, but after a busy group it
        // costs a worker about 0.2 ms: every 12 ms group that was 2% of training (bench/RESULTS.md).
        if (waitMs > 0 || this.now() - lastYield >= this.yieldEveryMs) {
          await sleep(waitMs);
          lastYield = this.now();
        }
      }
    } finally {
      if (gen === this.generation) this.looping = false;
    }
  }

  /** Runs one group of steps for a slot; returns how long the slot would like to wait before its next one. */
  private async runSlot(slot: Slot, elapsed: number): Promise<number> {
    let n = slot.batch;
    if (Number.isFinite(slot.stepsPerSecond)) {
      slot.credit = Math.min(slot.credit + elapsed * slot.stepsPerSecond, Math.max(1, slot.stepsPerSecond / 10));
      n = Math.min(n, Math.floor(slot.credit));
      if (n < 1) return Math.max(1, ((1 - slot.credit) / slot.stepsPerSecond) * 1000);
      slot.credit -= n;
    }
    const t0 = this.now();
    try {
      await this.exclusive(async () => {
        await slot.before();
        await slot.trainer.step(n);
      });
    } catch (e) {
      await slot.onError(e);
      return 0;
    }
    const dt = Math.max(0.01, this.now() - t0);
    const rate = (n * 1000) / dt;
    slot.rate = slot.rate ? 0.8 * slot.rate + 0.2 * rate : rate;
    // Grow the group until it fills the budget, so per-step readback overhead amortises.
    if (n === slot.batch) slot.batch = Math.max(1, Math.min(4096, Math.round((slot.batch * this.budgetMs) / dt) || 1));
    await slot.report(slot.rate);
    return 0;
  }
}

function sleep(ms: number): Promise<void> {
  if (ms <= 0) return yieldNow();
  return new Promise((r) => setTimeout(r, ms));
}

let channel: MessageChannel | null = null;
const yielded: (() => void)[] = [];

/**
 * Yields to the event loop without setTimeout's 4 ms clamp, so incoming messages (pause, step) are handled.
 * One channel for all yields: a new MessageChannel per group cost about 100 µs in a Chromium worker, 4x a post.
 */
function yieldNow(): Promise<void> {
  // Node (the unit tests) drains a port's messages, new ones included, before its timers run: a busy loop
  // yielding there starved every setTimeout for tens of seconds. setImmediate lets them in; browsers lack it.
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => yielded.shift()?.();
    // In Node an open port keeps the process alive; the pending yield's own message still arrives.
    (channel.port1 as unknown as { unref?: () => void }).unref?.();
  }
  const ch = channel;
  return new Promise((r) => {
    yielded.push(r);
    ch.port2.postMessage(null);
  });
}
