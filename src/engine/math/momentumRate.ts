/**
 * Convergence rates on a quadratic L(θ) = ½ Σ_i λ_i θ_i², the model of a valley
 * with condition number κ = λ_max / λ_min (chapter 1's κ, chapter 4's race).
 * Gradient descent contracts each eigendirection by |1 − ηλ_i| per step, and its best
 * single η gives (κ − 1)/(κ + 1); heavy-ball momentum, tuned, gives (√κ − 1)/(√κ + 1).
 */

/** Gradient descent's best learning rate η = 2/(λ_min + λ_max) and its rate max_i |1 − ηλ_i| = (κ − 1)/(κ + 1). */
export function gdOptimal(lmin: number, lmax: number): { eta: number; rate: number } {
  const k = lmax / lmin;
  return { eta: 2 / (lmin + lmax), rate: (k - 1) / (k + 1) };
}

/**
 * Heavy-ball momentum (v ← βv + g, θ ← θ − ηv) at Polyak's optimal settings,
 * η = 4/(√λ_max + √λ_min)² and β = ((√κ − 1)/(√κ + 1))²: every eigendirection
 * then contracts at √β = (√κ − 1)/(√κ + 1) per step.
 */
export function heavyBallOptimal(lmin: number, lmax: number): { eta: number; beta: number; rate: number } {
  const r = Math.sqrt(lmax / lmin);
  const rate = (r - 1) / (r + 1);
  return { eta: 4 / (Math.sqrt(lmax) + Math.sqrt(lmin)) ** 2, beta: rate * rate, rate };
}

/**
 * The rate of heavy ball with any η, β on the quadratic: the largest modulus of the roots of
 * z² − (1 + β − ηλ) z + β = 0 over the eigenvalues λ (β = 0 gives gradient descent's |1 − ηλ|).
 */
export function heavyBallRate(lambdas: readonly number[], eta: number, beta: number): number {
  let worst = 0;
  for (const l of lambdas) {
    const b = 1 + beta - eta * l;
    const disc = b * b - 4 * beta;
    const mod = disc >= 0 ? Math.max(Math.abs((b + Math.sqrt(disc)) / 2), Math.abs((b - Math.sqrt(disc)) / 2)) : Math.sqrt(beta);
    worst = Math.max(worst, mod);
  }
  return worst;
}

/** Distance ‖θ_t‖ to the minimum after each of `steps` heavy-ball steps from `start` (β = 0: gradient descent). */
export function quadraticDistances(lambdas: readonly number[], eta: number, beta: number, start: readonly number[], steps: number): number[] {
  const p = [...start];
  const v = p.map(() => 0);
  const out = [Math.hypot(...p)];
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < p.length; i++) {
      v[i] = beta * v[i] + lambdas[i] * p[i];
      p[i] -= eta * v[i];
    }
    out.push(Math.hypot(...p));
  }
  return out;
}

/** The measured contraction per step between steps a and b: (d_b / d_a)^(1/(b − a)). */
export function measuredRate(distances: readonly number[], a: number, b: number): number {
  return (distances[b] / distances[a]) ** (1 / (b - a));
}

/** Steps for a rate r to shrink the error by `factor`: ⌈ln factor / (−ln r)⌉. */
export function stepsToShrink(rate: number, factor: number): number {
  if (!(rate > 0)) return 1;
  if (rate >= 1) return Infinity;
  return Math.ceil(Math.log(factor) / -Math.log(rate));
}

/**
 * The contraction per step measured over the second half of a run, up to the last step whose
 * distance is still above `floor` (a run at a tiny κ reaches zero in a few steps).
 */
export function measuredTailRate(distances: readonly number[], floor = 1e-200): number {
  let b = distances.length - 1;
  while (b > 1 && !(distances[b] > floor)) b--;
  const a = Math.floor(b / 2);
  return b > a ? measuredRate(distances, a, b) : 0;
}
