import type { SpaceChoices } from '../../engine/nas/space';

/** Each gene's name and its options' labels, in genome order (the policy's rows). */
export function geneLabels(s: SpaceChoices): { name: string; options: string[]; layer: number }[] {
  const out = [{ name: 'depth N', options: s.depths.map(String), layer: 0 }];
  const depth = Math.max(0, ...s.depths);
  for (let l = 1; l <= depth; l++) {
    out.push({ name: `layer ${l} width`, options: s.widths.map(String), layer: l });
    out.push({ name: `layer ${l} activation`, options: s.activations.map(String), layer: l });
    out.push({ name: `layer ${l} skip`, options: s.skips.map((k) => (k ? 'skip' : 'none')), layer: l });
  }
  return out;
}
