import type { View } from '../../engine/model';

/** The learning curves in a LeNet view, as arrays (empty before the first evaluation). */
export function readCurve(view: View | null): { step: number[]; trainLoss: number[]; testLoss: number[]; trainAcc: number[]; testAcc: number[] } {
  const c = (view?.curve ?? {}) as Record<string, number[]>;
  return { step: c.step ?? [], trainLoss: c.trainLoss ?? [], testLoss: c.testLoss ?? [], trainAcc: c.trainAcc ?? [], testAcc: c.testAcc ?? [] };
}

/** A test digit the network gets wrong, as the view sends it. */
export interface ConfusedDigit {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
  image: Float32Array;
}
