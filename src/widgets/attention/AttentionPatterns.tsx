import { ComputeFrame } from '../kit/ComputeFrame';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import { countTrue, GRAPH_EDGES, GRAPH_NODES, graphPattern, imagePattern, localPattern } from './patterns';
import './attention.css';

const PARAMS = {
  window: { kind: 'number', label: 'Window: keys on each side', default: 2, min: 0, max: 15, integer: true },
  length: { kind: 'number', label: 'Sequence length T', default: 16, min: 2, max: 32, integer: true },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const CELL = 9;

function Pattern({ m, label }: { m: boolean[][]; label: string }) {
  const n = m.length;
  const size = n * CELL;
  return (
    <svg className="pattern" width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label}>
      <rect width={size} height={size} fill="var(--bg, #fff)" stroke="var(--line, #ccc)" />
      {m.flatMap((row, i) => row.map((on, j) => (on ? <rect key={`${i}-${j}`} x={j * CELL} y={i * CELL} width={CELL - 1} height={CELL - 1} fill="#0072B2" /> : null)))}
    </svg>
  );
}

function GraphDrawing() {
  const pos = Array.from({ length: GRAPH_NODES }, (_, i) => [60 + 45 * Math.cos((2 * Math.PI * i) / GRAPH_NODES), 60 + 45 * Math.sin((2 * Math.PI * i) / GRAPH_NODES)]);
  return (
    <svg width={120} height={120} viewBox="0 0 120 120" role="img" aria-label="the graph: 8 nodes and their edges">
      {GRAPH_EDGES.map(([a, b]) => <line key={`${a}-${b}`} x1={pos[a][0]} y1={pos[a][1]} x2={pos[b][0]} y2={pos[b][1]} stroke="#999" />)}
      {pos.map(([x, y], i) => <g key={i}><circle cx={x} cy={y} r={8} fill="#fff" stroke="#0072B2" /><text x={x} y={y + 3.5} textAnchor="middle" fontSize={10}>{i + 1}</text></g>)}
    </svg>
  );
}

/**
 * Which keys each query attends to, as a matrix (row = query, column = key, blue = computed): a local window on a
 * sequence, a 3 × 3 neighbourhood on a 5 × 5 image, and a graph's edges; with the number of scores each costs.
 */
export function AttentionPatterns({ id = 'patterns', title = 'Restricted attention: windows, images, graphs', ...preset }: { id?: string } & { title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const local = localPattern(v.length, v.window);
  const image = imagePattern(5, 1);
  const graph = graphPattern();
  const full = v.length * v.length;
  return (
    <ComputeFrame id={id} title={title} errors={params.errors}
      summary={`Local window of ${v.window} on each side over T = ${v.length}: ${countTrue(local)} scores instead of ${full}.`}>
      <div className="matrix-row">
        <figure className="matrix">
          <figcaption>Local window, T = {v.length}</figcaption>
          <Pattern m={local} label={`local attention pattern: ${v.length} queries, window ${v.window}`} />
          <p className="legend" data-local-count={countTrue(local)}>{countTrue(local)} of {full} scores</p>
        </figure>
        <figure className="matrix">
          <figcaption>5 × 5 image, 3 × 3 neighbourhood</figcaption>
          <Pattern m={image} label="image attention pattern: 25 pixels, each sees its 3 by 3 neighbourhood" />
          <p className="legend">{countTrue(image)} of 625 scores</p>
        </figure>
        <figure className="matrix">
          <figcaption>A graph: attend along edges</figcaption>
          <div className="matrix-row">
            <GraphDrawing />
            <Pattern m={graph} label="graph attention pattern: each node sees itself and its neighbours" />
          </div>
          <p className="legend">{countTrue(graph)} of {GRAPH_NODES * GRAPH_NODES} scores</p>
        </figure>
      </div>
      <ParamControls params={params} keys={['window', 'length']} />
    </ComputeFrame>
  );
}
