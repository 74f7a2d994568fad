import * as tf from '@tensorflow/tfjs';
import { ConfigError, type DataPayload, type Model, type ModelSpec, type View } from './model';

export type TrainerState = 'idle' | 'running' | 'paused' | 'diverged' | 'error';

/** What a trainer reports after each batch of steps: plain numbers only. */
export interface Metrics {
  state: TrainerState;
  step: number;
  loss: number | null;
  message: string | null;
  /** Which run this is: 0 at creation, one more at each reset. A run's named series start afresh. */
  run: number;
}

/**
 * Owns one model: step / play / pause / reset(seed) / configure, with every
 * step leak-free (tf.tidy) and a non-finite loss turning into a "diverged"
 * state instead of NaN on screen. Framework-free: a scheduler or a test drives it.
 */
export class Trainer<C, V = View, Q = never, A = never> {
  state: TrainerState = 'idle';
  stepCount = 0;
  loss: number | null = null;
  message: string | null = null;
  run = 0;
  /** The first loss of the run: a loss 10^4 times larger (and at least 10^4) means the run blew up. */
  private firstLoss: number | null = null;
  private model: Model<C, V, Q, A> | null = null;
  /** Inputs sent by name, kept so that every rebuilt model (reset, backend fallback) gets them too. */
  private readonly data = new Map<string, DataPayload>();

  constructor(
    private readonly spec: ModelSpec<C, V, Q, A>,
    private config: C,
    private seed: number,
  ) {
    this.build();
  }

  /** Creates the model; a configuration that cannot train leaves the trainer in 'error' with the reason. */
  private build(): void {
    let model: Model<C, V, Q, A> | null = null;
    try {
      model = this.spec.create(this.config, this.seed);
      for (const [name, payload] of this.data) model.receiveData?.(name, payload);
      this.model = model;
    } catch (e) {
      // A model built before its data was refused holds tensors: free them.
      model?.dispose();
      this.model = null;
      if (!(e instanceof ConfigError)) throw e;
      this.fail(e.message);
    }
  }

  get metrics(): Metrics {
    return { state: this.state, step: this.stepCount, loss: this.loss, message: this.message, run: this.run };
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
    this.run += 1;
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

  /** The model's view; an empty object where the configuration built no model (the widget shows the message). */
  view(): Promise<V> {
    return this.model ? this.model.view() : Promise.resolve({} as V);
  }

  /**
   * Hands a named input to the model and keeps it for every rebuilt model. A model that refuses it says why in
   * 'error', and the last input it accepted stays (kept, and replayed at a reset). A trainer in error (bad data or
   * a configuration that built nothing) is rebuilt with the new input, as it may be fine: good data after bad trains again.
   */
  setData(name: string, payload: DataPayload): void {
    const previous = this.data.get(name);
    const restore = () => (previous === undefined ? this.data.delete(name) : this.data.set(name, previous));
    this.data.set(name, payload);
    if (!this.model || this.state === 'error') {
      this.reset();
      if (this.state !== 'error') return;
      // Still refused: keep the message, forget the input, and rebuild a model from the last good one where it can.
      const message = this.message;
      restore();
      if (!this.model) this.build();
      this.state = 'error';
      this.message = message;
      return;
    }
    if (!this.model.receiveData) return;
    try {
      this.model.receiveData(name, payload);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      restore();
      this.fail(e.message);
    }
  }

  /** The model's answer to one request, with its current weights; rejects when there is no model or it answers nothing. */
  async answer(request: Q): Promise<A> {
    if (!this.model) throw new Error(this.message ?? 'The model is not built.');
    if (!this.model.answer) throw new Error(`The "${this.spec.kind}" model answers no requests.`);
    return this.model.answer(request);
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
