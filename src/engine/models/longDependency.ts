import * as tf from '@tensorflow/tfjs';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { Dense } from '../nn/dense';
import { clipByGlobalNorm, globalNorm } from '../nn/gradients';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { ParamStore } from '../nn/params';
import { LstmCell, SimpleRnnCell, type CellState, type RecurrentCell } from '../nn/recurrent';
import { createRng, type Rng } from '../rng';

/**
 * Chapter 7's long-dependency task: the first symbol of a sequence is A or B, then `gap` random
 * distractors follow; at the end the network must say which it was. A SimpleRNN and an LSTM train
 * side by side; the view reports each one's accuracy and ‖∂L/∂h_t‖ at every step t (vanishing or
 * exploding), with gradient clipping by global norm on or off.
 */
export interface LongDependencyConfig {
  gap: number;
  units: number;
  learningRate: number;
  clip: boolean;
  clipNorm: number;
  /** Multiplies the orthogonal recurrent kernels at initialisation: above 1 the gradients can explode. */
  recurrentScale: number;
  batchSize: number;
  /** Std of Gaussian noise added to every channel of every distractor step (continuous distractors); 0: clean one-hot symbols. */
  noise?: number;
  /** Start the LSTM's forget-gate bias here (Keras: 1); absent keeps the cell's default. */
  forgetBias?: number;
}

export const MAX_GAP = 200;
/** Symbols: 0 = A, 1 = B (the one to remember), 2 … 5 distractors. */
export const SYMBOLS = 6;
const EVAL = 256;

export interface LongDependencyView {
  /** ‖∂L/∂h_t‖ for t = 1 … T on the evaluation batch, each model. */
  gradRnn: number[];
  gradLstm: number[];
  series: { 'RNN accuracy': number; 'LSTM accuracy': number; 'RNN loss': number; 'LSTM loss': number; 'RNN gradient norm': number; 'LSTM gradient norm': number };
}

/**
 * One batch: inputs one-hot |B| x T x 6, labels 1 when the first symbol was A. With noise σ > 0 every
 * distractor step also gets N(0, σ²) in all six channels, A's and B's included: a network can no
 * longer ignore the distractors by zeroing their input weights, it must stop them overwriting its memory.
 */
function batch(rng: Rng, b: number, gap: number, noise = 0): { x: Float32Array; y: Float32Array } {
  const T = gap + 1;
  const x = new Float32Array(b * T * SYMBOLS);
  const y = new Float32Array(b);
  for (let k = 0; k < b; k++) {
    const first = rng.next() < 0.5 ? 0 : 1;
    y[k] = first === 0 ? 1 : 0;
    x[k * T * SYMBOLS + first] = 1;
    for (let t = 1; t < T; t++) {
      const o = (k * T + t) * SYMBOLS;
      x[o + 2 + rng.int(4)] = 1;
      if (noise > 0) for (let s = 0; s < SYMBOLS; s++) x[o + s] += noise * rng.normal();
    }
  }
  return { x, y };
}

class Classifier {
  readonly head: Dense;
  readonly opt: Optimizer;
  constructor(readonly cell: RecurrentCell, params: ParamStore, scaleBy: number) {
    this.head = new Dense(params, cell.units, 1, { name: `${cell.kind}-head/` });
    if (scaleBy !== 1) tf.tidy(() => cell.recurrentKernel.assign(tf.mul(cell.recurrentKernel, scaleBy)));
    this.opt = new Optimizer(this.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  }
  variables(): tf.Variable[] {
    return [...this.cell.weights(), this.head.kernel, this.head.bias as tf.Variable];
  }
  /** Logits at the last step; `probes[t]` (zeros) is added to h_t so that ∂L/∂probes[t] = ∂L/∂h_t. */
  logits(x: tf.Tensor3D, probes?: tf.Tensor2D[]): tf.Tensor2D {
    const [b, T, d] = x.shape;
    const xp = tf.reshape(this.cell.project(tf.reshape(x, [b * T, d]) as tf.Tensor2D), [b, T, -1]);
    const steps = tf.unstack(xp, 1) as tf.Tensor2D[];
    let state: CellState = this.cell.zeroState(b);
    steps.forEach((p, t) => {
      const r = this.cell.stepProjected(p, state);
      state = probes ? { ...r.state, h: tf.add(r.state.h, probes[t]) as tf.Tensor2D } : r.state;
    });
    return this.head.apply(state.h) as tf.Tensor2D;
  }
  loss(x: tf.Tensor3D, y: tf.Tensor2D, probes?: tf.Tensor2D[]): tf.Scalar {
    return tf.losses.sigmoidCrossEntropy(y, this.logits(x, probes)) as tf.Scalar;
  }
  train(x: tf.Tensor3D, y: tf.Tensor2D, c: LongDependencyConfig): tf.Scalar {
    const { value, grads } = tf.variableGrads(() => this.loss(x, y), this.variables());
    const g = this.variables().map((v) => grads[v.name] ?? tf.zerosLike(v));
    this.opt.apply(c.clip ? clipByGlobalNorm(g, c.clipNorm).grads : g, c.learningRate);
    return value;
  }
  dispose(): void {
    this.opt.dispose();
  }
}

function validate(c: LongDependencyConfig): void {
  if (!Number.isInteger(c.gap) || c.gap < 1 || c.gap > MAX_GAP) throw new ConfigError(`Use a gap of 1 to ${MAX_GAP} steps.`);
  if (!Number.isInteger(c.units) || c.units < 1 || c.units > 64) throw new ConfigError('Use 1 to 64 units.');
  if (!(c.clipNorm > 0)) throw new ConfigError('The clipping threshold must be above 0.');
}

export const longDependencySpec: ModelSpec<LongDependencyConfig, LongDependencyView> = {
  kind: 'long-dependency',
  probeConfig: { gap: 5, units: 8, learningRate: 0.01, clip: true, clipNorm: 1, recurrentScale: 1, batchSize: 16 },
  create(config, seed): Model<LongDependencyConfig, LongDependencyView> {
    validate(config);
    let c = config;
    const rng = createRng(seed);
    const params = new ParamStore(rng);
    const rnn = new Classifier(new SimpleRnnCell(params, SYMBOLS, c.units), params, c.recurrentScale);
    const lstmCell = new LstmCell(params, SYMBOLS, c.units);
    if (c.forgetBias !== undefined) {
      const b = new Float32Array(4 * c.units);
      b.fill(c.forgetBias, c.units, 2 * c.units);
      tf.tidy(() => lstmCell.bias.assign(tf.tensor1d(b)));
    }
    const lstm = new Classifier(lstmCell, params, c.recurrentScale);
    const T = c.gap + 1;
    const ev = batch(createRng(seed + 7919), EVAL, c.gap, c.noise);
    const evX = tf.tensor3d(ev.x, [EVAL, T, SYMBOLS]);
    const evY = tf.tensor2d(ev.y, [EVAL, 1]);
    return {
      step() {
        const { x, y } = batch(rng, c.batchSize, c.gap, c.noise);
        const xt = tf.tensor3d(x, [c.batchSize, T, SYMBOLS]);
        const yt = tf.tensor2d(y, [c.batchSize, 1]);
        return tf.add(rnn.train(xt, yt, c), lstm.train(xt, yt, c)) as tf.Scalar;
      },
      configure(next) {
        validate(next);
        if (next.gap !== c.gap || next.units !== c.units || next.recurrentScale !== c.recurrentScale || next.noise !== c.noise || next.forgetBias !== c.forgetBias) throw new ConfigError('Changing the gap, units, noise, forget bias or initial scale needs a reset.');
        c = next;
      },
      async view(): Promise<LongDependencyView> {
        const perModel = [rnn, lstm].map((m) =>
          tf.tidy(() => {
            const probes = Array.from({ length: T }, () => tf.zeros([EVAL, c.units]) as tf.Tensor2D);
            const gh = tf.grads((...ps: tf.Tensor[]) => m.loss(evX, evY, ps as tf.Tensor2D[]))(probes);
            const norms = tf.stack(gh.map((g) => tf.norm(g)));
            const logits = m.logits(evX);
            const acc = tf.mean(tf.cast(tf.equal(tf.greater(logits, 0), tf.greater(evY, 0.5)), 'float32'));
            const { value, grads } = tf.variableGrads(() => m.loss(evX, evY), m.variables());
            const gnorm = globalNorm(m.variables().map((v) => grads[v.name] ?? tf.zerosLike(v)));
            return [norms, acc, value, gnorm];
          }),
        );
        const d = await Promise.all(perModel.flat().map((t) => t.data()));
        perModel.flat().forEach((t) => t.dispose());
        const finite = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Number.isFinite(x) ? x : 1e30));
        return {
          gradRnn: finite(d[0]),
          gradLstm: finite(d[4]),
          series: { 'RNN accuracy': d[1][0], 'LSTM accuracy': d[5][0], 'RNN loss': d[2][0], 'LSTM loss': d[6][0], 'RNN gradient norm': d[3][0], 'LSTM gradient norm': d[7][0] },
        };
      },
      variables: () => [...params.variables(), ...rnn.opt.variables(), ...lstm.opt.variables()],
      dispose() {
        params.dispose();
        rnn.dispose();
        lstm.dispose();
        evX.dispose();
        evY.dispose();
      },
    };
  },
};
