import * as tf from '@tensorflow/tfjs';
import { SURFACES, type SurfaceName } from '../math/surfaces';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { Optimizer, type OptimizerKind } from '../nn/optimizers';
import { RACE_PRESETS, type RacerSettings } from './optimizerRacePresets';

export { RACE_PRESETS, RACER_KINDS, type RacerSettings } from './optimizerRacePresets';
import { createRng, type Rng } from '../rng';
import { surfaceTf } from './surfacesTf';

export interface OptimizerRaceConfig {
  surface: SurfaceName;
  start: [number, number];
  racers: RacerSettings[];
  /** Standard deviation of Gaussian noise added to every gradient, as a mini-batch would. */
  noise: number;
}

interface Racer {
  p: tf.Variable<tf.Rank.R1>;
  opt: Optimizer;
  /** 1 while the racer stays near the plot, 0 once it has flown off (it then stays frozen). */
  alive: tf.Variable<tf.Rank.R0>;
  kind: OptimizerKind;
}

const EPS = 1e-8;

/** Refuses races that cannot run, with a reason. */
function validate(c: OptimizerRaceConfig): void {
  if (!SURFACES[c.surface]) throw new ConfigError(`Unknown surface "${c.surface}".`);
  if (c.racers.length === 0) throw new ConfigError('The race needs at least one optimiser.');
  if (!c.start.every(Number.isFinite)) throw new ConfigError('The start point must be two finite numbers.');
}

/**
 * Several optimisers descending one 2-D surface from the same start, each with a
 * tf.Variable [x, y] and the hand-written Optimizer. A racer that leaves a box
 * twice the plot's size is frozen and reported, so one diverging racer does not
 * end the race; the step's loss is the mean over the racers still running.
 */
/** Each racer's position, its loss there, and whether it is still on the surface, in racers order. */
export interface OptimizerRaceView {
  xs: number[];
  ys: number[];
  losses: number[];
  alive: boolean[];
}

export class OptimizerRace implements Model<OptimizerRaceConfig, OptimizerRaceView> {
  private racers: Racer[];
  private readonly rng: Rng;

  constructor(
    private config: OptimizerRaceConfig,
    seed: number,
  ) {
    validate(config);
    this.rng = createRng(seed);
    this.racers = config.racers.map((r) => this.makeRacer(r));
  }

  private makeRacer(r: RacerSettings): Racer {
    // Inside tidy, so that only the variables stay (not their initial-value tensors).
    const p = tf.tidy(() => tf.variable(tf.tensor1d(this.config.start), true)) as tf.Variable<tf.Rank.R1>;
    const alive = tf.tidy(() => tf.variable(tf.scalar(1), false)) as tf.Variable<tf.Rank.R0>;
    return { p, alive, kind: r.kind, opt: new Optimizer([p], { kind: r.kind, beta1: r.beta1, beta2: r.beta2, eps: EPS }) };
  }

  configure(config: OptimizerRaceConfig): void {
    validate(config);
    // A new surface or start point is a new race (the widget rebuilds); only the racer count cannot change live.
    if (config.racers.length !== this.racers.length) throw new ConfigError('A different number of optimisers needs a new race.');
    this.config = config;
    config.racers.forEach((r, i) => {
      const racer = this.racers[i];
      const settings = { kind: r.kind, beta1: r.beta1, beta2: r.beta2, eps: EPS };
      if (r.kind !== racer.kind) {
        racer.opt.dispose();
        racer.opt = new Optimizer([racer.p], settings);
        racer.kind = r.kind;
      } else racer.opt.configure(settings);
    });
  }

  step(): tf.Scalar {
    const { surface, noise, racers: settings } = this.config;
    const s = SURFACES[surface];
    const [x0, x1] = s.xDomain;
    const [y0, y1] = s.yDomain;
    const lo = tf.tensor1d([x0 - (x1 - x0) / 2, y0 - (y1 - y0) / 2]);
    const hi = tf.tensor1d([x1 + (x1 - x0) / 2, y1 + (y1 - y0) / 2]);
    const weighted: tf.Scalar[] = [];
    const alives: tf.Scalar[] = [];
    this.racers.forEach((r, i) => {
      const { value, grads } = tf.variableGrads(() => surfaceTf(surface, r.p), [r.p]);
      let g: tf.Tensor = grads[r.p.name];
      // Drawn for every racer every step, so runs with and without noise use the stream alike.
      const xi = [this.rng.normal(), this.rng.normal()];
      if (noise > 0) g = tf.add(g, tf.mul(noise, tf.tensor1d(xi)));
      const before = tf.clone(r.p);
      const wasAlive = tf.clone(r.alive);
      r.opt.apply([g], settings[i].lr);
      const inside = tf.logicalAnd(tf.all(tf.isFinite(r.p)), tf.logicalAnd(tf.all(tf.greaterEqual(r.p, lo)), tf.all(tf.lessEqual(r.p, hi))));
      const ok = tf.logicalAnd(inside, tf.greater(wasAlive, 0));
      r.p.assign(tf.where(ok, r.p, before) as tf.Tensor1D);
      r.alive.assign(tf.cast(ok, 'float32') as tf.Scalar);
      weighted.push(tf.mul(value, wasAlive));
      alives.push(wasAlive);
    });
    // All racers gone: 0/0 = NaN, which the trainer reports as diverged.
    return tf.div(tf.addN(weighted), tf.addN(alives)) as tf.Scalar;
  }

  async view(): Promise<OptimizerRaceView> {
    const s = SURFACES[this.config.surface];
    const [pos, alive] = await Promise.all([Promise.all(this.racers.map((r) => r.p.data())), Promise.all(this.racers.map((r) => r.alive.data()))]);
    return {
      xs: pos.map((p) => p[0]),
      ys: pos.map((p) => p[1]),
      losses: pos.map((p) => s.f(p[0], p[1])),
      alive: alive.map((a) => a[0] > 0),
    };
  }

  variables(): tf.Variable[] {
    return this.racers.flatMap((r) => [r.p, r.alive, ...r.opt.variables()]);
  }

  dispose(): void {
    this.racers.forEach((r) => {
      r.p.dispose();
      r.alive.dispose();
      r.opt.dispose();
    });
    this.racers = [];
  }
}

export const optimizerRaceSpec: ModelSpec<OptimizerRaceConfig, OptimizerRaceView> = {
  kind: 'optimizer-race',
  probeConfig: { surface: 'rosenbrock', start: [-1.2, 1], racers: RACE_PRESETS.rosenbrock.racers, noise: 0.1 },
  create: (config, seed) => new OptimizerRace(config, seed),
};
