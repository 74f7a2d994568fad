import * as tf from '@tensorflow/tfjs';
import { Dense } from '../nn/dense';
import { activate } from '../nn/mlp';
import type { ParamStore } from '../nn/params';
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

/** One operation on a hidden vector: a dense layer and an activation, the identity, or zero. */
export function applyOp(op: DartsOp, h: tf.Tensor2D, dense: Dense | null): tf.Tensor2D {
  if (op === 'skip') return h;
  if (op === 'zero') return tf.zerosLike(h);
  return activate(op, dense!.apply(h)) as tf.Tensor2D;
}

/** One edge's dense operations, each its own d x d layer (skip and zero have no weights). */
export interface EdgeWeights {
  relu: Dense;
  tanh: Dense;
  sigmoid: Dense;
}

/**
 * The mixed operation on one edge, ō(h) = Σ_o softmax(α)_o · o(h). `weights` is softmax(α) for the edge
 * as a [1, 5] row (relu, tanh, sigmoid, skip, zero); zero adds nothing, but its weight still takes its
 * share of the softmax. Written in few ops on purpose: tfjs's cost per op dominates at this size.
 */
export function mixedOp(h: tf.Tensor2D, ops: EdgeWeights, weights: tf.Tensor2D): tf.Tensor2D {
  const [n, d] = h.shape;
  const outs = [applyOp('relu', h, ops.relu), applyOp('tanh', h, ops.tanh), applyOp('sigmoid', h, ops.sigmoid), h];
  const stacked = tf.reshape(tf.concat(outs, 1), [n, 4, d]);
  const w = tf.reshape(tf.slice(weights, [0, 0], [1, 4]), [1, 4, 1]);
  return tf.sum(tf.mul(stacked, w), 1) as tf.Tensor2D;
}

/** The supernet: every edge a mixed operation over DARTS_OPS, weighted by its row of α [6, 5]. */
export class Supernet {
  readonly stem: Dense;
  readonly head: Dense;
  readonly edges: EdgeWeights[];
  readonly alpha: tf.Variable;

  constructor(readonly weights: ParamStore, archParams: ParamStore, inputs: number, readonly width: number, classes: number) {
    this.stem = new Dense(weights, inputs, width, { name: 'stem/' });
    this.edges = EDGES.map(([i, j]) => ({
      relu: new Dense(weights, width, width, { name: `e${i}${j}/relu/` }),
      tanh: new Dense(weights, width, width, { name: `e${i}${j}/tanh/` }),
      sigmoid: new Dense(weights, width, width, { name: `e${i}${j}/sigmoid/` }),
    }));
    this.head = new Dense(weights, NODES * width, classes, { name: 'head/' });
    // α starts near zero, a mixture close to uniform, as in DARTS (1e-3 times a normal draw).
    this.alpha = archParams.normal('alpha', [EDGES.length, DARTS_OPS.length], 1e-3);
  }

  forward(x: tf.Tensor2D): tf.Tensor2D {
    const w = tf.softmax(this.alpha);
    const h: tf.Tensor2D[] = [tf.relu(this.stem.apply(x)) as tf.Tensor2D];
    for (let j = 1; j <= NODES; j++) {
      const terms: tf.Tensor2D[] = [];
      EDGES.forEach(([i, jj], e) => {
        if (jj === j) terms.push(mixedOp(h[i], this.edges[e], tf.slice(w, [e, 0], [1, -1]) as tf.Tensor2D));
      });
      h.push(terms.length > 1 ? (tf.addN(terms) as tf.Tensor2D) : terms[0]);
    }
    return this.head.apply(tf.concat(h.slice(1), 1)) as tf.Tensor2D;
  }
}

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

/** A derived (discrete) network, trained from scratch: the stem, the kept edges, the same read-out. */
export class CellNet {
  private readonly stem: Dense;
  private readonly head: Dense;
  private readonly denses: (Dense | null)[];

  constructor(readonly cell: readonly CellEdge[], params: ParamStore, inputs: number, width: number, classes: number) {
    this.stem = new Dense(params, inputs, width, { name: 'stem/' });
    this.denses = cell.map((c, k) => (c.op === 'skip' || c.op === 'zero' ? null : new Dense(params, width, width, { name: `c${k}/` })));
    this.head = new Dense(params, NODES * width, classes, { name: 'head/' });
  }

  forward(x: tf.Tensor2D): tf.Tensor2D {
    const h: tf.Tensor2D[] = [tf.relu(this.stem.apply(x)) as tf.Tensor2D];
    for (let j = 1; j <= NODES; j++) {
      const terms = this.cell.map((c, k) => (c.to === j ? applyOp(c.op, h[c.from], this.denses[k]) : null)).filter((t): t is tf.Tensor2D => t !== null);
      h.push(terms.length ? (tf.addN(terms) as tf.Tensor2D) : tf.zerosLike(h[0]));
    }
    return this.head.apply(tf.concat(h.slice(1), 1)) as tf.Tensor2D;
  }
}
