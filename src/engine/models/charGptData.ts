import type { MobyDickData } from '../data/mobyDick';
import { mobyDickChapters } from '../data/mobyDick';
import type { NamesData } from '../data/names';
import type { Rng } from '../rng';
import { buildVocabulary, encode } from '../text';
import { buildCharCorpus, type CharCorpus } from './charLmData';

/** The two corpora the character GPT reads. */
export type GptCorpusName = 'moby' | 'names';

/** Moby-Dick's chapters 1 to this train the models; the rest (122-135, about 10% of the text) are held out. */
export const MOBY_TRAIN_LAST = 121;

/**
 * Moby-Dick as one character stream, case and punctuation kept: chapters 1-121 for training and
 * 122-135 held out (a held-out passage is never seen, not even its neighbours), with the training
 * text's characters as the vocabulary ('\n' included, so line breaks are predicted too; a character
 * met only in the held-out chapters reads as unknown).
 */
export function buildMobyCorpus(data: MobyDickData): CharCorpus {
  const trainText = mobyDickChapters(data, 1, MOBY_TRAIN_LAST);
  const heldText = mobyDickChapters(data, MOBY_TRAIN_LAST + 1, data.chapterCount);
  const vocab = buildVocabulary(Array.from(trainText), { level: 'char' });
  return streamCorpus(vocab, encode(vocab, Array.from(trainText)), encode(vocab, Array.from(heldText)), vocab.index.get('\n')!);
}

/** The first names as chapter 7's model reads them (charLmData.ts): "\nanna\nbob\n…", 10% of the names held out. */
export function buildNamesCorpus(names: NamesData, seed: number): CharCorpus {
  return buildCharCorpus(names, seed);
}

/** A CharCorpus over two id streams: random training windows, and fixed consecutive held-out windows. */
function streamCorpus(vocab: CharCorpus['vocab'], train: Int32Array, heldOut: Int32Array, boundaryId: number): CharCorpus {
  return {
    vocab,
    boundaryId,
    train,
    heldOut,
    trainBatch(batch: number, window: number, rng: Rng) {
      const inputs = new Int32Array(batch * window);
      const targets = new Int32Array(batch * window);
      const span = train.length - window - 1;
      for (let b = 0; b < batch; b++) {
        const s = rng.int(span + 1);
        inputs.set(train.subarray(s, s + window), b * window);
        targets.set(train.subarray(s + 1, s + 1 + window), b * window);
      }
      return { inputs, targets };
    },
    heldOutWindows(window: number, max: number) {
      // Spread over the whole held-out text (a stride), not its first pages only.
      const fit = Math.floor((heldOut.length - 1) / window);
      const windows = Math.max(1, Math.min(max, fit));
      const stride = Math.max(1, Math.floor(fit / windows)) * window;
      const inputs = new Int32Array(windows * window);
      const targets = new Int32Array(windows * window);
      for (let w = 0; w < windows; w++) {
        const s = w * stride;
        inputs.set(heldOut.subarray(s, s + window), w * window);
        targets.set(heldOut.subarray(s + 1, s + 1 + window), w * window);
      }
      return { inputs, targets, windows };
    },
  };
}
