/** Plain-number references for the attention tests: direct loops in float64, no tfjs. */

export type Mat = number[][];

/** A seeded matrix of N(0, 1)-ish values (uniform sums), rows x cols. */
export function randMat(rows: number, cols: number, seed: number): Mat {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (next() + next() + next() - 1.5) * 2));
}

export function matMul(a: Mat, b: Mat): Mat {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

/** softmax(q kᵀ / √d + mask) v for one head, by triple loops; also returns the weights. */
export function attentionLoop(q: Mat, k: Mat, v: Mat, mask?: Mat): { out: Mat; weights: Mat } {
  const d = q[0].length;
  const weights: Mat = [];
  const out: Mat = [];
  for (let i = 0; i < q.length; i++) {
    const s: number[] = [];
    for (let j = 0; j < k.length; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += q[i][c] * k[j][c];
      s.push(dot / Math.sqrt(d) + Math.max(mask ? mask[i][j] : 0, -1e9));
    }
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    const w = e.map((x) => x / z);
    weights.push(w);
    const o: number[] = new Array(v[0].length).fill(0);
    for (let j = 0; j < k.length; j++) for (let c = 0; c < o.length; c++) o[c] += w[j] * v[j][c];
    out.push(o);
  }
  return { out, weights };
}

/** Columns c0 .. c0 + n of a matrix. */
export function cols(a: Mat, c0: number, n: number): Mat {
  return a.map((r) => r.slice(c0, c0 + n));
}

export function addRow(a: Mat, b: number[]): Mat {
  return a.map((r) => r.map((x, j) => x + b[j]));
}

/** Largest absolute difference between two flat lists. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export const flat = (m: Mat | Mat[]): number[] => (m as unknown[]).flat(2) as number[];
