import * as tf from '@tensorflow/tfjs';
import { rowsTimes, transposeJs } from './plainProducts';
import { sumRows } from './rowwise';

/**
 * Whether a matMul's gradient should transpose its operands explicitly. On wasm only an unbatched,
 * untransposed matMul runs in XNNPACK; a transposeA/transposeB flag falls to a generic loop that was
 * 10-25x slower per multiply-add (bench/RESULTS-seq-attention.md), while a transpose costs one cheap pass.
 * Elsewhere (cpu strides, GPU shaders) the flags are free, so they stay.
 */
function explicitTransposes(): boolean {
  return tf.getBackend() === 'wasm';
}

/** tf.matMul(a, b, transposeA, transposeB) by the route that is fast on this backend (the transposed copies are freed). */
export function matMulFast(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  if (!explicitTransposes() || (!transposeA && !transposeB)) return tf.matMul(a, b, transposeA, transposeB);
  return tf.tidy(() => tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b));
}

/**
 * The one fast linear layer of the engine (Dense, the recurrent cells, attention's projections, the FFNs):
 * y = act(x W + b) for x [N, k], W [k, n], one fused kernel forward, and a backward written out so that
 * every matMul in it takes matMulFast's route: g = dy ⊙ act′, dx = g Wᵀ, dW = xᵀ g, db = Σ_rows g.
 * On the cpu backend the products run in plain JS (plainProducts.ts), about twice tfjs-cpu's matMul.
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor, bias: tf.Tensor | null, activation: 'linear' | 'relu' = 'linear'): tf.Tensor2D {
  return linearBy(tf.getBackend() === 'cpu' ? 'js' : 'tfjs', x, w, bias, activation);
}

/** linear() by a route named explicitly (tests/unit/linear.test.ts checks the two against each other). */
export function linearBy(route: 'js' | 'tfjs', x: tf.Tensor2D, w: tf.Tensor, bias: tf.Tensor | null, activation: 'linear' | 'relu' = 'linear'): tf.Tensor2D {
  if (route === 'js') return linearPlainJs(x, w, bias, activation);
  const relu = activation === 'relu';
  const f = tf.customGrad((...args) => {
    const [xi, wi] = args as tf.Tensor2D[];
    const bi = bias ? (args[2] as tf.Tensor1D) : undefined;
    const save = args[bias ? 3 : 2] as unknown as tf.GradSaveFunc;
    const y = tf.fused.matMul({ a: xi, b: wi, bias: bi, activation });
    save(relu ? [xi, wi, y] : [xi, wi]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as tf.Tensor2D[];
        const g = (relu ? tf.mul(dy, tf.step(ys)) : dy) as tf.Tensor2D;
        const grads: tf.Tensor[] = [matMulFast(g, ws, false, true), matMulFast(xs, g, true, false)];
        if (bias) grads.push(sumRows(g));
        return grads;
      },
    };
  });
  return (bias ? f(x, w, bias) : f(x, w)) as tf.Tensor2D;
}

/** linear() with its products, bias and ReLU in plain JS over the cpu backend's own arrays (dataSync copies nothing there). */
function linearPlainJs(x: tf.Tensor2D, w: tf.Tensor, bias: tf.Tensor | null, activation: 'linear' | 'relu'): tf.Tensor2D {
  const [rows, k] = x.shape;
  const n = w.shape[1] as number;
  const relu = activation === 'relu';
  const f = tf.customGrad((...args) => {
    const [xi, wi] = args as tf.Tensor2D[];
    const bi = bias ? (args[2] as tf.Tensor1D) : null;
    const save = args[bias ? 3 : 2] as unknown as tf.GradSaveFunc;
    const X = xi.dataSync() as Float32Array;
    const W = wi.dataSync() as Float32Array;
    const y = rowsTimes(X, rows, k, W, n);
    if (bi) {
      const b = bi.dataSync() as Float32Array;
      for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) y[r * n + j] += b[j];
    }
    if (relu) for (let i = 0; i < y.length; i++) if (y[i] < 0) y[i] = 0;
    save([xi, wi]);
    return {
      value: tf.tensor2d(y, [rows, n]),
      gradFunc: (dy: tf.Tensor) => {
        const g = Float32Array.from(dy.dataSync() as Float32Array);
        if (relu) for (let i = 0; i < g.length; i++) if (!(y[i] > 0)) g[i] = 0;
        const grads: tf.Tensor[] = [
          tf.tensor2d(rowsTimes(g, rows, n, transposeJs(W, k, n), k), [rows, k]),
          tf.tensor2d(rowsTimes(transposeJs(X, rows, k), k, rows, g, n), [k, n]),
        ];
        if (bias) {
          const db = new Float32Array(n);
          for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) db[j] += g[r * n + j];
          grads.push(tf.tensor1d(db));
        }
        return grads;
      },
    };
  });
  return (bias ? f(x, w, bias) : f(x, w)) as tf.Tensor2D;
}
