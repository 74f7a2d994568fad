import { attentionParams, decoderBlockParams, encoderBlockParams, ffnParams } from '../../engine/math/transformerCounts';
import { NumberQuiz } from '../kit/NumberQuiz';

/** An exercise checked in the page: the parameters of a Transformer's parts, from transformerCounts.ts. */
export function TransformerParamQuiz({ id = 'transformer-params' }: { id?: string }) {
  const questions = [
    { prompt: 'Multi-head self-attention with d_model = 64 and h = 4 heads (W_q, W_k, W_v, W_o and their biases):', answer: attentionParams(64), size: 8 },
    { prompt: 'One encoder block of this page\'s GPT: d_model = 64, d_FF = 256, two layer norms:', answer: encoderBlockParams(64, 256), size: 8 },
    { prompt: 'The position-wise FFN of the original base model, d_model = 512, d_FF = 2,048:', answer: ffnParams(512, 2048), size: 10 },
    { prompt: 'One decoder block (masked self-attention, cross-attention, FFN, three layer norms) with d_model = 64, d_FF = 256:', answer: decoderBlockParams(64, 256), size: 8 },
  ];
  return <NumberQuiz id={id} title="Exercise: how many parameters?" hint="Attention: four d × d matrices and four biases, whatever h is. FFN: d × d_FF + d_FF + d_FF × d + d. Layer norm: 2d." questions={questions} />;
}
