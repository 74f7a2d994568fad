import * as tf from '@tensorflow/tfjs';
import { linear } from './linear';
import type { ParamStore } from './params';

/**
 * A fully connected layer o = x W + b (rows are examples; W is inputs x units), on the last axis
 * of any rank. Its gradient is written out (linear.ts) so it trains fast on wasm too.
 */
export class Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | null;

  constructor(
    params: ParamStore,
    readonly inputs: number,
    readonly units: number,
    options: { bias?: boolean; name?: string } = {},
  ) {
    const p = params.scope(options.name ?? 'dense/');
    this.kernel = p.glorot('kernel', [inputs, units]);
    this.bias = options.bias === false ? null : p.zeros('bias', [units]);
  }

  /** x: [..., inputs] → [..., units]. */
  apply(x: tf.Tensor): tf.Tensor {
    const lead = x.shape.slice(0, -1);
    const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, this.inputs]) as tf.Tensor2D;
    const o = linear(flat, this.kernel as tf.Tensor2D, this.bias as tf.Tensor1D | null);
    return x.rank === 2 ? o : tf.reshape(o, [...lead, this.units]);
  }
}
