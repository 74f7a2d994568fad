/**
 * The segment of the line w₁x₁ + w₂x₂ + b = 0 inside the square [-1, 1]^2, or null
 * when the line misses the square (or w is zero). Used to draw a linear boundary.
 */
export function clipLine(w1: number, w2: number, b: number): [[number, number], [number, number]] | null {
  if (![w1, w2, b].every(Number.isFinite) || (w1 === 0 && w2 === 0)) return null;
  const pts: [number, number][] = [];
  const inside = (v: number) => v >= -1 - 1e-9 && v <= 1 + 1e-9;
  for (const x of [-1, 1]) {
    if (w2 !== 0) {
      const y = -(w1 * x + b) / w2;
      if (inside(y)) pts.push([x, y]);
    }
  }
  for (const y of [-1, 1]) {
    if (w1 !== 0) {
      const x = -(w2 * y + b) / w1;
      if (inside(x)) pts.push([x, y]);
    }
  }
  if (pts.length < 2) return null;
  // The two points farthest apart (corners can be found twice).
  let best: [[number, number], [number, number]] = [pts[0], pts[1]];
  let dist = -1;
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length; j++) {
      const d = (pts[i][0] - pts[j][0]) ** 2 + (pts[i][1] - pts[j][1]) ** 2;
      if (d > dist) {
        dist = d;
        best = [pts[i], pts[j]];
      }
    }
  return best;
}
