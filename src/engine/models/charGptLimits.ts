/** The character GPT's bounds, apart from its model so that the widget can import them without tfjs. */
export const CHAR_GPT_LIMITS = {
  layers: [1, 4],
  dModel: [8, 128],
  heads: [1, 8],
  context: [4, 128],
  batch: [1, 64],
  lstmHidden: [8, 256],
} as const;
