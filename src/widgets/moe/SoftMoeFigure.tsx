import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';

const TOKENS = 6;
const EXPERTS = 3;
/** A fixed example of hard top-1 choices, for the drawing only. */
const HARD = [0, 2, 0, 1, 2, 0];

/**
 * Sparse against soft routing, drawn (no model): on the left each token goes to one expert, so experts get
 * unequal loads and a full one would drop a token; on the right each expert's slot is a weighted average of
 * all tokens (Soft MoE), so every expert gets exactly one input and nothing is dropped.
 */
export function SoftMoeFigure({ id = 'soft-moe' }: { id?: string }) {
  const W = 560;
  const H = 210;
  const ty = (i: number) => 30 + i * 28;
  const ey = (e: number) => 55 + e * 55;
  const token = (x: number, i: number) => <rect key={`t${x}${i}`} x={x} y={ty(i) - 9} width={34} height={18} rx={3} fill="#eee" stroke="#555" />;
  const expert = (x: number, e: number) => (
    <g key={`e${x}${e}`}>
      <rect x={x} y={ey(e) - 16} width={70} height={32} rx={4} fill={seriesColor(e)} opacity={0.8} />
      <text x={x + 35} y={ey(e) + 4} textAnchor="middle" fill="#fff" fontSize={11}>expert {e + 1}</text>
    </g>
  );
  return (
    <ComputeFrame id={id} title="Sparse and soft routing">
    <svg viewBox={`0 0 ${W} ${H}`} role="img" style={{ width: '100%', maxWidth: W, height: 'auto' }}
      aria-label="Left: sparse top-1 routing, each of six tokens sends itself to one of three experts, which then hold 3, 1 and 2 tokens. Right: soft MoE, each expert's input slot is a weighted average of all six tokens, so each expert gets one slot.">
      <text x={10} y={14} fontSize={12} fill="currentColor">Sparse (top-1): each token picks an expert</text>
      {Array.from({ length: TOKENS }, (_, i) => token(20, i))}
      {HARD.map((e, i) => <line key={`h${i}`} x1={54} y1={ty(i)} x2={160} y2={ey(e)} stroke={seriesColor(e)} strokeWidth={2} />)}
      {Array.from({ length: EXPERTS }, (_, e) => expert(160, e))}
      {Array.from({ length: EXPERTS }, (_, e) => <text key={`n${e}`} x={236} y={ey(e) + 4} fontSize={10} fill="currentColor">{HARD.filter((c) => c === e).length === 1 ? "1 token" : `${HARD.filter((c) => c === e).length} tokens`}</text>)}
      <text x={300} y={14} fontSize={12} fill="currentColor">Soft MoE: each slot mixes all tokens</text>
      {Array.from({ length: TOKENS }, (_, i) => token(300, i))}
      {Array.from({ length: TOKENS }, (_, i) => Array.from({ length: EXPERTS }, (_, e) => (
        <line key={`s${i}${e}`} x1={334} y1={ty(i)} x2={450} y2={ey(e)} stroke={seriesColor(e)} strokeWidth={0.5 + 2.5 * (((i + 2 * e) % 3) / 2)} opacity={0.7} />
      )))}
      {Array.from({ length: EXPERTS }, (_, e) => expert(450, e))}
      <text x={300} y={H - 6} fontSize={10} fill="currentColor">line width: weight of the token in the slot</text>
    </svg>
    </ComputeFrame>
  );
}
