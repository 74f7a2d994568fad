import { useMemo, useRef } from 'react';
import { mat } from '../../engine/math/selfAttention';
import { ComputeFrame } from '../kit/ComputeFrame';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import { parseTokens, projections, tokenMatrix } from './calcInputs';
import { HeatCanvas } from './HeatCanvas';
import { MatrixGrid } from './MatrixGrid';
import { equivariance, permutation, positionTable, similarity } from './positionMath';
import './attention.css';

/** The equivariance demo's token width: narrow, so that its matrices fit beside each other. */
export const DEMO_DIM = 6;

const PARAMS = {
  table: { kind: 'choice', label: 'Encoding', default: 'sinusoidal', options: ['sinusoidal', 'learned'], optionLabels: { sinusoidal: 'sinusoidal (Vaswani et al.)', learned: 'learned table, as initialised (untrained)' } },
  length: { kind: 'number', label: 'Positions T', default: 32, min: 2, max: 128, integer: true },
  dim: { kind: 'number', label: 'Encoding width d', default: 16, min: 2, max: 128, integer: true },
  tokens: { kind: 'text', label: 'Tokens for the shuffle test', default: 'the dog bit the man', maxLength: 200 },
  positions: { kind: 'boolean', label: 'Add sinusoidal positions before attention', default: false },
  shuffle: { kind: 'number', label: 'Shuffle (0 = none)', default: 1, min: 0, max: 9999, integer: true },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number | boolean>>;

/**
 * Position encodings and why attention needs them: the table P (positions down, features across), the dot products
 * P Pᵀ of every pair of positions, and the shuffle test: attention without positions gives the same rows, shuffled.
 */
export function PositionalExplorer({ id = 'positions', title = 'Positions: encodings, their similarity, and the shuffle test', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const table = useMemo(() => positionTable(v.table, v.length, v.dim, v.seed), [v.table, v.length, v.dim, v.seed]);
  const sim = useMemo(() => similarity(table), [table]);
  // The dot products are mostly positive (the slow columns add about 1 each): drawn from their smallest to their largest, darker = larger.
  const simShown = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of sim.data) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return { data: Float64Array.from(sim.data, (x) => (x - lo) / (hi - lo || 1)), lo, hi };
  }, [sim]);
  const parsed = parseTokens(v.tokens);
  const last = useRef<{ tokens: string[] } | null>(null);
  if (parsed.ok) last.current = { tokens: parsed.value };
  const tokens = parsed.ok ? parsed.value : last.current?.tokens ?? ['the', 'dog', 'bit', 'the', 'man'];
  const demo = useMemo(() => {
    const x = tokenMatrix(tokens, DEMO_DIM, v.seed);
    const order = permutation(tokens.length, v.shuffle);
    const pe = positionTable('sinusoidal', tokens.length, DEMO_DIM, 0);
    const r = equivariance(x, projections(DEMO_DIM, v.seed), order, v.positions ? pe : undefined);
    return { order, ...r };
  }, [tokens.join(' '), v.seed, v.shuffle, v.positions]);
  const errors = [...params.errors, ...(parsed.ok ? [] : [`${parsed.message} Showing the last good tokens.`])];
  const labels = tokens.map((t, i) => `${i + 1} ${t}`);
  const shuffledLabels = demo.order.map((o, i) => `${i + 1} ${tokens[o]}`);
  const equal = demo.gap < 1e-9;
  const expected = useMemo(() => mat(demo.y.rows, demo.y.cols, (i, j) => demo.y.data[demo.order[i] * demo.y.cols + j]), [demo]);
  const pos = (i: number) => String(i);
  return (
    <ComputeFrame id={id} title={title} errors={errors} className="widget-wide"
      summary={`${v.table} encoding, ${v.length} positions × ${v.dim} features. Shuffle test ${v.positions ? 'with' : 'without'} positions: largest difference ${demo.gap.toExponential(2)}.`}>
      <ParamControls params={params} keys={['table', 'length', 'dim']} />
      <div className="heat-pair">
        <HeatCanvas data={table.data} rows={v.length} cols={v.dim} size={240} mode="diverging" valueName="value" rowKind="position" colKind="feature"
          label={`the encoding table P: ${v.length} positions down, ${v.dim} features across`} rowName={pos} colName={pos} />
        <HeatCanvas data={simShown.data} rows={v.length} cols={v.length} size={240} valueName="dot product" rowKind="position" colKind="position" range={1}
          label={`similarity P Pᵀ of every pair of positions (${v.length} × ${v.length}), darker = larger, from ${simShown.lo.toFixed(3)} to ${simShown.hi.toFixed(3)}`} rowName={pos} colName={pos}
          readValue={(i, j) => sim.data[i * v.length + j]} />
      </div>
      <h4 className="calc-section">The shuffle test: one attention head on your tokens (d = {DEMO_DIM}), then on the same tokens shuffled</h4>
      <div className="attention-controls"><ParamControls params={params} keys={['tokens', 'positions', 'shuffle']} /></div>
      <div className="matrix-row">
        <MatrixGrid m={demo.y} name="y" caption="output Y for the tokens in order" rowLabels={labels} />
        <MatrixGrid m={demo.yShuffled} name="y-shuffled" caption="output Y′ for the shuffled tokens" rowLabels={shuffledLabels} />
        <MatrixGrid m={expected} name="y-expected" caption="Y's rows in the shuffled order" rowLabels={shuffledLabels} />
      </div>
      <p className="calc-note" data-equivariant={equal} data-gap={demo.gap}>
        Largest difference between Y′ and Y's rows in the shuffled order: <b>{demo.gap.toExponential(2)}</b>.{' '}
        {equal ? (v.shuffle === 0 ? 'No shuffle: the two runs are the same run.' : 'The same rows, only moved: without positions, attention cannot tell the order of its inputs.') : 'The rows differ: with positions added, a token\'s output depends on where it stands.'}
      </p>
    </ComputeFrame>
  );
}
