/**
 * Toy sequence-to-sequence tasks generated in the page: reverse, sort, and add two numbers. Each is a rule
 * from a source string to a target string, so a model's answer to any source can be checked. Seeded; the
 * held-out set is drawn first and training never samples one of its sources.
 *
 * Token ids, shared by source and target: 0 padding, 1 start of the target (BOS), 2 end (EOS), then the
 * task's symbols. Reverse and sort use `symbols` characters of 0-9a-z; add uses the ten digits and '+'.
 */
import { ConfigError } from '../model';
import { createRng, type Rng } from '../rng';

export type ToyTaskName = 'reverse' | 'sort' | 'add';
export const TOY_TASKS: readonly ToyTaskName[] = ['reverse', 'sort', 'add'];

export const PAD = 0;
export const BOS = 1;
export const EOS = 2;
const SPECIALS = ['·', '^', '$'];
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export interface ToyTaskConfig {
  task: ToyTaskName;
  /** Reverse and sort: symbols per sequence. Add: digits per number. */
  length: number;
  /** Reverse and sort: how many distinct symbols (2-36). Ignored by add (base 10). */
  symbols: number;
}

export const TOY_LIMITS = { length: [2, 16], digits: [1, 6], symbols: [2, 36] } as const;

export interface ToyTask {
  config: ToyTaskConfig;
  /** tokens[id] is the text of token id (specials first). */
  tokens: string[];
  /** Source tokens per example (fixed for every task). */
  sourceLength: number;
  /** Target tokens per example, EOS included. */
  targetLength: number;
  /** The task's rule on a source string. */
  solve(source: string): string;
  /** A random source string (not checked against the held-out set). */
  randomSource(rng: Rng): string;
  /** A reader's source checked: null when fine, else what is wrong with it. */
  check(source: string): string | null;
  /** Source string → ids (no specials). */
  encode(text: string): number[];
  decode(ids: ArrayLike<number>): string;
  /** How many distinct sources exist (may be Infinity-like large). */
  spaceSize: number;
}

function validate(c: ToyTaskConfig): void {
  if (!TOY_TASKS.includes(c.task)) throw new ConfigError(`unknown toy task "${c.task}" (try ${TOY_TASKS.join(', ')})`);
  const [lo, hi] = c.task === 'add' ? TOY_LIMITS.digits : TOY_LIMITS.length;
  if (!Number.isInteger(c.length) || c.length < lo || c.length > hi)
    throw new ConfigError(c.task === 'add' ? `each number has ${lo} to ${hi} digits (got ${c.length})` : `a sequence holds ${lo} to ${hi} symbols (got ${c.length})`);
  if (c.task !== 'add' && (!Number.isInteger(c.symbols) || c.symbols < TOY_LIMITS.symbols[0] || c.symbols > TOY_LIMITS.symbols[1]))
    throw new ConfigError(`the alphabet holds ${TOY_LIMITS.symbols[0]} to ${TOY_LIMITS.symbols[1]} symbols (got ${c.symbols})`);
}

export function makeToyTask(config: ToyTaskConfig): ToyTask {
  validate(config);
  const { task, length } = config;
  const alphabet = task === 'add' ? '0123456789+' : ALPHABET.slice(0, config.symbols);
  const tokens = [...SPECIALS, ...alphabet];
  const index = new Map([...alphabet].map((ch, i) => [ch, i + SPECIALS.length]));
  const base = task === 'add' ? 10 : config.symbols;
  const sourceLength = task === 'add' ? 2 * length + 1 : length;
  const targetLength = (task === 'add' ? length + 1 : length) + 1;
  const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => alphabet[rng.int(base)]).join('');
  const solve = (s: string): string => {
    if (task === 'reverse') return [...s].reverse().join('');
    if (task === 'sort') return [...s].sort((a, b) => index.get(a)! - index.get(b)!).join('');
    const [a, b] = s.split('+');
    // Fixed width: length + 1 digits with leading zeros, so every answer has the same number of tokens.
    return String(Number(a) + Number(b)).padStart(length + 1, '0');
  };
  const check = (s: string): string | null => {
    if (s.length === 0) return 'type a source sequence first';
    const bad = [...new Set([...s].filter((ch) => !index.has(ch)))];
    if (bad.length) return `${bad.map((c) => `“${c}”`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not in this task's alphabet (${task === 'add' ? 'digits and +' : alphabet.split('').join(' ')})`;
    if (task === 'add') {
      const m = /^(\d+)\+(\d+)$/.exec(s);
      if (!m) return `type two numbers joined by +, e.g. ${'3'.repeat(length)}+${'4'.repeat(length)}`;
      if (m[1].length !== length || m[2].length !== length) return `each number needs exactly ${length} digits here (pad with zeros: ${m[1].padStart(length, '0').slice(-length)}+${m[2].padStart(length, '0').slice(-length)})`;
      return null;
    }
    if (s.length > length) return `${s.length} symbols is longer than the model's context of ${length}: the model was built for sequences of ${length}`;
    if (s.length < length) return `the model reads exactly ${length} symbols (got ${s.length})`;
    return null;
  };
  return {
    config,
    tokens,
    sourceLength,
    targetLength,
    solve,
    check,
    randomSource: (rng) => (task === 'add' ? `${digits(rng, length)}+${digits(rng, length)}` : digits(rng, length)),
    encode: (text) => [...text].map((ch) => {
      const id = index.get(ch);
      if (id === undefined) throw new ConfigError(`“${ch}” is not in this task's alphabet`);
      return id;
    }),
    decode: (ids) => Array.from(ids, (id) => (id >= SPECIALS.length ? tokens[id] : '')).join(''),
    spaceSize: Math.pow(base, task === 'add' ? 2 * length : length),
  };
}

/** Arrays of ids for a batch: source [B, Ts], decoder input [B, Tt] (BOS + target), decoder targets [B, Tt] (target + EOS). */
export interface ToyBatch {
  size: number;
  sources: string[];
  source: Int32Array;
  decoderInput: Int32Array;
  target: Int32Array;
}

export function encodeBatch(task: ToyTask, sources: string[]): ToyBatch {
  const { sourceLength: ts, targetLength: tt } = task;
  const n = sources.length;
  const source = new Int32Array(n * ts);
  const decoderInput = new Int32Array(n * tt);
  const target = new Int32Array(n * tt);
  sources.forEach((s, b) => {
    source.set(task.encode(s), b * ts);
    const y = task.encode(task.solve(s));
    decoderInput[b * tt] = BOS;
    decoderInput.set(y, b * tt + 1);
    target.set(y, b * tt);
    target[b * tt + tt - 1] = EOS;
  });
  return { size: n, sources, source, decoderInput, target };
}

/** The fixed held-out set, and a training sampler that never returns one of its sources. */
export interface ToyData {
  task: ToyTask;
  heldOut: ToyBatch;
  heldOutSet: Set<string>;
  trainBatch(size: number): ToyBatch;
}

/** Held-out examples: 512, or a fifth of all sources when there are fewer than 2,560. */
export const HELD_OUT = 512;

export function makeToyData(config: ToyTaskConfig, seed: number, heldOutSize = HELD_OUT): ToyData {
  const task = makeToyTask(config);
  const want = Math.max(1, Math.min(heldOutSize, Math.floor(task.spaceSize / 5)));
  const heldRng = createRng(seed * 2654435761 + 11);
  const heldOutSet = new Set<string>();
  for (let tries = 0; heldOutSet.size < want && tries < want * 50; tries++) heldOutSet.add(task.randomSource(heldRng));
  const heldOut = encodeBatch(task, [...heldOutSet]);
  const rng = createRng(seed * 40503 + 7);
  return {
    task,
    heldOut,
    heldOutSet,
    trainBatch(size) {
      const sources: string[] = [];
      while (sources.length < size) {
        const s = task.randomSource(rng);
        if (!heldOutSet.has(s)) sources.push(s);
      }
      return encodeBatch(task, sources);
    },
  };
}
