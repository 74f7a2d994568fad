/** Small dense linear algebra in plain numbers, for closed forms the chapters derive. */

/** Solves A x = b by Gaussian elimination with partial pivoting; A is n x n row-major. Throws if A is singular. */
export function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) < 1e-12) throw new Error('singular system: the features are linearly dependent');
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/**
 * Least squares by the normal equations: minimise mean (X w + b - y)^2.
 * Appending a column of ones to X, [w; b] = (X^T X)^{-1} X^T y.
 * X is n rows of d features. Returns { w, b }.
 */
export function leastSquares(X: number[][], y: number[]): { w: number[]; b: number } {
  const n = X.length;
  if (n === 0) throw new Error('no data points');
  const d = X[0].length;
  const A: number[][] = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
  const v = new Array<number>(d + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const row = [...X[i], 1];
    for (let r = 0; r <= d; r++) {
      v[r] += row[r] * y[i];
      for (let c = 0; c <= d; c++) A[r][c] += row[r] * row[c];
    }
  }
  const sol = solve(A, v);
  return { w: sol.slice(0, d), b: sol[d] };
}
