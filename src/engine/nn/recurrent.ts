import * as tf from '@tensorflow/tfjs';
import { linear } from './linear';
import type { ParamStore } from './params';

/**
 * Recurrent cells written from their equations, one time step at a time, so that an explorer can
 * show every gate. Rows are examples (x_t is |B| x d, h_t is |B| x q) and weights multiply on the
 * right, as in O = X W + b. Each cell keeps its weights fused the way tfjs's layers do
 * (W_x: d x kq, W_h: q x kq, b: kq for k gates, in tfjs's gate order), so a cell's weights load
 * into tf.layers.simpleRNN / gru / lstm with setWeights and the gates come out of one matMul.
 */
export type CellKind = 'rnn' | 'gru' | 'lstm';

/** The state carried between steps: h_t, and for an LSTM the cell c_t. */
export interface CellState {
  h: tf.Tensor2D;
  c?: tf.Tensor2D;
}

/** Simple RNN: h_t only. */
export interface RnnGates {
  h: tf.Tensor2D;
}

/** GRU: reset r_t, update z_t (Keras convention: z_t = 1 keeps the old state), candidate h~_t, h_t. */
export interface GruGates {
  r: tf.Tensor2D;
  z: tf.Tensor2D;
  candidate: tf.Tensor2D;
  h: tf.Tensor2D;
}

/** LSTM: input i_t, forget f_t, output o_t, candidate c~_t, cell c_t, hidden h_t. */
export interface LstmGates {
  i: tf.Tensor2D;
  f: tf.Tensor2D;
  o: tf.Tensor2D;
  candidate: tf.Tensor2D;
  c: tf.Tensor2D;
  h: tf.Tensor2D;
}

export type Gates = RnnGates | GruGates | LstmGates;

/** One step's result: the next state and every gate of that step. */
export interface StepResult<G extends Gates = Gates> {
  state: CellState;
  gates: G;
}

/** What every cell offers: its fused weights, a zero state, the input projection and one step. */
export abstract class RecurrentCell<G extends Gates = Gates> {
  abstract readonly kind: CellKind;
  /** W_x: d x kq (the input projection of every gate, side by side). */
  readonly kernel: tf.Variable;
  /** W_h: q x kq. */
  readonly recurrentKernel: tf.Variable;
  /** b: kq. */
  readonly bias: tf.Variable;

  constructor(
    params: ParamStore,
    readonly inputs: number,
    readonly units: number,
    readonly gateCount: number,
    name: string,
    biasInit?: Float32Array,
  ) {
    if (!(inputs >= 1 && units >= 1)) throw new Error(`a ${name} cell needs inputs ≥ 1 and units ≥ 1 (got ${inputs}, ${units})`);
    const p = params.scope(name);
    const width = gateCount * units;
    // Keras's defaults: Glorot-uniform input kernel, orthogonal recurrent kernel, zero bias.
    this.kernel = p.glorot('kernel', [inputs, width]);
    this.recurrentKernel = p.orthogonal('recurrentKernel', [units, width]);
    this.bias = biasInit ? p.fromValues('bias', [width], biasInit) : p.zeros('bias', [width]);
  }

  /** [W_x, W_h, b]: the order tfjs's recurrent layers take in setWeights. */
  weights(): tf.Variable[] {
    return [this.kernel, this.recurrentKernel, this.bias];
  }

  /** h_0 = 0 (and c_0 = 0). */
  zeroState(batch: number): CellState {
    const h = tf.zeros([batch, this.units]) as tf.Tensor2D;
    return this.kind === 'lstm' ? { h, c: tf.zeros([batch, this.units]) as tf.Tensor2D } : { h };
  }

  /** x W_x + b for every gate at once; x is |B| x d (or |B|T x d: all time steps in one matMul). */
  project(x: tf.Tensor2D): tf.Tensor2D {
    return linear(x, this.kernel as tf.Tensor2D, this.bias as tf.Tensor1D);
  }

  /** One step from the projected input xp = x_t W_x + b (|B| x kq). */
  abstract stepProjected(xp: tf.Tensor2D, state: CellState): StepResult<G>;

  /** One step from x_t (|B| x d). */
  step(x: tf.Tensor2D, state: CellState): StepResult<G> {
    return this.stepProjected(this.project(x), state);
  }
}

/** h_t = tanh(x_t W_xh + h_{t−1} W_hh + b) (tf.layers.simpleRNN). */
export class SimpleRnnCell extends RecurrentCell<RnnGates> {
  readonly kind = 'rnn' as const;

  constructor(params: ParamStore, inputs: number, units: number, name = 'rnn/') {
    super(params, inputs, units, 1, name);
  }

  stepProjected(xp: tf.Tensor2D, state: CellState): StepResult<RnnGates> {
    const h = tf.tanh(tf.add(xp, tf.matMul(state.h, this.recurrentKernel as tf.Tensor2D))) as tf.Tensor2D;
    return { state: { h }, gates: { h } };
  }
}

/**
 * GRU as tf.layers.gru computes it (gate order z, r, h~; the reset applied before the matMul):
 *   z_t = σ(x_t W_xz + h_{t−1} W_hz + b_z)        update gate
 *   r_t = σ(x_t W_xr + h_{t−1} W_hr + b_r)        reset gate
 *   h~_t = tanh(x_t W_xh + (r_t ⊙ h_{t−1}) W_hh + b_h)
 *   h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h~_t       (z_t near 1 keeps the old state, as in Keras and d2l)
 */
export class GruCell extends RecurrentCell<GruGates> {
  readonly kind = 'gru' as const;

  constructor(params: ParamStore, inputs: number, units: number, name = 'gru/') {
    super(params, inputs, units, 3, name);
  }

  stepProjected(xp: tf.Tensor2D, state: CellState): StepResult<GruGates> {
    const q = this.units;
    const [whZR, whH] = tf.split(this.recurrentKernel, [2 * q, q], 1) as tf.Tensor2D[];
    const [xz, xr, xh] = tf.split(xp, 3, 1) as tf.Tensor2D[];
    const [hz, hr] = tf.split(tf.matMul(state.h, whZR), 2, 1) as tf.Tensor2D[];
    const z = tf.sigmoid(tf.add(xz, hz)) as tf.Tensor2D;
    const r = tf.sigmoid(tf.add(xr, hr)) as tf.Tensor2D;
    const candidate = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, state.h) as tf.Tensor2D, whH))) as tf.Tensor2D;
    const h = tf.add(tf.mul(z, state.h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D;
    return { state: { h }, gates: { r, z, candidate, h } };
  }
}

/**
 * LSTM as tf.layers.lstm computes it (gate order i, f, c~, o; sigmoid gates):
 *   [i_t, f_t, c~_t, o_t] = [σ, σ, tanh, σ](x_t W_x + h_{t−1} W_h + b)   (one matMul for all four)
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ c~_t,   h_t = o_t ⊙ tanh(c_t)
 * The forget gate's bias starts at 1 (Keras's unitForgetBias), so the cell remembers from the start.
 */
export class LstmCell extends RecurrentCell<LstmGates> {
  readonly kind = 'lstm' as const;

  constructor(params: ParamStore, inputs: number, units: number, name = 'lstm/') {
    const b = new Float32Array(4 * units);
    b.fill(1, units, 2 * units);
    super(params, inputs, units, 4, name, b);
  }

  stepProjected(xp: tf.Tensor2D, state: CellState): StepResult<LstmGates> {
    if (!state.c) throw new Error('an LSTM step needs the cell state c');
    const zt = tf.add(xp, tf.matMul(state.h, this.recurrentKernel as tf.Tensor2D));
    const [zi, zf, zc, zo] = tf.split(zt, 4, 1) as tf.Tensor2D[];
    const i = tf.sigmoid(zi) as tf.Tensor2D;
    const f = tf.sigmoid(zf) as tf.Tensor2D;
    const candidate = tf.tanh(zc) as tf.Tensor2D;
    const o = tf.sigmoid(zo) as tf.Tensor2D;
    const c = tf.add(tf.mul(f, state.c), tf.mul(i, candidate)) as tf.Tensor2D;
    const h = tf.mul(o, tf.tanh(c)) as tf.Tensor2D;
    return { state: { h, c }, gates: { i, f, o, candidate, c, h } };
  }
}

/** A cell of the given kind. */
export function createCell(kind: CellKind, params: ParamStore, inputs: number, units: number, name?: string): RecurrentCell {
  switch (kind) {
    case 'rnn':
      return new SimpleRnnCell(params, inputs, units, name);
    case 'gru':
      return new GruCell(params, inputs, units, name);
    case 'lstm':
      return new LstmCell(params, inputs, units, name);
  }
}
