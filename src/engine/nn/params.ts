import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';

/**
 * Seeded parameter creation for the sequence modules (Embedding, cells, attention, blocks).
 * Every initial value is drawn in plain JS from the run's Rng, so the same seed gives the same
 * weights on every backend, and each variable is made from a tensor that is freed at once
 * (tf.variable(tf.randomNormal(...)) would keep the initial tensor alive).
 */
export class ParamStore {
  /** Shared by a store and its scopes: one list, so that disposing the root frees a whole model. */
  private readonly own: { vars: tf.Variable[]; names: Set<string> };

  constructor(
    readonly rng: Rng,
    readonly prefix = '',
    shared?: { vars: tf.Variable[]; names: Set<string> },
  ) {
    this.own = shared ?? { vars: [], names: new Set() };
  }

  /** A variable initialised from `values` (row-major, length = product of shape). */
  fromValues(name: string, shape: number[], values: Float32Array): tf.Variable {
    const full = this.prefix + name;
    if (this.own.names.has(full)) throw new Error(`parameter "${full}" is created twice`);
    if (values.length !== size(shape)) throw new Error(`parameter "${full}": ${values.length} values for shape [${shape}]`);
    this.own.names.add(full);
    const t = tf.tensor(values, shape, 'float32');
    // tfjs refuses two live variables of one name, and a page holds several models: names get a serial.
    const v = tf.variable(t, true, `${full}_${uid++}`);
    t.dispose();
    this.own.vars.push(v);
    return v;
  }

  /** U(−a, a) with a = √(6 / (fanIn + fanOut)) (Glorot/Xavier uniform, Keras's default for kernels). */
  glorot(name: string, shape: number[]): tf.Variable {
    const [fanIn, fanOut] = fans(shape);
    return this.uniform(name, shape, Math.sqrt(6 / (fanIn + fanOut)));
  }

  /** N(0, std²). */
  normal(name: string, shape: number[], std: number): tf.Variable {
    return this.fromValues(name, shape, this.fill(shape, () => std * this.rng.normal()));
  }

  /** U(−a, a). */
  uniform(name: string, shape: number[], a: number): tf.Variable {
    return this.fromValues(name, shape, this.fill(shape, () => (2 * this.rng.next() - 1) * a));
  }

  /** A random orthogonal matrix (Gram-Schmidt on a normal draw; Keras's default for recurrent kernels). */
  orthogonal(name: string, shape: [number, number]): tf.Variable {
    return this.fromValues(name, shape, orthogonalValues(shape[0], shape[1], this.rng));
  }

  /** Every entry `value`. */
  constant(name: string, shape: number[], value: number): tf.Variable {
    return this.fromValues(name, shape, new Float32Array(size(shape)).fill(value));
  }

  /** All zeros (biases). */
  zeros(name: string, shape: number[]): tf.Variable {
    return this.constant(name, shape, 0);
  }

  /** All ones (normalisation gains). */
  ones(name: string, shape: number[]): tf.Variable {
    return this.constant(name, shape, 1);
  }

  /** A view of this store whose names carry `prefix` (a layer's parameters inside a model's store). */
  scope(prefix: string): ParamStore {
    return new ParamStore(this.rng, this.prefix + prefix, this.own);
  }

  /** Every variable created here and in its scopes, in creation order (the order weights travel in). */
  variables(): tf.Variable[] {
    return this.own.vars;
  }

  /** Frees every variable of the store and its scopes. */
  dispose(): void {
    this.own.vars.forEach((v) => v.dispose());
    this.own.vars.length = 0;
    this.own.names.clear();
  }

  private fill(shape: number[], draw: () => number): Float32Array {
    const out = new Float32Array(size(shape));
    for (let i = 0; i < out.length; i++) out[i] = draw();
    return out;
  }
}

let uid = 0;

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Keras's fans: the last dimension is fanOut, the product of the rest is fanIn (a vector: both its length). */
function fans(shape: number[]): [number, number] {
  if (shape.length === 1) return [shape[0], shape[0]];
  const fanOut = shape[shape.length - 1];
  return [size(shape) / fanOut, fanOut];
}

function orthogonalValues(rows: number, cols: number, rng: Rng): Float32Array {
  // Orthonormalise the longer side's vectors, then lay them out as a rows x cols matrix.
  const n = Math.max(rows, cols);
  const k = Math.min(rows, cols);
  const basis: Float64Array[] = [];
  while (basis.length < k) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    for (const b of basis) {
      let d = 0;
      for (let i = 0; i < n; i++) d += v[i] * b[i];
      for (let i = 0; i < n; i++) v[i] -= d * b[i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (norm < 1e-6) continue;
    for (let i = 0; i < n; i++) v[i] /= norm;
    basis.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[r * cols + c] = rows >= cols ? basis[c][r] : basis[r][c];
  return out;
}
