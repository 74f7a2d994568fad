/**
 * BLEU (Papineni et al. 2002) and the edit-distance error rates of sequence outputs, in plain JS.
 *
 * BLEU = BP · exp(Σ_n w_n log p_n), p_n the modified (clipped) n-gram precision over the corpus, w_n = 1/N,
 * BP = 1 if c > r else exp(1 − r/c), c the candidates' total length and r the sum of the reference lengths
 * closest to each candidate's (the "best match length"). D2L's form for one pair is
 * exp(min(0, 1 − len_label/len_pred)) Π p_n^(1/2^n); `d2lBleu` gives it.
 */

const key = (tokens: string[], i: number, n: number) => tokens.slice(i, i + n).join('\u0001');

function counts(tokens: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const k = key(tokens, i, n);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Clipped matches and total n-grams of one candidate against its references. */
export function modifiedPrecision(candidate: string[], references: string[][], n: number): { matches: number; total: number } {
  const cand = counts(candidate, n);
  const maxRef = new Map<string, number>();
  for (const r of references) for (const [k, c] of counts(r, n)) maxRef.set(k, Math.max(maxRef.get(k) ?? 0, c));
  let matches = 0;
  let total = 0;
  for (const [k, c] of cand) {
    matches += Math.min(c, maxRef.get(k) ?? 0);
    total += c;
  }
  return { matches, total };
}

export interface BleuResult {
  bleu: number;
  precisions: number[];
  brevityPenalty: number;
  candidateLength: number;
  referenceLength: number;
}

/** Corpus BLEU with uniform weights up to maxN (4 by default); each candidate has one or more references. */
export function corpusBleu(candidates: string[][], references: string[][][], maxN = 4): BleuResult {
  if (candidates.length !== references.length) throw new Error(`${candidates.length} candidates for ${references.length} reference lists`);
  if (references.some((refs) => refs.length === 0)) throw new Error('BLEU needs at least one reference for every candidate');
  const matches = new Array<number>(maxN).fill(0);
  const totals = new Array<number>(maxN).fill(0);
  let c = 0;
  let r = 0;
  candidates.forEach((cand, i) => {
    c += cand.length;
    // The reference length closest to the candidate's (the shorter on a tie).
    r += references[i].map((ref) => ref.length).sort((a, b) => Math.abs(a - cand.length) - Math.abs(b - cand.length) || a - b)[0];
    for (let n = 1; n <= maxN; n++) {
      const p = modifiedPrecision(cand, references[i], n);
      matches[n - 1] += p.matches;
      totals[n - 1] += p.total;
    }
  });
  const precisions = matches.map((m, i) => (totals[i] > 0 ? m / totals[i] : 0));
  const brevityPenalty = c === 0 ? 0 : c > r ? 1 : Math.exp(1 - r / c);
  const logMean = precisions.every((p) => p > 0) ? precisions.reduce((s, p) => s + Math.log(p), 0) / maxN : -Infinity;
  return { bleu: brevityPenalty * Math.exp(logMean), precisions, brevityPenalty, candidateLength: c, referenceLength: r };
}

/** BLEU of one candidate against its references: corpus BLEU over a corpus of one. */
export function bleu(candidate: readonly string[], references: readonly (readonly string[])[], maxN = 4): BleuResult {
  return corpusBleu([[...candidate]], [references.map((r) => [...r])], maxN);
}

/** D2L's BLEU for one prediction and one label: exp(min(0, 1 − len_label/len_pred)) Π_{n≤k} p_n^(1/2^n). */
export function d2lBleu(prediction: string[], label: string[], k: number): number {
  const lp = prediction.length;
  const ll = label.length;
  let score = Math.exp(Math.min(0, 1 - ll / lp));
  for (let n = 1; n <= k; n++) {
    const { matches } = modifiedPrecision(prediction, [label], n);
    score *= Math.pow(matches / (lp - n + 1), Math.pow(0.5, n));
  }
  return score;
}

/** Levenshtein distance between two token sequences (substitutions, insertions, deletions cost 1). */
export function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Phoneme (token) error rate: Σ edit distances / Σ reference lengths. */
export function tokenErrorRate(outputs: readonly (readonly string[])[], references: readonly (readonly string[])[]): number {
  let errors = 0;
  let total = 0;
  outputs.forEach((o, i) => {
    errors += editDistance(o, references[i]);
    total += references[i].length;
  });
  return total > 0 ? errors / total : 0;
}
