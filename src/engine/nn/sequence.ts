import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './params';
import { createCell, type CellKind, type CellState, type Gates, type RecurrentCell } from './recurrent';

/** All hidden states of a run over a sequence, the last state, and (when asked) each step's gates. */
export interface SequenceResult {
  /** h_1 … h_T stacked: |B| x T x q. */
  outputs: tf.Tensor3D;
  /** The state after the last step (h_T, and c_T for an LSTM), to carry into the next window. */
  final: CellState;
  /** gates[t] are step t's gates; only with keepGates (an explorer's view, not the training path). */
  gates?: Gates[];
}

/**
 * Runs a cell over x (|B| x T x d) from `initial` (zeros when absent). The input projection
 * x_t W_x + b of every step is one matMul over all |B|T rows; only h_{t−1} W_h is per step.
 * Differentiable by autodiff (the straightforward path; see lstmFast.ts for the fast one).
 */
export function runSequence(cell: RecurrentCell, x: tf.Tensor3D, initial?: CellState, options: { keepGates?: boolean } = {}): SequenceResult {
  const [batch, steps, d] = x.shape;
  if (d !== cell.inputs) throw new Error(`the sequence has ${d} features per step; the cell expects ${cell.inputs}`);
  const width = cell.gateCount * cell.units;
  const projected = tf.reshape(cell.project(tf.reshape(x, [batch * steps, d]) as tf.Tensor2D), [batch, steps, width]) as tf.Tensor3D;
  return runSequenceProjected(cell, projected, initial, options);
}

/** runSequence from inputs already projected, xp = x W_x + b (|B| x T x kq): a one-hot input is a row lookup of W_x. */
export function runSequenceProjected(cell: RecurrentCell, xp: tf.Tensor3D, initial?: CellState, options: { keepGates?: boolean } = {}): SequenceResult {
  const [batch, steps, width] = xp.shape;
  if (width !== cell.gateCount * cell.units) throw new Error(`projected inputs have width ${width}; the cell needs ${cell.gateCount * cell.units}`);
  if (steps < 1) throw new Error('a sequence needs at least one time step');
  const perStep = tf.unstack(xp, 1) as tf.Tensor2D[];
  let state = initial ?? cell.zeroState(batch);
  const hs: tf.Tensor2D[] = [];
  const gates: Gates[] = [];
  for (const p of perStep) {
    const r = cell.stepProjected(p, state);
    state = r.state;
    hs.push(state.h);
    if (options.keepGates) gates.push(r.gates);
  }
  return { outputs: tf.stack(hs, 1) as tf.Tensor3D, final: state, gates: options.keepGates ? gates : undefined };
}

/**
 * Stacked (deep) recurrent layers: layer l's outputs h^(l)_1 … h^(l)_T are layer l+1's inputs.
 * Each layer has its own cell and state; `units[l]` is layer l's width.
 */
export class RecurrentStack {
  readonly cells: RecurrentCell[];

  constructor(params: ParamStore, kind: CellKind, inputs: number, units: number[]) {
    if (units.length < 1) throw new Error('a recurrent stack needs at least one layer');
    this.cells = units.map((q, l) => createCell(kind, params, l === 0 ? inputs : units[l - 1], q, `${kind}${l}/`));
  }

  /** The top layer's width (the outputs' last dimension). */
  get units(): number {
    return this.cells[this.cells.length - 1].units;
  }

  /** The top layer's outputs and every layer's final state (initial[l] starts layer l; zeros if absent). */
  apply(x: tf.Tensor3D, initial?: CellState[], options: { keepGates?: boolean } = {}): { outputs: tf.Tensor3D; finals: CellState[]; gates?: Gates[][] } {
    let h = x;
    const finals: CellState[] = [];
    const gates: Gates[][] = [];
    this.cells.forEach((cell, l) => {
      const r = runSequence(cell, h, initial?.[l], options);
      h = r.outputs;
      finals.push(r.final);
      if (r.gates) gates.push(r.gates);
    });
    return { outputs: h, finals, gates: options.keepGates ? gates : undefined };
  }

  /** One time step through every layer (x: |B| x d), for sampling one token at a time. */
  step(x: tf.Tensor2D, states: CellState[]): { h: tf.Tensor2D; states: CellState[]; gates: Gates[] } {
    let h = x;
    const next: CellState[] = [];
    const gates: Gates[] = [];
    this.cells.forEach((cell, l) => {
      const r = cell.step(h, states[l]);
      h = r.state.h;
      next.push(r.state);
      gates.push(r.gates);
    });
    return { h, states: next, gates };
  }

  /** h_0 = 0 (and c_0 = 0) for every layer. */
  zeroStates(batch: number): CellState[] {
    return this.cells.map((c) => c.zeroState(batch));
  }

  /** Every layer's [W_x, W_h, b], bottom layer first. */
  weights(): tf.Variable[] {
    return this.cells.flatMap((c) => c.weights());
  }
}
