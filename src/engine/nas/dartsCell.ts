/**
 * DARTS's networks in tfjs: the supernet of mixed operations and a derived discrete cell (dartsSpace.ts
 * holds the cell's shape and derivation).
 */
import * as tf from '@tensorflow/tfjs';
import { Dense } from '../nn/dense';
import { activate } from '../nn/mlp';
import type { ParamStore } from '../nn/params';
import { DARTS_OPS, EDGES, NODES, type CellEdge, type DartsOp } from './dartsSpace';

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
