/** Text straight to ids and back, through a vocabulary built at the same level. No tfjs, no DOM. */
import { detokenize, tokenize, type TokenizeOptions } from './tokenize';
import { buildVocabulary, decode, encode, type Vocabulary, type VocabularyOptions } from './vocabulary';

/** A vocabulary from a text: tokenize at `level`, then count and cut. */
export function vocabularyFromText(text: string, opts: VocabularyOptions & TokenizeOptions): Vocabulary {
  return buildVocabulary(tokenize(text, opts.level, opts), opts);
}

/** The ids of a text's tokens (unknown tokens become UNK_ID). */
export function encodeText(vocab: Vocabulary, text: string, opts: TokenizeOptions = {}): Int32Array {
  return encode(vocab, tokenize(text, vocab.level, opts));
}

/** Ids back to text, padding dropped: characters joined as they are, words by spaces. */
export function decodeText(vocab: Vocabulary, ids: ArrayLike<number>): string {
  return detokenize(decode(vocab, ids), vocab.level);
}
