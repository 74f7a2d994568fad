/**
 * Parameter accounting for a decoder-only Transformer whose feed-forward layers are mixtures of experts
 * (Mixtral 8x7B by default): every weight matrix counted, total against active with top-k. Plain numbers,
 * no tfjs: the calculator, the quiz and the chapter's figures all read these functions.
 */

/** The shape of the model. Biases are absent (as in Mistral and LLaMA); norms are RMSNorm gains. */
export interface MoeModelShape {
  /** |V|. */
  vocab: number;
  dModel: number;
  /** N, the number of decoder blocks. */
  layers: number;
  /** h, query heads; the head width is d_model / h. */
  heads: number;
  /** Key-value heads (grouped-query attention): h for plain multi-head attention, 1 for multi-query. */
  kvHeads: number;
  /** Each expert's hidden width d_ff. */
  dFF: number;
  /** E. */
  experts: number;
  /** k, experts per token. */
  topK: number;
  /** Weight matrices per expert: 3 for SwiGLU (gate, up, down, as in Mixtral), 2 for a plain FFN. */
  ffnMatrices: 2 | 3;
  /** The LM head shares the embedding table (no extra parameters). */
  tiedEmbeddings: boolean;
}

/** Mixtral 8x7B (Jiang et al. 2024; its config.json): the shape the notes account for. */
export const MIXTRAL_8X7B: MoeModelShape = { vocab: 32000, dModel: 4096, layers: 32, heads: 32, kvHeads: 8, dFF: 14336, experts: 8, topK: 2, ffnMatrices: 3, tiedEmbeddings: false };

/** One line of the account: what it is, how it is computed, its count, and whether every token uses all of it. */
export interface AccountLine {
  name: string;
  formula: string;
  count: number;
  /** Parameters of this line a token uses: all of a shared line, k/E of the experts. */
  active: number;
}

/** Checks a shape; returns reader-facing problems (an empty list when it is valid). */
export function shapeProblems(s: MoeModelShape): string[] {
  const out: string[] = [];
  const pos = (v: number, name: string) => {
    if (!(Number.isInteger(v) && v >= 1)) out.push(`${name} must be a whole number ≥ 1 (got ${v}).`);
  };
  pos(s.vocab, 'The vocabulary');
  pos(s.dModel, 'd_model');
  pos(s.layers, 'The number of layers');
  pos(s.heads, 'The number of heads');
  pos(s.kvHeads, 'The number of key-value heads');
  pos(s.dFF, 'd_ff');
  pos(s.experts, 'The number of experts');
  pos(s.topK, 'k');
  if (out.length) return out;
  if (s.dModel % s.heads !== 0) out.push(`d_model = ${s.dModel} does not split into ${s.heads} heads of equal width.`);
  if (s.heads % s.kvHeads !== 0) out.push(`${s.heads} query heads do not share ${s.kvHeads} key-value heads evenly (grouped-query attention needs h divisible by the key-value heads).`);
  if (s.topK > s.experts) out.push(`k = ${s.topK} is more than the ${s.experts} experts.`);
  return out;
}

/** Attention weights of one block: W_Q (d × d), W_K and W_V (d × kv·d_h each), W_O (d × d). */
export function attentionPerLayer(s: Pick<MoeModelShape, 'dModel' | 'heads' | 'kvHeads'>): number {
  const dh = s.dModel / s.heads;
  return 2 * s.dModel * s.heads * dh + 2 * s.dModel * s.kvHeads * dh;
}

/** One expert's weights in one block: ffnMatrices · d_model · d_ff. */
export function expertPerLayer(s: Pick<MoeModelShape, 'dModel' | 'dFF' | 'ffnMatrices'>): number {
  return s.ffnMatrices * s.dModel * s.dFF;
}

/** The whole account, line by line, in the notes' order (embeddings, attention, router, experts, head), plus norms. */
export function moeAccount(s: MoeModelShape): AccountLine[] {
  const { vocab: V, dModel: d, layers: N, experts: E, topK: k } = s;
  const attn = attentionPerLayer(s);
  const expert = expertPerLayer(s) * N;
  const lines: AccountLine[] = [
    { name: 'embeddings', formula: `${fmt(V)} × ${fmt(d)}`, count: V * d, active: V * d },
    { name: 'attention', formula: `${fmt(N)} × ${fmt(attn)}`, count: N * attn, active: N * attn },
    { name: 'routers', formula: `${fmt(N)} × ${fmt(E)} × ${fmt(d)}`, count: N * E * d, active: N * E * d },
    { name: 'experts', formula: `${fmt(E)} × ${fmt(expert)}`, count: E * expert, active: k * expert },
    { name: 'norms', formula: `(2 × ${fmt(N)} + 1) × ${fmt(d)}`, count: (2 * N + 1) * d, active: (2 * N + 1) * d },
    { name: 'LM head', formula: s.tiedEmbeddings ? 'tied to the embeddings' : `${fmt(V)} × ${fmt(d)}`, count: s.tiedEmbeddings ? 0 : V * d, active: s.tiedEmbeddings ? 0 : V * d },
  ];
  return lines;
}

/** Σ of the account: every parameter, and those one token's forward pass touches. */
export function moeTotals(s: MoeModelShape): { total: number; active: number } {
  return moeAccount(s).reduce((t, l) => ({ total: t.total + l.count, active: t.active + l.active }), { total: 0, active: 0 });
}

/**
 * The notes' own sums, as written: the router counted once (8 × 4096, not per layer), no norms, and the
 * attention line's product, which they print as 1,342,117,280 (32 × 41,943,040 is 1,342,177,280).
 */
export const NOTES_MIXTRAL = {
  embeddings: 131072000,
  attentionPerLayer: 41943040,
  attentionPrinted: 1342117280,
  router: 32768,
  expertAllLayers: 5637144576,
  experts: 45097156608,
  activeExperts: 11274289152,
  head: 131072000,
} as const;

/** The notes' totals with the attention product done right and the router once: what their lines add up to. */
export function notesTotals(): { total: number; active: number } {
  const n = NOTES_MIXTRAL;
  const shared = n.embeddings + 32 * n.attentionPerLayer + n.router + n.head;
  return { total: shared + n.experts, active: shared + n.activeExperts };
}

/** The dense model the experts were copied from (one expert per block, k = 1): Mistral 7B for Mixtral's shape. */
export function denseTwin(s: MoeModelShape): number {
  const lines = moeAccount({ ...s, experts: 1, topK: 1 });
  return lines.filter((l) => l.name !== 'routers').reduce((a, l) => a + l.count, 0);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
