import { ComputeFrame } from '../kit/ComputeFrame';

/** A static figure: a deep (two-layer) RNN and a bidirectional RNN unrolled over four steps. */
export function StackFigure({ id = 'rnn-shapes' }: { id?: string }) {
  const xs = [0, 1, 2, 3];
  const X = (t: number) => 50 + t * 70;
  const box = (x: number, y: number, label: string, fill: string) => (
    <g key={`${x}-${y}-${label}`}>
      <rect x={x - 18} y={y - 12} width={36} height={24} rx={4} fill={fill} stroke="var(--fg)" strokeWidth={0.8} />
      <text x={x} y={y + 4} textAnchor="middle" fontSize={10}>{label}</text>
    </g>
  );
  const arrow = (x1: number, y1: number, x2: number, y2: number, k: string) => <line key={k} x1={x1} y1={y1} x2={x2} y2={y2} stroke="var(--fg)" strokeWidth={0.8} markerEnd="url(#rnn-arrow)" />;
  return (
    <ComputeFrame id={id} title="Deep and bidirectional RNNs, unrolled">
    <figure className="rnn-plot" style={{ maxWidth: '40rem' }}>
      <svg viewBox="0 0 640 200" role="img" aria-label="a two-layer RNN and a bidirectional RNN, unrolled over four time steps">
        <defs><marker id="rnn-arrow" viewBox="0 0 6 6" refX={6} refY={3} markerWidth={5} markerHeight={5} orient="auto"><path d="M0,0L6,3L0,6z" fill="var(--fg)" /></marker></defs>
        <text x={10} y={14} fontSize={11}>deep: layer 2 reads layer 1's states</text>
        {xs.map((t) => [box(X(t), 170, `x${t + 1}`, '#fff'), box(X(t), 120, `h¹${t + 1}`, '#cde6f5'), box(X(t), 60, `h²${t + 1}`, '#a9d3ee'),
          arrow(X(t), 158, X(t), 133, `a${t}`), arrow(X(t), 108, X(t), 73, `b${t}`),
          t < 3 ? arrow(X(t) + 18, 120, X(t + 1) - 19, 120, `c${t}`) : null, t < 3 ? arrow(X(t) + 18, 60, X(t + 1) - 19, 60, `d${t}`) : null])}
        <text x={340} y={14} fontSize={11}>bidirectional: →h and ←h side by side</text>
        {xs.map((t) => [box(X(t) + 300, 170, `x${t + 1}`, '#fff'), box(X(t) + 300, 120, `→h${t + 1}`, '#cde6f5'), box(X(t) + 300, 60, `←h${t + 1}`, '#f7dcc0'),
          arrow(X(t) + 300, 158, X(t) + 300, 133, `e${t}`),
          <path key={`f${t}`} d={`M${X(t) + 312},158 C${X(t) + 330},120 ${X(t) + 330},90 ${X(t) + 312},73`} fill="none" stroke="var(--fg)" strokeWidth={0.8} markerEnd="url(#rnn-arrow)" />,
          t < 3 ? arrow(X(t) + 318, 120, X(t + 1) + 281, 120, `g${t}`) : null, t > 0 ? arrow(X(t) + 282, 60, X(t - 1) + 319, 60, `h${t}`) : null])}
      </svg>
    </figure>
    </ComputeFrame>
  );
}
