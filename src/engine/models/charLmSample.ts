import * as tf from '@tensorflow/tfjs';
import type { CellState } from '../nn/recurrent';

/** What sampling needs of a character model (CharLstm or CharGru): one step at batch 1 and a zero state per layer. */
export interface SteppableCharModel {
  cells: { zeroState(batch: number): CellState }[];
  stepOne(id: number, states: CellState[]): { states: CellState[]; logits: tf.Tensor2D };
}

const tensorsOf = (states: CellState[]) => states.flatMap((s) => (s.c ? [s.h, s.c] : [s.h]));

/**
 * Feeds `prefix` one character at a time, then draws up to maxNew characters with `choose`
 * (given the logits and whether this is the first draw), stopping after `stopId` (when ≥ 0). Reads
 * with await data(), never dataSync, so it works on every backend and leaves no tensor behind.
 */
export async function sampleAsync(model: SteppableCharModel, prefix: number[], maxNew: number, stopId: number, choose: (logits: Float32Array, first: boolean) => number): Promise<number[]> {
  let states = model.cells.map((c) => c.zeroState(1));
  const feed = async (id: number): Promise<Float32Array> => {
    // The tidy returns [h (and c) per layer..., logits]: a flat list keeps its typing simple.
    const kept = tf.tidy(() => {
      const r = model.stepOne(id, states);
      return [...tensorsOf(r.states), r.logits];
    });
    let at = 0;
    const next = states.map((s) => (s.c ? { h: kept[at++] as tf.Tensor2D, c: kept[at++] as tf.Tensor2D } : { h: kept[at++] as tf.Tensor2D }));
    tf.dispose(tensorsOf(states));
    states = next;
    const o = kept[kept.length - 1];
    const logits = (await o.data()) as Float32Array;
    o.dispose();
    return logits;
  };
  let logits: Float32Array = new Float32Array(0);
  for (const id of prefix) logits = await feed(id);
  const out: number[] = [];
  for (let k = 0; k < maxNew; k++) {
    const id = choose(logits, k === 0);
    out.push(id);
    if (id === stopId) break;
    if (k + 1 < maxNew) logits = await feed(id);
  }
  tf.dispose(tensorsOf(states));
  return out;
}
