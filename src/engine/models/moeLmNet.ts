import * as tf from '@tensorflow/tfjs';
import { Dense } from '../nn/dense';
import { Embedding } from '../nn/embedding';
import { LayerNorm } from '../nn/layerNorm';
import { linear } from '../nn/linear';
import { MoeLayer, type MoeForward } from '../nn/moe';
import { ParamStore } from '../nn/params';
import { SinusoidalPositions } from '../nn/positional';
import { EncoderBlock, type FfnLike } from '../nn/transformerBlock';
import { softmaxCrossEntropy } from '../nn/transformerLm';
import { createRng, type Rng } from '../rng';

/** The tiny MoE Transformer's shape. */
export interface MoeLmShape {
  vocabSize: number;
  context: number;
  dModel: number;
  heads: number;
  layers: number;
  /** Each expert's hidden width. */
  dFF: number;
  experts: number;
  topK: number;
  capacityFactor: number;
}

/**
 * A mixture of experts in a block's FFN slot (EncoderBlock's makeFfn hook): it remembers its last forward
 * pass, so that the model can add the balancing loss and read the routing after a call.
 */
class MoeSlot implements FfnLike {
  last: MoeForward | null = null;
  training = false;
  rng: Rng | undefined;
  constructor(readonly layer: MoeLayer) {}
  apply(x: tf.Tensor): tf.Tensor {
    this.last = this.layer.apply(x, { training: this.training, rng: this.rng });
    return this.last.output;
  }
}

/**
 * A decoder-only character model (chapter 10's blocks: pre-norm, causal self-attention, sinusoidal positions)
 * whose every FFN is a mixture of experts. Loss: next-character cross-entropy + α Σ_layers E Σ_i f_i P_i.
 */
export class MoeLm {
  readonly params: ParamStore;
  readonly embedding: Embedding;
  readonly positions: SinusoidalPositions;
  readonly blocks: EncoderBlock<MoeSlot>[];
  readonly finalNorm: LayerNorm;
  readonly head: Dense;

  constructor(
    readonly shape: MoeLmShape,
    seed: number,
  ) {
    const { vocabSize, context, dModel, heads, layers, dFF, experts, topK, capacityFactor } = shape;
    this.params = new ParamStore(createRng(seed));
    this.embedding = new Embedding(this.params, vocabSize, dModel);
    this.positions = new SinusoidalPositions(context, dModel);
    this.blocks = Array.from({ length: layers }, (_, i) => new EncoderBlock(this.params, { dModel, heads, dFF, activation: 'relu', norm: 'pre' }, `block${i}/`,
      (p) => new MoeSlot(new MoeLayer(p, { dModel, dHidden: dFF, experts, topK, noisy: false, capacityFactor }))));
    this.finalNorm = new LayerNorm(this.params, dModel, { name: 'finalNorm/' });
    this.head = new Dense(this.params, dModel, vocabSize, { name: 'head/' });
  }

  /** ids [B, T] → cross-entropy, balancing loss summed over layers, and each layer's routing. */
  forward(ids: tf.Tensor2D, targets: tf.Tensor2D, training: boolean, rng?: Rng): { data: tf.Scalar; balance: tf.Scalar; moe: MoeForward[] } {
    const [b, t] = ids.shape;
    let x = this.positions.apply(tf.mul(this.embedding.apply(ids), Math.sqrt(this.shape.dModel)));
    for (const block of this.blocks) {
      block.ffn.training = training;
      block.ffn.rng = rng;
      x = block.apply(x, { causal: true }).output;
    }
    x = this.finalNorm.apply(x);
    const z = linear(tf.reshape(x, [b * t, this.shape.dModel]) as tf.Tensor2D, this.head.kernel, this.head.bias);
    const data = softmaxCrossEntropy(z, tf.reshape(targets, [-1]) as tf.Tensor1D);
    const moe = this.blocks.map((bl) => bl.ffn.last!);
    return { data, balance: tf.addN(moe.map((m) => m.balance)) as tf.Scalar, moe };
  }

  dispose(): void {
    this.params.dispose();
    this.positions.dispose();
  }
}
