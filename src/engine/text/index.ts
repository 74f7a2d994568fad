/** The text toolkit in one import: tokenizer, vocabulary, fixed-length sequences, the offensive-terms filter. */
export * from './tokenize';
export * from './vocabulary';
export * from './sequences';
export * from './textCodec';
export * from './offensive';
