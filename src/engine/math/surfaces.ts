/**
 * Chapter 4's 2-D test surfaces as plain numbers: value, analytic gradient and
 * Hessian. The main thread draws contours and Hessians from these; the worker
 * trains on the tfjs twins in src/engine/models/surfacesTf.ts (tests check they agree).
 */
export type SurfaceName = 'quadratic' | 'rosenbrock' | 'saddle' | 'bumpy';
export const SURFACE_NAMES: readonly SurfaceName[] = ['quadratic', 'rosenbrock', 'saddle', 'bumpy'];

/** Symmetric 2x2 matrix [[xx, xy], [xy, yy]]. */
export interface Sym2 {
  xx: number;
  xy: number;
  yy: number;
}

export interface Surface {
  name: SurfaceName;
  label: string;
  /** KaTeX formula, for captions. */
  tex: string;
  xDomain: [number, number];
  yDomain: [number, number];
  /** A start point that shows the surface's difficulty. */
  start: [number, number];
  f(x: number, y: number): number;
  grad(x: number, y: number): [number, number];
  hessian(x: number, y: number): Sym2;
}

/** Condition number of the quadratic: its Hessian is diag(1, KAPPA). */
export const KAPPA = 20;
/** Rosenbrock's valley steepness b in (1 − x)² + b (y − x²)². */
export const ROSEN_B = 100;
/** Frequency and bowl weight of the many-minima surface. */
export const BUMPY_K = 3;
export const BUMPY_BOWL = 0.15;

const quadratic: Surface = {
  name: 'quadratic',
  label: 'Ill-conditioned quadratic',
  tex: String.raw`\tfrac12\left(x^2 + ${KAPPA}\,y^2\right)`,
  xDomain: [-4, 4],
  yDomain: [-3, 3],
  start: [-3.5, 1.5],
  f: (x, y) => 0.5 * (x * x + KAPPA * y * y),
  grad: (x, y) => [x, KAPPA * y],
  hessian: () => ({ xx: 1, xy: 0, yy: KAPPA }),
};

const rosenbrock: Surface = {
  name: 'rosenbrock',
  label: 'Rosenbrock valley',
  tex: String.raw`(1 - x)^2 + ${ROSEN_B}\,(y - x^2)^2`,
  xDomain: [-2, 2],
  yDomain: [-1, 3],
  start: [-1.2, 1],
  f: (x, y) => (1 - x) ** 2 + ROSEN_B * (y - x * x) ** 2,
  grad: (x, y) => [-2 * (1 - x) - 4 * ROSEN_B * x * (y - x * x), 2 * ROSEN_B * (y - x * x)],
  hessian: (x, y) => ({ xx: 2 - 4 * ROSEN_B * (y - 3 * x * x), xy: -4 * ROSEN_B * x, yy: 2 * ROSEN_B }),
};

// x² − y² near the origin; the y⁴/4 term only matters far out and gives the
// escaping runs two minima, at (0, ±√2), to land in instead of running to −∞.
const saddle: Surface = {
  name: 'saddle',
  label: 'Saddle',
  tex: String.raw`x^2 - y^2 + \tfrac14 y^4`,
  xDomain: [-2.5, 2.5],
  yDomain: [-2.5, 2.5],
  start: [-2.2, 0.01],
  f: (x, y) => x * x - y * y + 0.25 * y ** 4,
  grad: (x, y) => [2 * x, -2 * y + y ** 3],
  hessian: (_x, y) => ({ xx: 2, xy: 0, yy: -2 + 3 * y * y }),
};

// A bowl with ripples: local minima near the peaks of cos(kx)cos(ky), saddles between them.
const bumpy: Surface = {
  name: 'bumpy',
  label: 'Many minima',
  tex: String.raw`${BUMPY_BOWL}\,(x^2 + y^2) + 1 - \cos ${BUMPY_K}x \cos ${BUMPY_K}y`,
  xDomain: [-3, 3],
  yDomain: [-3, 3],
  start: [-2.6, 2.3],
  f: (x, y) => BUMPY_BOWL * (x * x + y * y) + 1 - Math.cos(BUMPY_K * x) * Math.cos(BUMPY_K * y),
  grad: (x, y) => {
    const k = BUMPY_K;
    return [2 * BUMPY_BOWL * x + k * Math.sin(k * x) * Math.cos(k * y), 2 * BUMPY_BOWL * y + k * Math.cos(k * x) * Math.sin(k * y)];
  },
  hessian: (x, y) => {
    const k = BUMPY_K;
    const cc = k * k * Math.cos(k * x) * Math.cos(k * y);
    return { xx: 2 * BUMPY_BOWL + cc, xy: -k * k * Math.sin(k * x) * Math.sin(k * y), yy: 2 * BUMPY_BOWL + cc };
  },
};

export const SURFACES: Record<SurfaceName, Surface> = { quadratic, rosenbrock, saddle, bumpy };

/** Values of a surface on an nx x ny grid over its domain, row-major from the bottom row (ContourPlot's layout). */
export function surfaceGrid(s: Surface, nx: number, ny: number): Float64Array {
  const out = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const y = s.yDomain[0] + ((s.yDomain[1] - s.yDomain[0]) * j) / (ny - 1);
    for (let i = 0; i < nx; i++) {
      const x = s.xDomain[0] + ((s.xDomain[1] - s.xDomain[0]) * i) / (nx - 1);
      out[j * nx + i] = s.f(x, y);
    }
  }
  return out;
}

/**
 * Shifts grid values to be positive, since the contour colours are log-spaced:
 * surfaces with negative values (the saddle) are drawn as f − min + a small floor.
 */
export function positiveForContours(values: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const floor = Math.max(1e-3, (hi - lo) * 1e-3);
  return Float64Array.from(values, (v) => v - lo + floor);
}

/** Second-order Taylor model of f around (x0, y0): f + gᵀd + ½ dᵀHd with d = (x, y) − (x0, y0). */
export function taylor2(s: Surface, x0: number, y0: number, x: number, y: number): number {
  const [gx, gy] = s.grad(x0, y0);
  const h = s.hessian(x0, y0);
  const dx = x - x0;
  const dy = y - y0;
  return s.f(x0, y0) + gx * dx + gy * dy + 0.5 * (h.xx * dx * dx + 2 * h.xy * dx * dy + h.yy * dy * dy);
}

/**
 * Newton's method for a critical point (g = 0) from (x, y): it converges to
 * minima, maxima and saddles alike, which is why it finds the saddles that
 * gradient descent flees. Returns null when it leaves the domain or stalls.
 */
export function newtonCritical(s: Surface, x: number, y: number, iterations = 50): [number, number] | null {
  let px = x;
  let py = y;
  for (let i = 0; i < iterations; i++) {
    const [gx, gy] = s.grad(px, py);
    if (Math.hypot(gx, gy) < 1e-10) return [px, py];
    const h = s.hessian(px, py);
    const det = h.xx * h.yy - h.xy * h.xy;
    if (Math.abs(det) < 1e-12) return null;
    // Δ = −H⁻¹ g, with the 2x2 inverse written out; damped so that a far start does not fly off.
    let dx = -(h.yy * gx - h.xy * gy) / det;
    let dy = -(-h.xy * gx + h.xx * gy) / det;
    const len = Math.hypot(dx, dy);
    if (len > 0.5) {
      dx *= 0.5 / len;
      dy *= 0.5 / len;
    }
    px += dx;
    py += dy;
    const margin = 0.5;
    if (px < s.xDomain[0] - margin || px > s.xDomain[1] + margin || py < s.yDomain[0] - margin || py > s.yDomain[1] + margin) return null;
  }
  const [gx, gy] = s.grad(px, py);
  return Math.hypot(gx, gy) < 1e-6 ? [px, py] : null;
}

/** The critical points Newton's method finds from an n x n grid of starts, deduplicated, inside the domain. */
export function criticalPoints(s: Surface, n = 13): [number, number][] {
  const found: [number, number][] = [];
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const x = s.xDomain[0] + ((s.xDomain[1] - s.xDomain[0]) * (i + 0.5)) / n;
      const y = s.yDomain[0] + ((s.yDomain[1] - s.yDomain[0]) * (j + 0.5)) / n;
      const c = newtonCritical(s, x, y);
      if (!c || c[0] < s.xDomain[0] || c[0] > s.xDomain[1] || c[1] < s.yDomain[0] || c[1] > s.yDomain[1]) continue;
      if (!found.some((p) => Math.hypot(p[0] - c[0], p[1] - c[1]) < 1e-4)) found.push(c);
    }
  return found;
}
