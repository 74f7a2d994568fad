/**
 * The one question a decoding explorer asks of any generative model (the character GPT, the toy
 * Transformer, the pronouncer): "continue this input with this method". Types only, so widgets on the
 * main thread may import it. A model that answers it puts `DecodeRequest` in its request union and
 * `DecodeAnswer` in its answer union (src/engine/kinds.ts), and publishes its trainer's `ask` as a
 * `DecoderPeer` (src/widgets/kit/peers.ts) so that an explorer elsewhere on the page can find it.
 */
export type DecodeMethod = 'greedy' | 'beam' | 'sample';

export interface DecodeRequest {
  type: 'decode';
  /** The prompt (a GPT) or the source sequence (an encoder-decoder), as the reader typed it. */
  input: string;
  method: DecodeMethod;
  /** Tokens to generate at most; the model clamps it to its context and says so in `message`. */
  maxLength: number;
  /** Beam only; clamped with clampBeamWidth (src/engine/math/beamSearch.ts). */
  beamWidth?: number;
  /** Sample only (src/engine/math/sampling.ts). */
  temperature?: number;
  topK?: number;
  topP?: number;
  /** Sample only: the same seed gives the same text. */
  seed?: number;
}

/** One generated position: the token chosen and the most probable alternatives there (probability after the method's options). */
export interface DecodeStep {
  token: string;
  p: number;
  top: { token: string; p: number }[];
}

export interface DecodeAnswer {
  type: 'decode';
  /** The generated text (for a beam search, the best beam's). */
  output: string;
  steps: DecodeStep[];
  /** Total log-probability of `output` under the model (natural log). */
  logProb: number;
  /** Beam only: every final beam, best first. */
  beams?: { text: string; logProb: number; finished: boolean }[];
  /** Beam only: the explored tree (BeamNode of beamSearch.ts with the token as text). */
  tree?: { id: number; parent: number; token: string; step: number; logProb: number; kept: boolean; finished: boolean }[];
  /** What was clamped or refused (an input longer than the context, letters outside the vocabulary, a beam width of 0). */
  message?: string;
}

/** What a decodable model's widget publishes on the peer board under its widget id. */
export interface DecoderPeer {
  title: string;
  /** The model's kind, so an explorer can say what it decodes. */
  kind: string;
  state: string;
  step: number;
  ask: (request: DecodeRequest) => Promise<DecodeAnswer>;
  /** An input to start from (a prompt, a source sequence) and what the input means, for the explorer's text box. */
  exampleInput: string;
  inputHint: string;
}
