import { useEffect, useMemo, useState } from 'react';
import { backward, forward, layout, neuronGraph, schedule, tinyNetGraph, type Graph } from '../../engine/math/backpropGraph';
import { createRng } from '../../engine/rng';
import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import './mlp.css';

const PARAMS = {
  graph: { kind: 'choice', label: 'Graph', default: 'neuron', options: ['neuron', 'net'], optionLabels: { neuron: 'one sigmoid neuron', net: '2-2-1 network' } },
  x1: { kind: 'number', label: 'Input x₁', default: 1, min: -3, max: 3, step: 0.1 },
  x2: { kind: 'number', label: 'Input x₂', default: -2, min: -3, max: 3, step: 0.1 },
  y: { kind: 'number', label: 'Target y', default: 1, min: -2, max: 2, step: 0.1 },
  eta: { kind: 'number', label: 'Step size η', default: 1, min: 0.01, max: 10, log: true, help: 'For the gradient-step button.' },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const FWD = seriesColor(0);
const BWD = seriesColor(5);

/** Starting parameter values: fixed for the neuron (w₁ = 0.5, w₂ = −0.3, b = 0.1), from the seed for the network. */
function initialParams(g: Graph, graph: string, seed: number): Record<string, number> {
  if (graph === 'neuron') return { w1: 0.5, w2: -0.3, b: 0.1 };
  const rng = createRng(seed);
  return Object.fromEntries(g.params.map((p) => [p, Math.round(10 * (rng.next() * 2 - 1)) / 10]));
}

/** Computes: the forward value and the backward gradient on every edge of a small graph, revealed node by node. */
export function BackpropGraph({ id = 'bp', title, ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const g = useMemo(() => (v.graph === 'net' ? tinyNetGraph() : neuronGraph()), [v.graph]);
  const [weights, setWeights] = useState(() => initialParams(g, v.graph, v.seed));
  const [k, setK] = useState(0);
  useEffect(() => {
    setWeights(initialParams(g, v.graph, v.seed));
    setK(0);
  }, [g, v.graph, v.seed]);
  const leaves = { ...weights, x1: v.x1, x2: v.x2, y: v.y };
  const values = forward(g, leaves);
  const { grads, edges } = backward(g, values);
  const order = schedule(g);
  const pos = layout(g);
  const shown = new Set(order.slice(0, k).map((e) => `${e.phase}:${e.node}`));
  const current = order[k - 1];
  const cols = Math.max(...Object.values(pos).map((p) => p.col)) + 1;
  const perCol: Record<number, number> = {};
  Object.values(pos).forEach((p) => (perCol[p.col] = Math.max(perCol[p.col] ?? 0, p.row + 1)));
  const maxRows = Math.max(...Object.values(perCol));
  const CW = 118;
  const RH = v.graph === 'net' ? 76 : 66;
  const W = cols * CW;
  const H = maxRows * RH + 20;
  const xy = (id: string) => ({ x: CW / 2 + pos[id].col * CW, y: H / 2 + (pos[id].row - (perCol[pos[id].col] - 1) / 2) * RH });
  const loss = values[g.nodes[g.nodes.length - 1].id];
  const step = () => {
    setWeights((w) => Object.fromEntries(Object.entries(w).map(([p, val]) => [p, val - v.eta * grads[p]])));
    setK(0);
  };
  const status = k === 0 ? 'Press Next to compute the first node.' : `${current.phase === 'forward' ? 'Forward' : 'Backward'}: node ${current.node}${current.phase === 'forward' ? ` = ${formatNumber(values[current.node], 4)}` : `, ∂L/∂${current.node} = ${formatNumber(grads[current.node], 4)}`}.`;
  return (
    <ComputeFrame className="widget-wide" id={id} title={title ?? (v.graph === 'net' ? 'Backpropagation through a 2-2-1 network, one node at a time' : 'Backpropagation through one neuron, one node at a time')} summary={`Loss L = ${formatNumber(loss, 4)}. ${status}`}>
      <div className="bp-toolbar" role="toolbar" aria-label="step through backpropagation">
        <button data-action="bp-restart" onClick={() => setK(0)} disabled={k === 0}>Start</button>
        <button data-action="bp-prev" onClick={() => setK((i) => Math.max(0, i - 1))} disabled={k === 0}>◀ Back</button>
        <button data-action="bp-next" onClick={() => setK((i) => Math.min(order.length, i + 1))} disabled={k >= order.length}>Next ▶</button>
        <button data-action="bp-forward" onClick={() => setK(g.nodes.length)}>Whole forward pass</button>
        <button data-action="bp-all" onClick={() => setK(order.length)}>Whole backward pass</button>
        <button data-action="bp-gradient-step" onClick={step} disabled={k < order.length} title="θ ← θ − η ∂L/∂θ for every parameter">Take a gradient step</button>
        <span className="readout" data-readout="bp-status">{status}</span>
      </div>
      <div className="bp-scroll">
        <svg viewBox={`0 0 ${W} ${H}`} style={{ minWidth: Math.min(W, 640) }} role="img" aria-label={`computational graph of ${v.graph === 'net' ? 'a 2-2-1 network' : 'one neuron'} with its loss; ${status}`}>
          {edges.map((e) => {
            const a = xy(e.from);
            const b = xy(e.to);
            // Labels sit where this edge is apart from its neighbours: near the producer when edges
            // converge on the consumer, near the consumer when the producer fans out to several nodes.
            const t = edges.filter((o) => o.from === e.from).length > 1 ? 0.62 : 0.36;
            const mx = a.x + t * (b.x - a.x);
            const my = a.y + t * (b.y - a.y);
            const fwd = shown.has(`forward:${e.from}`);
            const bwd = shown.has(`backward:${e.to}`);
            return (
              <g key={`${e.from}-${e.to}`}>
                <line x1={a.x + 17} y1={a.y} x2={b.x - 17} y2={b.y} stroke={bwd ? BWD : fwd ? FWD : 'var(--line)'} strokeWidth={bwd || fwd ? 1.6 : 1} />
                {fwd && <text x={mx} y={my - 4} className="bp-fwd" textAnchor="middle">{formatNumber(e.value, 3)}</text>}
                {bwd && <text x={mx} y={my + 11} className="bp-bwd" textAnchor="middle">{formatNumber(e.gradient, 3)}</text>}
              </g>
            );
          })}
          {g.nodes.map((n) => {
            const { x, y } = xy(n.id);
            const isCur = current?.node === n.id;
            const isParam = g.params.includes(n.id);
            return (
              <g key={n.id} data-node={n.id}>
                <circle cx={x} cy={y} r={17} fill={isParam ? 'var(--bg)' : 'var(--panel, var(--bg))'} stroke={isCur ? BWD : isParam ? FWD : 'var(--muted)'} strokeWidth={isCur ? 3 : 1.3} strokeDasharray={n.op === 'leaf' && !isParam ? '3 2' : undefined} />
                <text x={x} y={y + 4} textAnchor="middle" className="bp-label">{n.op === 'leaf' ? n.id : n.label}</text>
                {n.op !== 'leaf' && <text x={x} y={y - 21} textAnchor="middle" className="bp-name">{n.id}</text>}
                {shown.has(`forward:${n.id}`) && <text x={x} y={y + 30} textAnchor="middle" className="bp-fwd">{formatNumber(values[n.id], 3)}</text>}
                {shown.has(`backward:${n.id}`) && <text x={x} y={y + 42} textAnchor="middle" className="bp-bwd">∂ {formatNumber(grads[n.id], 3)}</text>}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="legend">
        <span><i style={{ background: FWD }} /> forward value</span>
        <span><i style={{ background: BWD }} /> gradient ∂L/∂(·) flowing back</span>
        <span>solid circles: parameters; dashed: data</span>
      </p>
      <ParamControls params={params} keys={['graph', 'x1', 'x2', 'y', 'eta', ...(v.graph === 'net' ? (['seed'] as const) : [])]} />
    </ComputeFrame>
  );
}
