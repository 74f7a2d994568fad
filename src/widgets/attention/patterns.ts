/** Which keys each query may attend to, as boolean matrices [n × n] (row = query), for the patterns figure. */

/** Sequence of length t, query i sees keys within `window` positions: |i − j| ≤ window. */
export function localPattern(t: number, window: number): boolean[][] {
  return Array.from({ length: t }, (_, i) => Array.from({ length: t }, (_, j) => Math.abs(i - j) <= window));
}

/** An s × s image flattened row by row; pixel i sees the pixels of its (2r + 1) × (2r + 1) neighbourhood. */
export function imagePattern(s: number, r: number): boolean[][] {
  const n = s * s;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Math.abs(Math.floor(i / s) - Math.floor(j / s)) <= r && Math.abs((i % s) - (j % s)) <= r));
}

/** A small graph: node i sees itself and its neighbours. */
export const GRAPH_EDGES: readonly [number, number][] = [[0, 1], [0, 2], [1, 2], [2, 3], [3, 4], [4, 5], [3, 5], [5, 6], [6, 7]];
export const GRAPH_NODES = 8;

export function graphPattern(edges: readonly [number, number][] = GRAPH_EDGES, n = GRAPH_NODES): boolean[][] {
  const m = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j));
  for (const [a, b] of edges) m[a][b] = m[b][a] = true;
  return m;
}

export const countTrue = (m: boolean[][]) => m.reduce((s, r) => s + r.filter(Boolean).length, 0);
