import type { Activation } from './mlp';

/* The loops under nn/denseJs.ts: a dense layer, activations and their derivatives on Float32Arrays. */

/** out[n x q] = h[n x p] W[p x q] + b[q]. */
export function affine(h: Float32Array, W: Float32Array, b: Float32Array, out: Float32Array, n: number, p: number, q: number): void {
  for (let r = 0; r < n; r++) {
    const o = r * q;
    for (let j = 0; j < q; j++) out[o + j] = b[j];
    for (let i = 0; i < p; i++) {
      const hv = h[r * p + i];
      if (hv === 0) continue;
      const row = i * q;
      for (let j = 0; j < q; j++) out[o + j] += hv * W[row + j];
    }
  }
}

export function activateInPlace(a: Activation, v: Float32Array): void {
  switch (a) {
    case 'relu':
      for (let i = 0; i < v.length; i++) if (v[i] < 0) v[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < v.length; i++) v[i] = Math.tanh(v[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < v.length; i++) v[i] = 1 / (1 + Math.exp(-v[i]));
      return;
    case 'linear':
      return;
  }
}

/** act′(z) from h = act(z): ReLU 1[h > 0], tanh 1 − h², sigmoid h(1 − h), identity 1. */
export function derivativeFromOutput(a: Activation, h: number): number {
  switch (a) {
    case 'relu':
      return h > 0 ? 1 : 0;
    case 'tanh':
      return 1 - h * h;
    case 'sigmoid':
      return h * (1 - h);
    case 'linear':
      return 1;
  }
}
