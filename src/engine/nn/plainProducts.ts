/**
 * Matrix products in plain JS over row-major Float32Arrays. On the cpu backend they beat tfjs-cpu's matMul about
 * 2-3x (its inner loop walks the right factor down a column; measured 2026-12-02, Node 20, tfjs 4.22: a 576 x 64
 * times 64 x 256 product took 19 ms there and 9 ms here), so the recurrent passes (recurrentProducts.ts) and the
 * linear layer (linear.ts) use them on cpu. No tfjs here.
 */

/**
 * A (m x n) times B (n x p), row-major, in plain JS: i-k-j order (the inner loop runs along rows
 * of B and of the result), four rows of A at a time so each row of B is read once per four.
 */
export function rowsTimes(a: Float32Array, m: number, n: number, bm: Float32Array, p: number): Float32Array {
  const out = new Float32Array(m * p);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const [o0, o1, o2, o3] = [i * p, (i + 1) * p, (i + 2) * p, (i + 3) * p];
    for (let k = 0; k < n; k++) {
      const a0 = a[i * n + k];
      const a1 = a[(i + 1) * n + k];
      const a2 = a[(i + 2) * n + k];
      const a3 = a[(i + 3) * n + k];
      const r = k * p;
      for (let j = 0; j < p; j++) {
        const x = bm[r + j];
        out[o0 + j] += a0 * x;
        out[o1 + j] += a1 * x;
        out[o2 + j] += a2 * x;
        out[o3 + j] += a3 * x;
      }
    }
  }
  for (; i < m; i++)
    for (let k = 0; k < n; k++) {
      const a0 = a[i * n + k];
      const r = k * p;
      for (let j = 0; j < p; j++) out[i * p + j] += a0 * bm[r + j];
    }
  return out;
}

/** The transpose of a (rows x cols, row-major). */
export function transposeJs(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}
