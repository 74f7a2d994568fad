/**
 * The 2-D map of word vectors: principal components of chosen rows of an
 * embedding table, with their signs kept from one frame to the next so the
 * picture moves smoothly as training goes on, and each word's push towards
 * spam (its vector dotted with the readout weights). Plain numbers, no tfjs.
 */

/** The top two principal axes (unit d-vectors) of rows [n x d], by power iteration with deflation on the d x d covariance. */
export function principalAxes(rows: Float32Array, n: number, d: number, previous: Float64Array[] | null = null): Float64Array[] {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j] / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const xa = rows[i * d + a] - mean[a];
      for (let b = 0; b < d; b++) cov[a * d + b] += (xa * (rows[i * d + b] - mean[b])) / n;
    }
  const axes: Float64Array[] = [];
  for (let c = 0; c < Math.min(2, d); c++) {
    // Start from the last frame's axis: it is nearly right already, and the iteration converges in a few rounds.
    let v = previous?.[c] ? Float64Array.from(previous[c]) : Float64Array.from({ length: d }, (_, j) => (j === c ? 1 : 0.1));
    for (let it = 0; it < 60; it++) {
      for (const u of axes) {
        const dot = v.reduce((s, x, j) => s + x * u[j], 0);
        for (let j = 0; j < d; j++) v[j] -= dot * u[j];
      }
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) w[a] += cov[a * d + b] * v[b];
      const norm = Math.hypot(...w);
      if (!(norm > 1e-12)) break;
      v = w.map((x) => x / norm);
    }
    const prev = previous?.[c];
    if (prev && v.reduce((s, x, j) => s + x * prev[j], 0) < 0) v = v.map((x) => -x);
    axes.push(v);
  }
  while (axes.length < 2) axes.push(new Float64Array(d));
  return axes;
}

/** Coordinates of each row on the axes (centred): [x0, y0, x1, y1, ...]. */
export function project(rows: Float32Array, n: number, d: number, axes: Float64Array[]): Float32Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j] / n;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (rows[i * d + j] - mean[j]) * axes[c][j];
      out[2 * i + c] = s;
    }
  return out;
}

/** Each word's push towards spam: s_v = E[v] · w for every row of the table [|V| x d]. */
export function spamScores(table: Float32Array, vocabSize: number, d: number, readout: Float32Array): Float32Array {
  const out = new Float32Array(vocabSize);
  for (let v = 0; v < vocabSize; v++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += table[v * d + j] * readout[j];
    out[v] = s;
  }
  return out;
}

/** Ids (from `candidates`) with the k largest and the k smallest scores: the words that push hardest towards spam and towards ham. */
export function extremes(scores: ArrayLike<number>, candidates: readonly number[], k: number): { spam: number[]; ham: number[] } {
  const sorted = [...candidates].sort((a, b) => scores[b] - scores[a]);
  return { spam: sorted.slice(0, k), ham: sorted.slice(-k).reverse() };
}
