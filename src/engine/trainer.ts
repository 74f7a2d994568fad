import * as tf from '@tensorflow/tfjs';
import { ConfigError, type Model, type ModelSpec, type View } from './model';

export type TrainerState = 'idle' | 'running' | 'paused' | 'diverged' | 'error';

/** What a trainer reports after each batch of steps: plain numbers only. */
export interface Metrics {
  state: TrainerState;
  step: number;
  loss: number | null;
  message: string | null;
}

/**
 * Owns one model: step / play / pause / reset(seed) / configure, with every
 * step leak-free (tf.tidy) and a non-finite loss turning into a "diverged"
 * state instead of NaN on screen. Framework-free: a scheduler or a test drives it.
 */
export class Trainer<C> {
  state: TrainerState = 'idle';
  stepCount = 0;
  loss: number | null = null;
  message: string | null = null;
  /** The first loss of the run: a loss 10^4 times larger (and at least 10^4) means the run blew up. */
  private firstLoss: number | null = null;
  private model: Model<C> | null = null;

  constructor(
    private readonly spec: ModelSpec<C>,
    private config: C,
    private seed: number,
  ) {
    this.build();
  }

  /** Creates the model; a configuration that cannot train leaves the trainer in 'error' with the reason. */
  private build(): void {
    try {
      this.model = this.spec.create(this.config, this.seed);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.model = null;
      this.fail(e.message);
    }
  }

  get metrics(): Metrics {
    return { state: this.state, step: this.stepCount, loss: this.loss, message: this.message };
  }

  /**
   * Runs `n` optimisation steps and reads back only the last loss, with an async
   * read (never dataSync on the hot path: on WebGPU it stalls or returns zeros).
   */
  async step(n = 1): Promise<Metrics> {
    const model = this.model;
    if (this.state === 'diverged' || this.state === 'error' || !model) return this.metrics;
    let last: tf.Scalar | null = null;
    try {
      let value: number | null = this.loss;
      if (model.plainStep) {
        for (let i = 0; i < n; i++) value = model.plainStep();
      } else {
        for (let i = 0; i < n; i++) {
          last?.dispose();
          last = tf.tidy(() => model.step());
        }
        if (last) value = (await last.data())[0];
      }
      this.stepCount += n;
      this.loss = value;
      if (this.firstLoss === null && value !== null && Number.isFinite(value)) this.firstLoss = value;
      const exploded = value !== null && value > 1e4 * Math.max(1, this.firstLoss ?? 1);
      if (value === null || !Number.isFinite(value) || exploded) {
        this.state = 'diverged';
        this.loss = null;
        this.message = `Diverged: the loss ${exploded ? 'exploded' : 'became infinite or NaN'}. Lower the learning rate, then reset.`;
      }
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.fail(e.message);
    } finally {
      last?.dispose();
    }
    return this.metrics;
  }

  play(): void {
    if (this.state === 'diverged' || this.state === 'error') return;
    this.state = 'running';
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused';
  }

  /** Marks a manual step: a trainer that was idle shows as paused. */
  markStepped(): void {
    if (this.state === 'idle') this.state = 'paused';
  }

  /** Fresh weights from `seed` (default: the current seed); the state goes back to idle. */
  reset(seed = this.seed): void {
    this.model?.dispose();
    this.seed = seed;
    this.stepCount = 0;
    this.loss = null;
    this.message = null;
    this.firstLoss = null;
    this.state = 'idle';
    this.build();
  }

  /** Applies a live change; a model in error (bad configuration) is rebuilt, as the new one may be fine. */
  configure(config: C): void {
    this.config = config;
    if (!this.model || this.state === 'error') {
      this.reset();
      return;
    }
    try {
      this.model.configure(config);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.fail(e.message);
    }
  }

  fail(message: string): void {
    this.state = 'error';
    this.message = message;
  }

  view(): Promise<View> {
    return this.model ? this.model.view() : Promise.resolve({});
  }

  /** Reads every weight as plain arrays, to carry a run over to another backend. */
  async exportWeights(): Promise<Float32Array[]> {
    return Promise.all((this.model?.variables() ?? []).map(async (v) => (await v.data()) as Float32Array));
  }

  /** Rebuilds the model (on whatever backend is now active) and loads the given weights. */
  rebuild(weights: Float32Array[] | null): void {
    try {
      this.model?.dispose();
    } catch {
      // the old backend may already be gone; its memory goes with it
    }
    this.build();
    if (weights && this.model) {
      if (this.model.loadWeights) this.model.loadWeights(weights);
      else {
        const vars = this.model.variables();
        vars.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(weights[i], v.shape, v.dtype))));
      }
    }
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
