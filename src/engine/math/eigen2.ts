import type { Sym2 } from './surfaces';

/** Eigen-decomposition of a symmetric 2x2 matrix: λ1 ≤ λ2 with unit eigenvectors v1 ⟂ v2. */
export interface Eigen2 {
  values: [number, number];
  vectors: [[number, number], [number, number]];
}

/**
 * Closed form for [[a, b], [b, c]]: λ = (a + c)/2 ∓ √(((a − c)/2)² + b²).
 * The eigenvector of λ is (λ − c, b) (or (b, λ − a), whichever is longer, for
 * accuracy); a diagonal matrix has the axes.
 */
export function eigen2(m: Sym2): Eigen2 {
  const { xx: a, xy: b, yy: c } = m;
  const mean = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  const l1 = mean - r;
  const l2 = mean + r;
  if (Math.abs(b) <= 1e-14 * Math.max(1, Math.abs(a), Math.abs(c))) {
    // Diagonal: the smaller diagonal entry's axis first.
    return a <= c ? { values: [a, c], vectors: [[1, 0], [0, 1]] } : { values: [c, a], vectors: [[0, 1], [1, 0]] };
  }
  const v = vectorFor(a, b, c, l1);
  // The second eigenvector is v1 turned by 90°, so the pair is exactly orthonormal.
  return { values: [l1, l2], vectors: [v, [-v[1], v[0]]] };
}

function vectorFor(a: number, b: number, c: number, l: number): [number, number] {
  const p: [number, number] = [l - c, b];
  const q: [number, number] = [b, l - a];
  const u = Math.hypot(...p) >= Math.hypot(...q) ? p : q;
  const n = Math.hypot(...u);
  return [u[0] / n, u[1] / n];
}

/** Rebuilds V diag(λ) Vᵀ, to check a decomposition. */
export function reconstruct(e: Eigen2): Sym2 {
  const [[p, q], [r, s]] = e.vectors;
  const [l1, l2] = e.values;
  return { xx: l1 * p * p + l2 * r * r, xy: l1 * p * q + l2 * r * s, yy: l1 * q * q + l2 * s * s };
}

export type PointKind = 'not critical' | 'minimum' | 'maximum' | 'saddle' | 'degenerate';

/**
 * What a point is, from its gradient and Hessian: only where the gradient
 * vanishes (|g| < gradTol) do the eigenvalues' signs decide; an eigenvalue
 * within eigTol of zero leaves the second-order test undecided.
 */
export function classifyPoint(g: [number, number], h: Sym2, gradTol = 1e-3, eigTol = 1e-6): PointKind {
  if (Math.hypot(g[0], g[1]) > gradTol) return 'not critical';
  const [l1, l2] = eigen2(h).values;
  if (Math.abs(l1) < eigTol || Math.abs(l2) < eigTol) return 'degenerate';
  if (l1 > 0) return 'minimum';
  if (l2 < 0) return 'maximum';
  return 'saddle';
}
