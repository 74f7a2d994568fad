import type { TextClassifyView } from '../../models/textClassifierConfig';
import { isClean } from '../../text/offensive';
import { RESERVED, type Vocabulary } from '../../text/vocabulary';
import type { TextRun } from './textRun';
import { extremes, principalAxes, project, spamScores } from './wordMap';

/** Words on the map: the most frequent ones that a page may show. */
const MAP_WORDS = 150;
/** Words labelled at each end (towards spam, towards ham). */
const LABELLED = 8;

/** Kept between frames: last frame's axes, so the map does not flip sign. */
export interface WordMapState {
  axes: Float64Array[] | null;
  candidates?: number[];
}

/** Vocabulary ids a page may show on the map: words with a letter, two characters or more, passing the offensive-terms filter. */
function showable(vocab: Vocabulary): number[] {
  const out: number[] = [];
  for (let id = RESERVED; id < vocab.tokens.length; id++) {
    const w = vocab.tokens[id];
    if (w.length >= 2 && /\p{L}/u.test(w) && isClean(w)) out.push(id);
  }
  return out;
}

/**
 * The averaged model's word vectors in 2-D (PCA of the map's rows) with each
 * word's push towards spam s_v = E[v]·w, and the words that push hardest each way.
 */
export type WordMapFields = Pick<TextClassifyView, 'mapWords' | 'mapXY' | 'mapScore' | 'spamWords' | 'hamWords' | 'spamWordScores' | 'hamWordScores'>;

export async function wordMapView(run: TextRun, vocab: Vocabulary, state: WordMapState): Promise<WordMapFields> {
  const net = run.net('avg') ?? run.net('cnn');
  if (!net?.table) return {};
  const d = net.table.shape[1] as number;
  const v = net.table.shape[0] as number;
  const table = (await net.table.data()) as Float32Array;
  const readout = net.readout ? ((await net.readout.data()) as Float32Array) : null;
  state.candidates ??= showable(vocab);
  const scores = readout ? spamScores(table, v, d, readout) : new Float32Array(v);
  const ends = extremes(scores, state.candidates, LABELLED);
  const ids = [...new Set([...state.candidates.slice(0, MAP_WORDS), ...ends.spam, ...ends.ham])];
  const rows = new Float32Array(ids.length * d);
  ids.forEach((id, i) => rows.set(table.subarray(id * d, (id + 1) * d), i * d));
  state.axes = principalAxes(rows, ids.length, d, state.axes);
  const xy = project(rows, ids.length, d, state.axes);
  return {
    mapWords: ids.map((id) => vocab.tokens[id]),
    mapXY: xy,
    mapScore: ids.map((id) => scores[id]),
    spamWords: ends.spam.map((id) => vocab.tokens[id]),
    hamWords: ends.ham.map((id) => vocab.tokens[id]),
    spamWordScores: ends.spam.map((id) => scores[id]),
    hamWordScores: ends.ham.map((id) => scores[id]),
  };
}
