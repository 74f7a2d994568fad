/**
 * Beam search over any next-token model, in plain JS so that a widget can draw the tree it explored.
 * The model is a function from a batch of prefixes to log-probabilities of the next token, one row per
 * prefix; the caller owns the start token (prefixes here hold only generated tokens) and tfjs.
 *
 * At each step every live beam is extended by every token, and the `width` best extensions by total
 * log-probability survive. A beam that emits `eos` is finished and stops growing; the search ends when
 * `width` beams are finished or `maxLength` tokens were generated. Width 1 is greedy decoding.
 */
export interface BeamOptions {
  /** Beams kept per step; see clampBeamWidth. */
  width: number;
  /** Tokens generated at most, eos included. */
  maxLength: number;
  /** The end-of-sequence token. */
  eos: number;
  /**
   * α in the usual length normalisation score = log p / length^α used to rank finished beams
   * (0: raw log-probability, which favours short outputs). Default 0.
   */
  lengthPenalty?: number;
}

/** One node of the explored tree: a token appended to its parent's prefix. */
export interface BeamNode {
  id: number;
  /** -1 for the children of the root (the empty prefix). */
  parent: number;
  token: number;
  /** 0-based position of `token` in the output. */
  step: number;
  /** Total log-probability of the prefix ending here. */
  logProb: number;
  /** Kept as one of the `width` best at its step. */
  kept: boolean;
  /** Ends in eos. */
  finished: boolean;
}

export interface Beam {
  tokens: number[];
  logProb: number;
  /** logProb / length^α, the rank among finished beams. */
  score: number;
  finished: boolean;
}

export interface BeamResult {
  /** Best first; finished beams before unfinished ones. */
  beams: Beam[];
  /** Every candidate scored, kept or not: the tree a figure draws. Candidates not among the best 2·width of a step are left out. */
  tree: BeamNode[];
}

export type NextLogProbs = (prefixes: number[][]) => Promise<ArrayLike<number>[]> | ArrayLike<number>[];

/** The widest beam the explorers allow: every step scores width × |V| candidates. */
export const MAX_BEAM_WIDTH = 16;

/** Width rounded and clamped to [1, min(MAX_BEAM_WIDTH, vocab)], with a message when it moved. */
export function clampBeamWidth(width: number, vocabSize: number): { width: number; message?: string } {
  const top = Math.max(1, Math.min(MAX_BEAM_WIDTH, vocabSize));
  if (!Number.isFinite(width)) return { width: 1, message: `the beam width must be a number; using 1` };
  const w = Math.round(width);
  if (w < 1) return { width: 1, message: `a beam width of ${width} keeps nothing; using 1 (greedy)` };
  if (w > top) return { width: top, message: `a beam width of ${width} is more than ${top}; using ${top}` };
  return { width: w };
}

interface Live {
  tokens: number[];
  logProb: number;
  node: number;
}

export async function beamSearch(next: NextLogProbs, options: BeamOptions): Promise<BeamResult> {
  const { maxLength, eos } = options;
  const alpha = options.lengthPenalty ?? 0;
  if (!(options.width >= 1) || !Number.isInteger(options.width)) throw new Error(`beam width ${options.width}: use clampBeamWidth first`);
  if (!(maxLength >= 1)) throw new Error(`maxLength must be at least 1 (got ${maxLength})`);
  const width = options.width;
  const score = (logProb: number, length: number) => (alpha === 0 ? logProb : logProb / Math.pow(length, alpha));

  const tree: BeamNode[] = [];
  const finished: Beam[] = [];
  let live: Live[] = [{ tokens: [], logProb: 0, node: -1 }];

  for (let step = 0; step < maxLength && live.length > 0 && finished.length < width; step++) {
    const rows = await next(live.map((b) => b.tokens));
    if (rows.length !== live.length) throw new Error(`the model returned ${rows.length} rows for ${live.length} prefixes`);
    const candidates: { from: number; token: number; logProb: number }[] = [];
    rows.forEach((row, b) => {
      for (let token = 0; token < row.length; token++) {
        const lp = row[token];
        if (Number.isNaN(lp)) throw new Error(`log-probability of token ${token} is NaN: the model diverged`);
        if (lp === -Infinity) continue;
        candidates.push({ from: b, token, logProb: live[b].logProb + lp });
      }
    });
    // Best first; ties by beam then token, so the search is deterministic.
    candidates.sort((a, b) => b.logProb - a.logProb || a.from - b.from || a.token - b.token);
    const slots = width - finished.length;
    const nextLive: Live[] = [];
    candidates.slice(0, 2 * width).forEach((c, rank) => {
      const kept = rank < slots;
      const isEos = c.token === eos;
      const id = tree.length;
      tree.push({ id, parent: live[c.from].node, token: c.token, step, logProb: c.logProb, kept, finished: kept && isEos });
      if (!kept) return;
      const tokens = [...live[c.from].tokens, c.token];
      if (isEos) finished.push({ tokens, logProb: c.logProb, score: score(c.logProb, tokens.length), finished: true });
      else nextLive.push({ tokens, logProb: c.logProb, node: id });
    });
    live = nextLive;
  }

  const unfinished: Beam[] = live.map((b) => ({ tokens: b.tokens, logProb: b.logProb, score: score(b.logProb, Math.max(1, b.tokens.length)), finished: false }));
  const rank = (a: Beam, b: Beam) => b.score - a.score;
  return { beams: [...finished.sort(rank), ...unfinished.sort(rank)], tree };
}

/** log softmax of one row of logits, stably, for models that hand out logits. */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const log = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - log;
  return out;
}
