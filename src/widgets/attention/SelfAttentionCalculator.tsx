import { useMemo, useRef } from 'react';
import { attentionMask, selfAttentionSteps, type AttentionSteps } from '../../engine/math/selfAttention';
import { ComputeFrame } from '../kit/ComputeFrame';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import { MAX_TOKENS, PAD_TOKEN, parseTokens, projections, tokenMatrix } from './calcInputs';
import { MatrixGrid } from './MatrixGrid';
import { ScalingPanel } from './ScalingPanel';
import './attention.css';

const PARAMS = {
  tokens: { kind: 'text', label: 'Tokens (separated by spaces)', default: 'the cat sat on the mat', maxLength: 400, help: `At most ${MAX_TOKENS} tokens; equal tokens get equal vectors.` },
  dModel: { kind: 'number', label: 'd_model', default: 8, min: 2, max: 16, integer: true, help: 'Width of each token vector and of Q, K, V.' },
  heads: { kind: 'number', label: 'Heads h', default: 2, min: 1, max: 8, integer: true, help: 'Must divide d_model: each head gets d_k = d_model / h columns.' },
  head: { kind: 'number', label: 'Head shown', default: 1, min: 1, max: 8, integer: true },
  pad: { kind: 'number', label: 'Padding positions added', default: 0, min: 0, max: 4, integer: true },
  padMask: { kind: 'boolean', label: 'Padding mask', default: true, help: 'Padding keys get −∞ before the softmax.' },
  causal: { kind: 'boolean', label: 'Causal mask', default: false, help: 'Query i sees keys 1 … i only: the future gets −∞.' },
  scale: { kind: 'boolean', label: 'Divide by √d_k', default: true },
  dk: { kind: 'number', label: 'd_k for the scaling experiment', default: 64, min: 1, max: 1024, integer: true },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number | boolean>>;

interface Good {
  labels: string[];
  steps: AttentionSteps;
  heads: number;
}

function compute(v: { tokens: string; dModel: number; heads: number; pad: number; padMask: boolean; causal: boolean; scale: boolean; seed: number }): { ok: true; value: Good } | { ok: false; message: string } {
  const parsed = parseTokens(v.tokens);
  if (!parsed.ok) return parsed;
  if (v.dModel % v.heads !== 0) {
    const fits = Array.from({ length: v.dModel }, (_, i) => i + 1).filter((h) => v.dModel % h === 0 && h <= 8);
    return { ok: false, message: `${v.heads} heads do not divide d_model = ${v.dModel}: each head needs d_model / h whole columns (try h = ${fits.join(', ')}).` };
  }
  const tokens = [...parsed.value, ...Array<string>(v.pad).fill(PAD_TOKEN)];
  const valid = tokens.map((t) => t !== PAD_TOKEN);
  const x = tokenMatrix(tokens, v.dModel, v.seed);
  const mask = v.causal || (v.padMask && v.pad > 0) ? attentionMask(tokens.length, { causal: v.causal, valid: v.padMask ? valid : undefined }) : undefined;
  const steps = selfAttentionSteps(x, projections(v.dModel, v.seed), { heads: v.heads, mask, scale: v.scale });
  return { ok: true, value: { labels: tokens.map((t, i) => `${i + 1} ${t}`), steps, heads: v.heads } };
}

function std(xs: ArrayLike<number>): number {
  const m = Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(Array.from(xs).reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

/**
 * Self-attention step by step on tokens the reader types: X, then for one head Q, K, V, the scores, the scaling by
 * √d_k, the mask, the softmax and the output, then the heads side by side and W_o; below, the score-scaling
 * experiment at a d_k of the reader's choice. Plain numbers on the main thread (src/engine/math/selfAttention.ts).
 */
export function SelfAttentionCalculator({ id = 'calc', title = 'Self-attention, step by step', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const result = useMemo(() => compute(v), [v.tokens, v.dModel, v.heads, v.pad, v.padMask, v.causal, v.scale, v.seed]);
  const last = useRef<Good | null>(null);
  if (result.ok) last.current = result.value;
  const good = result.ok ? result.value : last.current;
  const errors = [...params.errors, ...(result.ok ? [] : [`${result.message} Showing the last good settings.`])];
  const headIndex = good ? Math.min(v.head, good.heads) - 1 : 0;
  const hd = good?.steps.heads[headIndex];
  const dk = good?.steps.dk ?? 1;
  const kCols = Array.from({ length: dk }, (_, j) => String(headIndex * dk + j + 1));
  const redraw = () => params.set('seed', (v.seed % 2147483646) + 1);
  return (
    <ComputeFrame id={id} title={title} errors={errors} className="widget-wide"
      summary={good && hd ? `${good.labels.length} tokens, d_model = ${good.steps.q.cols}, ${good.heads} head${good.heads > 1 ? 's' : ''} of d_k = ${dk}; head ${headIndex + 1}'s scores have standard deviation ${std(hd.scores.data).toFixed(2)}, ${v.scale ? `${std(hd.scaled.data).toFixed(2)} after dividing by √d_k` : 'not scaled'}.` : undefined}>
      <div className="attention-controls"><ParamControls params={params} keys={['tokens', 'dModel', 'heads', 'head', 'pad', 'padMask', 'causal', 'scale']} /></div>
      <p className="calc-note">
        <button data-action="redraw" onClick={redraw}>Re-draw the token vectors and W (seed {v.seed})</button>{' '}
        Token vectors and projections are random (seeded), not trained: the arithmetic is what this figure shows. Point at a cell for its row, column and value.
      </p>
      {good && hd && (
        <>
          <h4 className="calc-section">Inputs and projections (all heads): Q = X W<sub>q</sub>, K = X W<sub>k</sub>, V = X W<sub>v</sub></h4>
          <div className="matrix-row">
            <MatrixGrid m={good.steps.x} name="x" caption="X (token vectors)" rowLabels={good.labels} />
            <MatrixGrid m={good.steps.q} name="q" caption="Q" rowLabels={good.labels} />
            <MatrixGrid m={good.steps.k} name="k" caption="K" rowLabels={good.labels} />
            <MatrixGrid m={good.steps.v} name="v" caption="V" rowLabels={good.labels} />
          </div>
          <h4 className="calc-section">Head {headIndex + 1} of {good.heads}: its d_k = {dk} columns of Q, K and V</h4>
          <div className="matrix-row">
            <MatrixGrid m={hd.q} name="head-q" caption={`Q${sub(headIndex + 1)}`} rowLabels={good.labels} colLabels={kCols} />
            <MatrixGrid m={hd.k} name="head-k" caption={`K${sub(headIndex + 1)}`} rowLabels={good.labels} colLabels={kCols} />
            <MatrixGrid m={hd.v} name="head-v" caption={`V${sub(headIndex + 1)}`} rowLabels={good.labels} colLabels={kCols} />
          </div>
          <div className="matrix-row">
            <MatrixGrid m={hd.scores} name="scores" caption="scores Q Kᵀ" rowLabels={good.labels} colLabels={good.labels.map((_, j) => String(j + 1))} />
            <span className="op" aria-hidden>→</span>
            <MatrixGrid m={hd.scaled} name="scaled" caption={v.scale ? `÷ √${dk} = ${Math.sqrt(dk).toFixed(2)}` : 'not scaled'} rowLabels={good.labels} colLabels={good.labels.map((_, j) => String(j + 1))} />
            <span className="op" aria-hidden>→</span>
            <MatrixGrid m={hd.masked} name="masked" caption="+ mask (−∞ blocks)" rowLabels={good.labels} colLabels={good.labels.map((_, j) => String(j + 1))} />
            <span className="op" aria-hidden>→</span>
            <MatrixGrid m={hd.weights} name="weights" caption="softmax over each row" rowLabels={good.labels} colLabels={good.labels.map((_, j) => String(j + 1))} mode="weights" />
            <span className="op" aria-hidden>→</span>
            <MatrixGrid m={hd.output} name="head-out" caption={`weights × V${sub(headIndex + 1)}`} rowLabels={good.labels} colLabels={kCols} />
          </div>
          <h4 className="calc-section">The {good.heads} heads' outputs side by side, then W<sub>o</sub></h4>
          <div className="matrix-row">
            <MatrixGrid m={good.steps.concat} name="concat" caption="concat(head outputs)" rowLabels={good.labels} />
            <span className="op" aria-hidden>→</span>
            <MatrixGrid m={good.steps.output} name="output" caption="× W_o = output" rowLabels={good.labels} />
          </div>
        </>
      )}
      <ScalingPanel dk={v.dk} seed={v.seed}>
        <ParamControls params={params} keys={['dk']} />
      </ScalingPanel>
    </ComputeFrame>
  );
}

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).split('').map((c) => SUBS[Number(c)]).join('');
