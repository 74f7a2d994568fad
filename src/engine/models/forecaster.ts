import * as tf from '@tensorflow/tfjs';
import { Dense } from '../nn/dense';
import { lossAndGradients } from '../nn/gradients';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import type { ParamStore } from '../nn/params';
import { LstmCell, SimpleRnnCell, type RecurrentCell } from '../nn/recurrent';
import { runLstmFast } from '../nn/lstmFast';
import { runRnnFast } from '../nn/rnnFast';
import { runSequence } from '../nn/sequence';

/**
 * One of chapter 7's two forecasters (forecast.ts trains them side by side): a cell and its Dense(1) head on the
 * last hidden state, with its own Adam. On cpu and wasm training and predictions run the cell through its fused
 * pass (rnnFast.ts, lstmFast.ts: the same function, a hand-written backward pass through time; 'autodiff'
 * elsewhere, where dataSync would stall a GPU); the LSTM explorer's gate views use runSequence.
 */
export class Forecaster {
  readonly head: Dense;
  readonly opt: Optimizer;
  constructor(
    readonly cell: RecurrentCell,
    readonly params: ParamStore,
    // The fast path (rnnFast/lstmFast, plain-JS loops that read tensors back) on cpu and wasm; autodiff on a GPU,
    // where a readback would stall it. bench/forecast.mjs measures both.
    readonly path: 'fast' | 'autodiff' = tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm' ? 'fast' : 'autodiff',
  ) {
    this.head = new Dense(params, cell.units, 1, { name: `${cell.kind}-head/` });
    this.opt = new Optimizer(this.variables(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
  }
  variables(): tf.Variable[] {
    return [...this.cell.weights(), this.head.kernel, this.head.bias as tf.Variable];
  }
  /** Predictions by the training path too: on cpu, runSequence's per-step tfjs ops made each view take about 1 s. */
  predict(x: tf.Tensor3D): tf.Tensor2D {
    return this.head.apply(this.trainingState(x)) as tf.Tensor2D;
  }
  /** The last hidden state h_T, by the training path. */
  private trainingState(x: tf.Tensor3D): tf.Tensor2D {
    if (this.path === 'fast' && this.cell instanceof LstmCell) return runLstmFast(this.cell, x).final.h;
    if (this.path === 'fast' && this.cell instanceof SimpleRnnCell) return runRnnFast(this.cell, x).final.h;
    return runSequence(this.cell, x).final.h;
  }
  /** One Adam step on a batch; returns the batch's loss, the only tensor left (the gradients are disposed here). */
  train(x: tf.Tensor3D, y: tf.Tensor2D, lr: number): tf.Scalar {
    return tf.tidy(() => {
      const { loss, grads } = lossAndGradients(() => tf.mean(tf.square(tf.sub(this.head.apply(this.trainingState(x)), y))) as tf.Scalar, this.variables());
      this.opt.apply(grads, lr);
      return loss;
    });
  }
  dispose(): void {
    this.opt.dispose();
  }
}

/** Predictions fed back: from the look_back true days before `from`, `horizon` forecasts, each the next one's input. */
export async function freeRun(f: Forecaster, v: Float32Array, lookBack: number, from: number, horizon: number): Promise<Float32Array> {
  const window = Array.from(v.subarray(from - lookBack, from));
  const out = new Float32Array(horizon);
  for (let k = 0; k < horizon; k++) {
    const p = tf.tidy(() => f.predict(tf.tensor3d(window, [1, lookBack, 1])));
    const [value] = await p.data();
    p.dispose();
    out[k] = value;
    window.shift();
    window.push(value);
  }
  return out;
}

