import * as tf from '@tensorflow/tfjs';
import { createRng } from '../rng';
import { CandidateRun, evaluateTensors, LATENCY_BATCH, measureLatency, SplitTensors } from './candidate';
import type { NasDigits } from './digits14';
import { createSearcher, ReinforceSearcher, SEARCHERS, type Searcher, type SearcherName } from './searchers';
import { archKey, clampBudget, decode, describe, parameterCount, type Genome, type SpaceChoices } from './space';

export interface SearchSettings {
  space: SpaceChoices;
  /** Candidates per searcher, as asked (clamped into BUDGET_LIMITS). */
  budget: number;
  /** Training steps per candidate. */
  steps: number;
  learningRate: number;
  batchSize: number;
  /** The REINFORCE controller's step size η_c. */
  controllerStep: number;
}

/** One trained candidate, as the table lists it. */
export interface CandidateRecord {
  searcher: SearcherName;
  /** 1, 2, … within its searcher. */
  index: number;
  genome: Genome;
  label: string;
  key: string;
  params: number;
  status: 'scoring' | 'ok' | 'diverged';
  /** Validation accuracy (the reward) and mean cross-entropy; NaN while scoring or when diverged. */
  valAcc: number;
  valLoss: number;
  testAcc: number;
  trainMs: number;
  /** Median forward-pass time for 64 digits on this backend, ms; null until timed. */
  latencyMs: number | null;
  /** Why a diverged candidate was skipped. */
  reason: string | null;
}

interface Lane {
  searcher: Searcher;
  proposed: number;
  /** Its last candidate is training or being scored: the next proposal waits for its reward. */
  waiting: boolean;
}

/**
 * A group of steps from the scheduler runs synchronously, so a candidate's scores (read asynchronously)
 * arrive only between groups. Real training is capped at this many ms per group: otherwise the scheduler,
 * seeing cheap idle steps while every searcher waits for its reward, grows its groups to thousands of steps.
 */
const TICK_MS = 15;
/** A loss larger than this (chance is ln 10 ≈ 2.3) means the candidate's training blew up. */
const EXPLODED = 100;

/**
 * Three searchers, one budget: candidates are trained one step at a time, taking turns, each scored on the
 * validation digits when its steps are done and timed on the active backend. `step()` is synchronous (the
 * scheduler's unit); `settle()` awaits the scores and times the forward passes (the view calls it).
 */
export class NasSearch {
  readonly budget: number;
  readonly notice: string | null;
  readonly lanes: Lane[];
  readonly records: CandidateRecord[] = [];
  private current: { lane: Lane; rec: CandidateRecord; run: CandidateRun } | null = null;
  private turn = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly val: SplitTensors;
  private readonly test: SplitTensors;
  private readonly latencyX: tf.Tensor2D;
  private tickStart = 0;
  private tickArmed = false;
  private lastLoss = 0;
  private disposed = false;

  constructor(private readonly digits: NasDigits, private readonly settings: SearchSettings, private readonly seed: number) {
    const b = clampBudget(settings.budget);
    this.budget = b.budget;
    this.notice = b.message;
    this.lanes = SEARCHERS.map((name) => ({ searcher: createSearcher(name, settings.space, seed, settings.controllerStep), proposed: 0, waiting: false }));
    this.val = new SplitTensors(digits.val);
    this.test = new SplitTensors(digits.test);
    this.latencyX = tf.slice(this.val.x, [0, 0], [Math.min(LATENCY_BATCH, digits.val.n), -1]);
  }

  /** Every searcher has trained and scored its budget, and every candidate is timed. */
  get done(): boolean {
    return !this.current && this.pending.size === 0 && this.lanes.every((l) => l.proposed >= this.budget && !l.waiting) && this.records.every((r) => r.latencyMs !== null || r.status === 'diverged');
  }

  get training(): { searcher: SearcherName; label: string; step: number; of: number } | null {
    const c = this.current;
    return c ? { searcher: c.lane.searcher.name, label: c.rec.label, step: c.run.steps, of: this.settings.steps } : null;
  }

  /** The REINFORCE controller's policy, gene by gene. */
  policy(): { probs: number[][]; baseline: number | null } {
    const p = (this.lanes[2].searcher as ReinforceSearcher).policy;
    return { probs: p.probabilities(), baseline: p.baseline };
  }

  /** One training step of the current candidate (starting the next where none is training). Call inside tf.tidy. */
  step(): tf.Scalar {
    const now = performance.now();
    if (!this.tickArmed) {
      this.tickArmed = true;
      this.tickStart = now;
      queueMicrotask(() => (this.tickArmed = false));
    }
    if (now - this.tickStart > TICK_MS || (!this.current && !this.startNext())) {
      idlePause();
      return tf.scalar(this.lastLoss);
    }
    const c = this.current!;
    const loss = c.run.step(this.digits.train);
    if (c.run.steps >= this.settings.steps) this.finish(c, loss);
    // What the trainer reads: finite and bounded, so that one diverging candidate never stops the whole search.
    return tf.minimum(tf.where(tf.isFinite(loss), loss, tf.scalar(EXPLODED)), EXPLODED) as tf.Scalar;
  }

  private startNext(): boolean {
    for (let k = 0; k < this.lanes.length; k++) {
      const i = (this.turn + k) % this.lanes.length;
      const lane = this.lanes[i];
      if (lane.waiting || lane.proposed >= this.budget) continue;
      this.turn = (i + 1) % this.lanes.length;
      const genome = lane.searcher.propose();
      lane.proposed += 1;
      lane.waiting = true;
      const arch = decode(this.settings.space, genome);
      const rec: CandidateRecord = {
        searcher: lane.searcher.name, index: lane.proposed, genome, label: describe(arch), key: archKey(arch), params: parameterCount(arch),
        status: 'scoring', valAcc: NaN, valLoss: NaN, testAcc: NaN, trainMs: 0, latencyMs: null, reason: null,
      };
      // Each candidate's weights and batches from its own stream: the same seed retrains it identically.
      const rng = createRng((this.seed * 2654435761 + i * 40503 + lane.proposed * 9973) >>> 0);
      this.current = { lane, rec, run: new CandidateRun(arch, rng, this.settings.learningRate, this.settings.batchSize) };
      this.records.push(rec);
      return true;
    }
    return false;
  }

  /** Scores a candidate whose steps are done; the reward reaches its searcher when the reads arrive. */
  private finish(c: { lane: Lane; rec: CandidateRecord; run: CandidateRun }, loss: tf.Scalar): void {
    this.current = null;
    const v = evaluateTensors(c.run.net, this.val);
    const t = evaluateTensors(c.run.net, this.test);
    const kept = [v.acc, v.loss, t.acc, loss.clone()].map((x) => tf.keep(x));
    const p = Promise.all(kept.map((x) => x.data())).then(([va, vl, ta, tl]) => {
      kept.forEach((x) => x.dispose());
      c.run.dispose();
      this.pending.delete(p);
      if (this.disposed) return;
      const trainLoss = tl[0];
      const rec = c.rec;
      rec.trainMs = c.run.trainMs;
      const bad = !Number.isFinite(trainLoss) || !Number.isFinite(vl[0]) || trainLoss > EXPLODED;
      if (bad) {
        rec.status = 'diverged';
        rec.reason = `Diverged: the training loss ${Number.isFinite(trainLoss) ? `exploded to ${trainLoss.toPrecision(3)}` : 'became NaN or infinite'} within ${this.settings.steps} steps at η = ${this.settings.learningRate}; skipped.`;
        c.lane.searcher.observe(rec.genome, null);
      } else {
        rec.status = 'ok';
        rec.valAcc = va[0];
        rec.valLoss = vl[0];
        rec.testAcc = ta[0];
        this.lastLoss = trainLoss;
        c.lane.searcher.observe(rec.genome, rec.valAcc);
      }
      c.lane.waiting = false;
    });
    this.pending.add(p);
  }

  /** Awaits every pending score, then times up to `maxTimings` forward passes not yet timed. */
  async settle(maxTimings = 3): Promise<void> {
    await Promise.all([...this.pending]);
    let timed = 0;
    for (const r of this.records) {
      if (timed >= maxTimings || this.disposed) break;
      if (r.latencyMs !== null || r.status !== 'ok') continue;
      r.latencyMs = await measureLatency(decode(this.settings.space, r.genome), createRng(r.index), this.latencyX);
      timed += 1;
    }
  }

  /** Best validation accuracy so far after each candidate of a searcher (NaN before its first scored one). */
  bestSoFar(name: SearcherName): number[] {
    let best = NaN;
    return this.records.filter((r) => r.searcher === name && r.status !== 'scoring').map((r) => {
      if (r.status === 'ok' && !(r.valAcc <= best)) best = r.valAcc;
      return best;
    });
  }

  variables(): tf.Variable[] {
    return this.current ? this.current.run.net.variables() : [];
  }

  dispose(): void {
    this.disposed = true;
    this.current?.run.dispose();
    this.current = null;
    this.val.dispose();
    this.test.dispose();
    this.latencyX.dispose();
  }
}

/**
 * An idle step (every searcher waits for a score, or the search is done) holds the worker for half a
 * millisecond. Without it an idle step costs microseconds, the scheduler grows its groups to thousands of
 * them, and the step counter races to six figures while nothing trains; the worker is busy either way.
 */
export function idlePause(ms = 0.5): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // wait
  }
}

/** Drives a search to its end outside the page's scheduler (tests, benchmarks): steps, with a settle every few. */
export async function runSearch(search: NasSearch, maxSteps = 1e6): Promise<number> {
  let steps = 0;
  while (!search.done && steps < maxSteps) {
    for (let i = 0; i < 20; i++) tf.tidy(() => search.step()).dispose();
    steps += 20;
    await search.settle();
  }
  return steps;
}
