import * as tf from '@tensorflow/tfjs';
import { Dense } from '../nn/dense';
import { MoeLayer, type MoeForward, type MoeLayerConfig } from '../nn/moe';
import { ParamStore } from '../nn/params';
import { softmaxCrossEntropy } from '../nn/transformerLm';
import type { Rng } from '../rng';

/**
 * A classifier of 2-D points around one mixture-of-experts layer: a linear embedding e = x W_e + b_e to
 * d_model, a residual MoE, z = e + MoE(e), and a linear head to the class logits. The router reads e, a
 * linear function of the point, so each expert's region of the plane is the set where its logit wins.
 * A token an expert turns away (capacity) keeps z = e and is classified from the embedding alone.
 */
export class MoeNet {
  readonly embed: Dense;
  readonly moe: MoeLayer;
  readonly head: Dense;

  constructor(
    readonly params: ParamStore,
    layer: Omit<MoeLayerConfig, 'dModel'>,
    readonly dModel: number,
    readonly classes: number,
  ) {
    this.embed = new Dense(params, 2, dModel, { name: 'embed/' });
    this.moe = new MoeLayer(params, { ...layer, dModel });
    this.head = new Dense(params, dModel, classes, { name: 'head/' });
  }

  /** x [N, 2] → logits [N, classes] and the MoE's forward record. */
  forward(x: tf.Tensor2D, options: { training: boolean; rng?: Rng; capacityFactor?: number }): { logits: tf.Tensor2D; moe: MoeForward } {
    const e = this.embed.apply(x);
    const moe = this.moe.apply(e, options);
    return { logits: this.head.apply(tf.add(e, moe.output)) as tf.Tensor2D, moe };
  }

  /** Cross-entropy of the logits against integer labels. */
  dataLoss(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
    return softmaxCrossEntropy(logits, labels);
  }

  /** The router's first choice for each point (no noise): which expert serves it. */
  firstChoice(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.argMax(this.moe.router.apply(this.embed.apply(x)), 1) as tf.Tensor1D);
  }

  variables(): tf.Variable[] {
    return this.params.variables();
  }
}
