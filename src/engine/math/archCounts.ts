/**
 * Parameters and multiply-adds, layer by layer, of the ImageNet networks chapter 6
 * names (AlexNet, VGG-11, NiN, GoogLeNet), computed from their layer lists.
 * A convolution with k×k kernels, C_in → C_out channels in g groups and an H×W output has
 * (k²C_in/g + 1)·C_out parameters and H·W·C_out·k²C_in/g multiply-adds; a dense layer n → m
 * has (n + 1)m and nm. Pooling has neither (its comparisons and sums are not multiply-adds).
 */

/** One layer of a network, as the papers list them. */
export type ArchLayer =
  | { kind: 'conv'; name: string; out: number; k: number; stride?: number; pad?: number; groups?: number }
  | { kind: 'pool'; name: string; k: number; stride: number; pad?: number }
  | { kind: 'gap'; name: string }
  | { kind: 'fc'; name: string; out: number }
  | { kind: 'inception'; name: string; c1: number; c3r: number; c3: number; c5r: number; c5: number; pool: number };

export interface ArchSpec {
  name: string;
  /** Which variant this is and where its numbers come from. */
  variant: string;
  input: [number, number, number];
  layers: ArchLayer[];
}

export interface LayerCount {
  name: string;
  /** Output shape [channels, height, width] (a dense layer's is [m, 1, 1]). */
  shape: [number, number, number];
  params: number;
  /** Weights only, without biases (GoogLeNet's table counts these). */
  weights: number;
  macs: number;
}

/** ⌊(n + 2p − k)/s⌋ + 1, chapter 6's output-size formula. */
function outSize(n: number, k: number, s: number, p: number): number {
  return Math.floor((n + 2 * p - k) / s) + 1;
}

/** Counts every layer of `spec`; throws if a layer does not fit the shape before it. */
export function countLayers(spec: ArchSpec): LayerCount[] {
  let [c, h, w] = spec.input;
  const rows: LayerCount[] = [];
  const conv = (cin: number, cout: number, k: number, hw: number, groups = 1) => {
    const wts = ((k * k * cin) / groups) * cout;
    return { weights: wts, params: wts + cout, macs: hw * wts };
  };
  for (const l of spec.layers) {
    let weights = 0;
    let params = 0;
    let macs = 0;
    switch (l.kind) {
      case 'conv': {
        const g = l.groups ?? 1;
        if (c % g !== 0 || l.out % g !== 0) throw new Error(`${l.name}: ${c} → ${l.out} channels do not split into ${g} groups`);
        h = outSize(h, l.k, l.stride ?? 1, l.pad ?? 0);
        w = outSize(w, l.k, l.stride ?? 1, l.pad ?? 0);
        ({ weights, params, macs } = conv(c, l.out, l.k, h * w, g));
        c = l.out;
        break;
      }
      case 'pool':
        h = outSize(h, l.k, l.stride, l.pad ?? 0);
        w = outSize(w, l.k, l.stride, l.pad ?? 0);
        break;
      case 'gap':
        h = 1;
        w = 1;
        break;
      case 'fc': {
        const n = c * h * w;
        weights = n * l.out;
        params = weights + l.out;
        macs = weights;
        [c, h, w] = [l.out, 1, 1];
        break;
      }
      case 'inception': {
        // Four branches at the same resolution: 1×1; 1×1 then 3×3; 1×1 then 5×5; 3×3 max pool then 1×1.
        const hw = h * w;
        const parts = [conv(c, l.c1, 1, hw), conv(c, l.c3r, 1, hw), conv(l.c3r, l.c3, 3, hw), conv(c, l.c5r, 1, hw), conv(l.c5r, l.c5, 5, hw), conv(c, l.pool, 1, hw)];
        for (const p of parts) {
          weights += p.weights;
          params += p.params;
          macs += p.macs;
        }
        c = l.c1 + l.c3 + l.c5 + l.pool;
        break;
      }
    }
    if (!(h >= 1 && w >= 1)) throw new Error(`${l.name}: the map has shrunk to nothing`);
    rows.push({ name: l.name, shape: [c, h, w], params, weights, macs });
  }
  return rows;
}

/** Sums of a count: parameters, weights and multiply-adds. */
export function totals(rows: readonly LayerCount[]): { params: number; weights: number; macs: number } {
  return rows.reduce((t, r) => ({ params: t.params + r.params, weights: t.weights + r.weights, macs: t.macs + r.macs }), { params: 0, weights: 0, macs: 0 });
}
