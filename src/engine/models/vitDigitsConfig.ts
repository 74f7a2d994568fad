/**
 * The ViT-against-LeNet race's settings and what it reports, as plain types and numbers: no tfjs here,
 * so the widget on the main thread may import them.
 */
import type { SeriesPoint } from '../model';

/** The ViT's defaults: patches of 7 (16 of them), d_model 32, 4 heads, 2 pre-norm blocks, d_ff 64, a class token. */
export const DEFAULT_VIT = { patch: 7, dModel: 32, heads: 4, layers: 2, dFF: 64, pooling: 'cls' as 'cls' | 'mean', learningRate: 0.002 };

/** The race's configuration: the ViT's shape (structural), the shared training settings (live). */
export interface VitDigitsConfig {
  /** URL of the packed digits; '' when a test provided them with provideMnist. */
  dataUrl: string;
  patch: number;
  dModel: number;
  heads: number;
  layers: number;
  pooling: 'cls' | 'mean';
  /** Adam's η for the ViT (LeNet keeps chapter 6's 0.002). */
  learningRate: number;
  /** Mini-batch size; both models get the same batches. */
  batchSize: number;
  trainSize: number;
  /** Train chapter 6's LeNet beside it on the same batches (off: the ViT alone, e.g. for the probe). */
  lenet: boolean;
}

/** What the race reports: curve points now and then, and each model's own training time. */
export interface VitDigitsView {
  /** 'ViT accuracy', 'LeNet accuracy', 'ViT loss', 'LeNet loss' on the held-out digits, 'ViT seconds', 'LeNet seconds'. */
  series?: SeriesPoint;
  /** Training examples each model has seen (the same batches). */
  examples: number;
  /** Seconds of training charged to each model: only its own steps are timed. */
  vitSeconds: number;
  lenetSeconds: number;
  /** Latest held-out accuracy of each, null before the first evaluation. */
  vitAcc: number | null;
  lenetAcc: number | null;
  evalSize: number;
  /** (28/p)², and the sequence length the encoder reads (one more with a class token). */
  patches: number;
  tokens: number;
  vitParams: number;
  lenetParams: number;
  /** False on GPU backends, whose work is queued: a step's time there is only roughly its own. */
  exactTiming: boolean;
}

/** A question for the ViT: one test digit's patches, embeddings and attention. */
export interface VitDigitsRequest {
  /** Index into the test digits. */
  digit: number;
}

/** One digit as the ViT sees it. */
export interface VitDigitsAnswer {
  image: Float32Array;
  label: number;
  patch: number;
  /** The ViT's class probabilities, and LeNet's (empty when it does not train). */
  vitProbs: number[];
  lenetProbs: number[];
  /** The sequence the first block reads, [tokens, d_model] row-major (patch embeddings plus positions). */
  sequence: Float32Array;
  tokens: number;
  dModel: number;
  /**
   * For each layer, the attention over the N patches averaged over heads, [layers, N]: the class token's
   * row with cls pooling, the mean over all queries with mean pooling.
   */
  attention: Float32Array;
  layers: number;
  /** The same per head for the last layer, [heads, N]. */
  lastLayerHeads: Float32Array;
  heads: number;
  step: number;
}
