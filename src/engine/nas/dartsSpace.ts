/**
 * The DARTS cell's shape and derivation in plain JS (the widgets draw it on the main thread).
 */
import type { Rng } from '../rng';
import { softmax } from './policy';

/**
 * DARTS on chapter 12's digits: a cell of three nodes after a stem, h_0 = relu(x W_s + b_s), and
 * h_j = Σ_{i<j} ō_{i,j}(h_i) for j = 1, 2, 3, read out from the concatenation [h_1, h_2, h_3].
 * Each edge (i, j) holds every candidate operation.
 */
export const DARTS_OPS = ['relu', 'tanh', 'sigmoid', 'skip', 'zero'] as const;
export type DartsOp = (typeof DARTS_OPS)[number];
export const DARTS_OP_LABELS: Record<DartsOp, string> = { relu: 'dense + ReLU', tanh: 'dense + tanh', sigmoid: 'dense + sigmoid', skip: 'identity (skip)', zero: 'zero (no edge)' };
export const NODES = 3;
/** The cell's edges (i, j), i < j, node by node: (0,1), (0,2), (1,2), (0,3), (1,3), (2,3). */
export const EDGES: readonly [number, number][] = [[0, 1], [0, 2], [1, 2], [0, 3], [1, 3], [2, 3]];

/** A discrete cell: the edges kept, each with one operation. */
export interface CellEdge {
  from: number;
  to: number;
  op: DartsOp;
}

/**
 * DARTS's derivation: on each edge the strongest operation other than zero; each node keeps its two
 * strongest incoming edges (node 1 has only one), strength being that operation's softmax weight.
 */
export function deriveCell(alpha: readonly number[][]): CellEdge[] {
  const zero = DARTS_OPS.indexOf('zero');
  const out: CellEdge[] = [];
  for (let j = 1; j <= NODES; j++) {
    const cands = EDGES.map(([i, jj], e) => ({ i, jj, e })).filter((c) => c.jj === j).map(({ i, e }) => {
      const p = softmax(alpha[e]);
      let best = -1;
      p.forEach((v, k) => { if (k !== zero && (best < 0 || v > p[best])) best = k; });
      return { from: i, to: j, op: DARTS_OPS[best], strength: p[best] };
    });
    cands.sort((a, b) => b.strength - a.strength);
    out.push(...cands.slice(0, 2).map(({ from, to, op }) => ({ from, to, op })));
  }
  return out;
}

/** A cell of the same shape drawn at random: two (or one) random inputs per node, a random non-zero operation each. */
export function randomCell(rng: Rng): CellEdge[] {
  const ops = DARTS_OPS.filter((o) => o !== 'zero');
  const out: CellEdge[] = [];
  for (let j = 1; j <= NODES; j++) {
    const inputs = Array.from({ length: j }, (_, i) => i);
    for (let k = 0; k < Math.min(2, j); k++) {
      const from = inputs.splice(rng.int(inputs.length), 1)[0];
      out.push({ from, to: j, op: ops[rng.int(ops.length)] });
    }
  }
  return out.sort((a, b) => a.to - b.to || a.from - b.from);
}

export function describeCell(cell: readonly CellEdge[]): string {
  return cell.map((c) => `h${c.from}→h${c.to}: ${c.op}`).join(', ');
}

/** How many discrete cells deriveCell can return: per node, C(j, min(2, j)) choices of inputs times 4 operations per kept edge. */
export function countDerivedCells(): number {
  const ops = DARTS_OPS.length - 1;
  let n = 1;
  for (let j = 1; j <= NODES; j++) {
    const k = Math.min(2, j);
    const choose = j === k ? 1 : (j * (j - 1)) / 2;
    n *= choose * Math.pow(ops, k);
  }
  return n;
}
