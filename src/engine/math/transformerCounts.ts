/**
 * Parameter counts of the Transformer's parts, in plain numbers (no tfjs, so a quiz can import them).
 * Weights and biases as this book's blocks hold them (src/engine/nn/transformerBlock.ts): every projection
 * has a bias, every layer norm a gain and a shift.
 */

/** Multi-head attention: W_q, W_k, W_v, W_o (d × d each) and their biases; the head count h does not change it. */
export function attentionParams(d: number): number {
  return 4 * d * d + 4 * d;
}

/** The position-wise FFN: d → d_FF → d with biases. */
export function ffnParams(d: number, dFF: number): number {
  return 2 * d * dFF + dFF + d;
}

/** Layer norm over d features: gain γ and shift β. */
export function layerNormParams(d: number): number {
  return 2 * d;
}

/** An encoder block (or a GPT block): self-attention, FFN, two layer norms. */
export function encoderBlockParams(d: number, dFF: number): number {
  return attentionParams(d) + ffnParams(d, dFF) + 2 * layerNormParams(d);
}

/** A decoder block of an encoder-decoder: masked self-attention, cross-attention, FFN, three layer norms. */
export function decoderBlockParams(d: number, dFF: number): number {
  return 2 * attentionParams(d) + ffnParams(d, dFF) + 3 * layerNormParams(d);
}

/**
 * A decoder-only LM with sinusoidal positions (no position parameters) and pre-norm blocks: the token
 * embedding |V| × d, N blocks, the final layer norm, and the output layer d × |V| with its bias.
 */
export function gptParams(vocab: number, d: number, dFF: number, layers: number): number {
  return vocab * d + layers * encoderBlockParams(d, dFF) + layerNormParams(d) + d * vocab + vocab;
}
