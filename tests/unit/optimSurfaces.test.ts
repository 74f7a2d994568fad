/** Chapter 4's surfaces: analytic gradients and Hessians against finite differences, tfjs twins against plain numbers, the 2x2 eigen-decomposition. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyPoint, eigen2, reconstruct } from '../../src/engine/math/eigen2';
import { criticalPoints, newtonCritical, SURFACE_NAMES, SURFACES, taylor2 } from '../../src/engine/math/surfaces';
import { surfaceTf } from '../../src/engine/models/surfacesTf';
import { createRng } from '../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Points spread over a surface's domain, seeded. */
function samples(name: (typeof SURFACE_NAMES)[number], n = 25): [number, number][] {
  const s = SURFACES[name];
  const rng = createRng(7);
  return Array.from({ length: n }, () => [
    s.xDomain[0] + rng.next() * (s.xDomain[1] - s.xDomain[0]),
    s.yDomain[0] + rng.next() * (s.yDomain[1] - s.yDomain[0]),
  ]);
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

describe.each(SURFACE_NAMES)('surface %s', (name) => {
  const s = SURFACES[name];

  it('analytic gradient matches central finite differences', () => {
    const h = 1e-5;
    for (const [x, y] of samples(name)) {
      const [gx, gy] = s.grad(x, y);
      expect(rel(gx, (s.f(x + h, y) - s.f(x - h, y)) / (2 * h))).toBeLessThan(1e-6);
      expect(rel(gy, (s.f(x, y + h) - s.f(x, y - h)) / (2 * h))).toBeLessThan(1e-6);
    }
  });

  it('analytic Hessian matches finite differences of the gradient, and is symmetric', () => {
    const h = 1e-5;
    for (const [x, y] of samples(name)) {
      const H = s.hessian(x, y);
      const dx = [0, 1].map((k) => (s.grad(x + h, y)[k] - s.grad(x - h, y)[k]) / (2 * h));
      const dy = [0, 1].map((k) => (s.grad(x, y + h)[k] - s.grad(x, y - h)[k]) / (2 * h));
      expect(rel(H.xx, dx[0])).toBeLessThan(1e-5);
      expect(rel(H.xy, dx[1])).toBeLessThan(1e-5);
      expect(rel(H.xy, dy[0])).toBeLessThan(1e-5);
      expect(rel(H.yy, dy[1])).toBeLessThan(1e-5);
    }
  });

  it('the tfjs twin gives the same value, and tf.grad the same gradient', async () => {
    for (const [x, y] of samples(name, 10)) {
      const p = tf.tensor1d([x, y]);
      const value = surfaceTf(name, p);
      const g = tf.grad((q: tf.Tensor) => surfaceTf(name, q as tf.Tensor1D))(p);
      const [v] = await value.data();
      const [gx, gy] = await g.data();
      // float32 on the tfjs side
      expect(rel(v, s.f(x, y))).toBeLessThan(1e-5);
      expect(rel(gx, s.grad(x, y)[0])).toBeLessThan(1e-4);
      expect(rel(gy, s.grad(x, y)[1])).toBeLessThan(1e-4);
      tf.dispose([p, value, g]);
    }
  });

  it('the Taylor model is exact to second order', () => {
    for (const [x, y] of samples(name, 5)) {
      const d = 1e-3;
      const err = Math.abs(taylor2(s, x, y, x + d, y - d) - s.f(x + d, y - d));
      expect(err).toBeLessThan(1e-5 * Math.max(1, Math.abs(s.f(x, y))));
    }
  });
});

describe('2x2 eigen-decomposition', () => {
  it('reconstructs random symmetric matrices, with orthonormal eigenvectors and Av = λv', () => {
    const rng = createRng(3);
    const cases = Array.from({ length: 200 }, () => ({ xx: rng.normal() * 10, xy: rng.normal() * 10, yy: rng.normal() * 10 }));
    cases.push({ xx: 2, xy: 0, yy: -2 }, { xx: -3, xy: 0, yy: 5 }, { xx: 4, xy: 0, yy: 4 }, { xx: 1, xy: 1e-9, yy: 1 });
    for (const m of cases) {
      const e = eigen2(m);
      const r = reconstruct(e);
      const scale = Math.max(1, Math.abs(m.xx), Math.abs(m.xy), Math.abs(m.yy));
      expect(Math.abs(r.xx - m.xx) / scale).toBeLessThan(1e-10);
      expect(Math.abs(r.xy - m.xy) / scale).toBeLessThan(1e-10);
      expect(Math.abs(r.yy - m.yy) / scale).toBeLessThan(1e-10);
      expect(e.values[0]).toBeLessThanOrEqual(e.values[1]);
      const [u, w] = e.vectors;
      expect(Math.abs(Math.hypot(...u) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(u[0] * w[0] + u[1] * w[1])).toBeLessThan(1e-12);
      e.vectors.forEach((v, i) => {
        const av = [m.xx * v[0] + m.xy * v[1], m.xy * v[0] + m.yy * v[1]];
        expect(Math.hypot(av[0] - e.values[i] * v[0], av[1] - e.values[i] * v[1]) / scale).toBeLessThan(1e-10);
      });
    }
  });
});

describe('critical points', () => {
  it('classifies the known critical points of each surface', () => {
    const at = (n: keyof typeof SURFACES, x: number, y: number) => classifyPoint(SURFACES[n].grad(x, y), SURFACES[n].hessian(x, y));
    expect(at('quadratic', 0, 0)).toBe('minimum');
    expect(at('rosenbrock', 1, 1)).toBe('minimum');
    expect(at('saddle', 0, 0)).toBe('saddle');
    expect(at('saddle', 0, Math.SQRT2)).toBe('minimum');
    expect(at('saddle', 0, -Math.SQRT2)).toBe('minimum');
    expect(at('bumpy', 0, 0)).toBe('minimum');
    expect(at('saddle', 1, 0)).toBe('not critical');
  });

  it('Newton finds saddles as readily as minima, and the many-minima surface has all three kinds', () => {
    expect(newtonCritical(SURFACES.saddle, 0.3, 0.2)).not.toBeNull();
    const pts = criticalPoints(SURFACES.bumpy, 13);
    const kinds = pts.map(([x, y]) => classifyPoint(SURFACES.bumpy.grad(x, y), SURFACES.bumpy.hessian(x, y)));
    expect(kinds).toContain('minimum');
    expect(kinds).toContain('saddle');
    expect(kinds).toContain('maximum');
    expect(kinds).not.toContain('not critical');
  });
});
