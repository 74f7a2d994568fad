import { TEXT_LIMITS } from '../../engine/models/textClassifierConfig';
import type { Schema } from '../kit/params';

/** The e-mail classifiers' settings; all but the optimiser's rebuild the models. */
export const SPAM_PARAMS = {
  vocab: { kind: 'number', label: 'Vocabulary size |V|', default: 2000, min: TEXT_LIMITS.vocabSize[0], max: TEXT_LIMITS.vocabSize[1], integer: true, log: true, help: 'Words kept from the training messages, padding (0) and unknown (1) included. Rebuilds the models.' },
  len: { kind: 'number', label: 'Sequence length T', default: 64, min: TEXT_LIMITS.seqLen[0], max: TEXT_LIMITS.seqLen[1], integer: true, help: 'Tokens read per message (subject first); shorter ones are padded with 0. Rebuilds the models.' },
  dim: { kind: 'number', label: 'Embedding size d', default: 16, min: TEXT_LIMITS.embedDim[0], max: TEXT_LIMITS.embedDim[1], integer: true, help: 'Numbers per word vector. Rebuilds the models.' },
  filters: { kind: 'number', label: 'TextCNN filters per width', default: 8, min: TEXT_LIMITS.filters[0], max: TEXT_LIMITS.filters[1], integer: true },
  widths: { kind: 'choice', label: 'TextCNN kernel widths', default: '2,3,4', options: ['2,3,4', '3,4,5', '3', '1,2,3,4,5'] },
  cut: { kind: 'choice', label: 'Long messages keep', default: 'post', options: ['post', 'pre'], optionLabels: { post: 'the first T tokens', pre: 'the last T tokens' } },
  optimizer: { kind: 'choice', label: 'Optimiser', default: 'adam', options: ['sgd', 'adam'], optionLabels: { sgd: 'SGD', adam: 'Adam' } },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.01, min: 0.0001, max: 5, log: true },
  batch: { kind: 'number', label: 'Batch size', default: 32, min: 1, max: 256, integer: true },
} as const satisfies Schema;

export type SpamPreset = Partial<Record<keyof typeof SPAM_PARAMS | 'seed', string | number>>;

/** The kernel widths of a choice like "2,3,4". */
export function parseWidths(s: string): number[] {
  return s.split(',').map(Number).filter((k) => Number.isInteger(k) && k > 0);
}
