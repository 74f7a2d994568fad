/**
 * BLEU (Papineni et al., 2002) for one candidate against one or more references, as token lists:
 *   p_n = Σ_g min(count_cand(g), max_ref count_ref(g)) / Σ_g count_cand(g)   (clipped n-gram precision)
 *   BP  = 1 if c > r, else exp(1 − r / c)   (c: candidate length, r: the reference length closest to c)
 *   BLEU = BP · exp(Σ_{n=1..N} (1/N) log p_n),   0 as soon as some p_n is 0 (no smoothing).
 */
export interface BleuResult {
  bleu: number;
  /** p_1 … p_N, clipped precisions. */
  precisions: number[];
  brevityPenalty: number;
  candidateLength: number;
  referenceLength: number;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join('\u0000');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

export function bleu(candidate: readonly string[], references: readonly (readonly string[])[], maxN = 4): BleuResult {
  if (references.length === 0) throw new Error('BLEU needs at least one reference');
  const c = candidate.length;
  // The closest reference length, the shorter on a tie (as in the usual implementations).
  const r = references.map((ref) => ref.length).reduce((best, len) => (Math.abs(len - c) < Math.abs(best - c) || (Math.abs(len - c) === Math.abs(best - c) && len < best) ? len : best));
  const precisions: number[] = [];
  for (let n = 1; n <= maxN; n++) {
    const cand = ngramCounts(candidate, n);
    const maxRef = new Map<string, number>();
    for (const ref of references) for (const [g, k] of ngramCounts(ref, n)) maxRef.set(g, Math.max(maxRef.get(g) ?? 0, k));
    let matched = 0;
    let total = 0;
    for (const [g, k] of cand) {
      matched += Math.min(k, maxRef.get(g) ?? 0);
      total += k;
    }
    precisions.push(total === 0 ? 0 : matched / total);
  }
  const brevityPenalty = c === 0 ? 0 : c > r ? 1 : Math.exp(1 - r / c);
  const score = precisions.some((p) => p === 0) ? 0 : brevityPenalty * Math.exp(precisions.reduce((s, p) => s + Math.log(p), 0) / maxN);
  return { bleu: score, precisions, brevityPenalty, candidateLength: c, referenceLength: r };
}
