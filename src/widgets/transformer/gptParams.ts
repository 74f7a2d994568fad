import { CHAR_GPT_LIMITS } from '../../engine/models/charGptLimits';
import type { Schema } from '../kit/params';

/** The character GPT's settings: the learning rates are live, the rest rebuild both models. */
export const GPT_PARAMS = {
  corpus: { kind: 'choice', label: 'Corpus', default: 'moby', options: ['moby', 'names'], optionLabels: { moby: 'Moby-Dick (chapters 1-121 train, 122-135 held out)', names: 'first names (10% held out)' }, help: 'Rebuilds both models.' },
  layers: { kind: 'number', label: 'Blocks N', default: 2, min: CHAR_GPT_LIMITS.layers[0], max: CHAR_GPT_LIMITS.layers[1], integer: true },
  dModel: { kind: 'number', label: 'Model width d_model', default: 64, min: CHAR_GPT_LIMITS.dModel[0], max: CHAR_GPT_LIMITS.dModel[1], integer: true, help: 'd_FF = 4 d_model.' },
  heads: { kind: 'number', label: 'Heads h', default: 4, min: CHAR_GPT_LIMITS.heads[0], max: CHAR_GPT_LIMITS.heads[1], integer: true, help: 'Must divide d_model.' },
  context: { kind: 'number', label: 'Context T (characters per window)', default: 64, min: CHAR_GPT_LIMITS.context[0], max: CHAR_GPT_LIMITS.context[1], integer: true },
  batch: { kind: 'number', label: 'Batch |B| (windows per step)', default: 16, min: CHAR_GPT_LIMITS.batch[0], max: CHAR_GPT_LIMITS.batch[1], integer: true },
  lr: { kind: 'number', label: 'GPT learning rate η (Adam)', default: 0.003, min: 1e-5, max: 0.1, log: true },
  lstm: { kind: 'boolean', label: "Train chapter 7's LSTM beside it", default: true },
  lstmHidden: { kind: 'number', label: 'LSTM width q', default: 128, min: CHAR_GPT_LIMITS.lstmHidden[0], max: CHAR_GPT_LIMITS.lstmHidden[1], integer: true },
  lstmLr: { kind: 'number', label: 'LSTM learning rate η (Adam)', default: 0.01, min: 1e-5, max: 0.1, log: true },
  temp: { kind: 'number', label: 'Sampling temperature τ', default: 0.8, min: 0, max: 3 },
} as const satisfies Schema;

export type GptPreset = Partial<Record<keyof typeof GPT_PARAMS | 'seed', string | number | boolean>>;
