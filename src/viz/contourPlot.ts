import { contours } from 'd3-contour';
import { scaleSequentialLog } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';

/**
 * Filled contour bands of a grid of values (row-major, nx columns), drawn on a
 * canvas. Log-spaced thresholds, since loss surfaces span orders of magnitude.
 */
export function drawContours(ctx: CanvasRenderingContext2D, values: ArrayLike<number>, nx: number, ny: number, width: number, height: number, levels = 14): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  ctx.clearRect(0, 0, width, height);
  if (!Number.isFinite(lo)) return;
  const floor = Math.max(lo, hi * 1e-6, 1e-9);
  const thresholds = logThresholds(floor, Math.max(hi, floor * 10), levels);
  const color = scaleSequentialLog(interpolateViridis).domain([floor, Math.max(hi, floor * 10)]);
  const sx = width / (nx - 1);
  const sy = height / (ny - 1);
  const bands = contours().size([nx, ny]).thresholds(thresholds)(Array.from(values, (v) => (Number.isFinite(v) ? v : hi)));
  for (const band of bands) {
    ctx.beginPath();
    for (const polygon of band.coordinates)
      for (const ring of polygon)
        ring.forEach(([px, py], k) => {
          // contour coordinates are in grid cells, with cell centres at +0.5
          const cx = (px - 0.5) * sx;
          const cy = height - (py - 0.5) * sy;
          if (k === 0) ctx.moveTo(cx, cy);
          else ctx.lineTo(cx, cy);
        });
    ctx.fillStyle = color(Math.max(band.value, floor));
    ctx.fill('evenodd');
  }
}

/** n thresholds spaced evenly in log between lo and hi. */
export function logThresholds(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}
