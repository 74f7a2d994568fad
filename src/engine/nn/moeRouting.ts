/**
 * The routing decisions of a mixture-of-experts layer, in plain JS (no tfjs): which experts each token
 * goes to, with which gate, and which assignments an expert's capacity turns away. The layer (moe.ts)
 * computes the router's logits on the backend, reads them here, and builds its gathers from the answer.
 */

/** Everything the layer and the figures need to know about one batch's routing. */
export interface Routing {
  tokens: number;
  experts: number;
  k: number;
  /** The most tokens an expert takes in this batch (Infinity: no limit). */
  capacity: number;
  /** choice[n·k + s]: the expert in token n's slot s (slot 0 the likeliest). */
  choice: Int32Array;
  /** gate[n·k + s]: softmax over the token's top-k logits at its slot s (they sum to 1); for k = 1 the full softmax's probability. */
  gate: Float32Array;
  /** kept[n·k + s]: 1 when the expert had room for the assignment, 0 when it overflowed. */
  kept: Uint8Array;
  /** Assignments each expert was sent (before capacity): f_i = demand_i / (N k). */
  demand: number[];
  /** Assignments each expert processed (after capacity). */
  load: number[];
  /** Tokens with no assignment kept: they pass through the residual unchanged. */
  dropped: number;
}

/** Expert capacity C = ⌈factor · N k / E⌉ (GShard, Switch); Infinity when the factor is Infinity (no limit). */
export function expertCapacity(factor: number, tokens: number, k: number, experts: number): number {
  if (factor === Infinity) return Infinity;
  if (!(factor > 0)) throw new Error(`the capacity factor must be positive (got ${factor}); a factor of 0 would leave every expert without a slot`);
  return Math.max(1, Math.ceil((factor * tokens * k) / experts));
}

/**
 * Top-k routing with capacity. Each token's k largest logits pick its experts; for k ≥ 2 its gates are the
 * softmax over those k logits (Shazeer et al. 2017, GShard, Mixtral), for k = 1 the expert's probability
 * under the full softmax (Switch). Experts fill their C slots in priority order:
 * every token's first choice, in token order, then every second choice (GShard's order), so that
 * a token loses its second expert before another token loses its first.
 */
export function route(logits: ArrayLike<number>, tokens: number, experts: number, k: number, capacity = Infinity): Routing {
  if (!(experts >= 1)) throw new Error(`a mixture needs at least one expert (got ${experts})`);
  if (!(k >= 1 && k <= experts)) throw new Error(`top-k needs 1 ≤ k ≤ ${experts} experts (got k = ${k})`);
  const choice = new Int32Array(tokens * k);
  const gate = new Float32Array(tokens * k);
  const kept = new Uint8Array(tokens * k);
  const demand = Array.from({ length: experts }, () => 0);
  const load = Array.from({ length: experts }, () => 0);
  const order = new Int32Array(experts);
  for (let n = 0; n < tokens; n++) {
    const row = n * experts;
    for (let e = 0; e < experts; e++) order[e] = e;
    // A partial selection sort: k is at most E (8 here), so this beats sorting.
    for (let s = 0; s < k; s++) {
      let best = s;
      for (let j = s + 1; j < experts; j++) if (logits[row + order[j]] > logits[row + order[best]]) best = j;
      const t = order[s];
      order[s] = order[best];
      order[best] = t;
    }
    const top = logits[row + order[0]];
    let z = 0;
    // k = 1 gates with the full softmax (Switch): softmax over a single logit is always 1, and the router would learn nothing from the task.
    const over = k === 1 ? experts : k;
    for (let s = 0; s < over; s++) z += Math.exp(logits[row + order[s]] - top);
    for (let s = 0; s < k; s++) {
      choice[n * k + s] = order[s];
      gate[n * k + s] = Math.exp(logits[row + order[s]] - top) / z;
      demand[order[s]] += 1;
    }
  }
  for (let s = 0; s < k; s++)
    for (let n = 0; n < tokens; n++) {
      const e = choice[n * k + s];
      if (load[e] < capacity) {
        load[e] += 1;
        kept[n * k + s] = 1;
      }
    }
  let dropped = 0;
  for (let n = 0; n < tokens; n++) {
    let any = 0;
    for (let s = 0; s < k; s++) any |= kept[n * k + s];
    if (!any) dropped += 1;
  }
  return { tokens, experts, k, capacity, choice, gate, kept, demand, load, dropped };
}

/** Row-wise softmax of logits [N, E] in plain JS (the router's probabilities p_i(x)). */
export function softmaxRows(logits: ArrayLike<number>, tokens: number, experts: number): Float32Array {
  const out = new Float32Array(tokens * experts);
  for (let n = 0; n < tokens; n++) {
    let m = -Infinity;
    for (let e = 0; e < experts; e++) m = Math.max(m, logits[n * experts + e]);
    let z = 0;
    for (let e = 0; e < experts; e++) z += (out[n * experts + e] = Math.exp(logits[n * experts + e] - m));
    for (let e = 0; e < experts; e++) out[n * experts + e] /= z;
  }
  return out;
}

/**
 * The load-balancing loss of Switch / GShard, E · Σ_i f_i P_i, with f_i the share of assignments sent
 * to expert i and P_i the router's mean probability for it. It is 1 when both are uniform, and E/k·(…)
 * grows towards E as the router piles everything onto one expert.
 */
export function balanceLoss(probs: ArrayLike<number>, routing: Routing): number {
  const { tokens, experts, k, demand } = routing;
  let sum = 0;
  for (let e = 0; e < experts; e++) {
    let p = 0;
    for (let n = 0; n < tokens; n++) p += probs[n * experts + e];
    sum += (demand[e] / (tokens * k)) * (p / tokens);
  }
  return experts * sum;
}

/** Mean entropy of the router's distributions, −(1/N) Σ_n Σ_i p_i ln p_i (nats; ln E at most). */
export function routerEntropy(probs: ArrayLike<number>, tokens: number, experts: number): number {
  let h = 0;
  for (let i = 0; i < tokens * experts; i++) if (probs[i] > 0) h -= probs[i] * Math.log(probs[i]);
  return tokens > 0 ? h / tokens : 0;
}

/** Entropy of the load itself, −Σ_i q_i ln q_i with q_i = load_i / Σ load (ln E when balanced, 0 when collapsed). */
export function loadEntropy(load: number[]): number {
  const total = load.reduce((a, b) => a + b, 0);
  if (!total) return 0;
  return -load.reduce((h, c) => (c > 0 ? h + (c / total) * Math.log(c / total) : h), 0);
}
