import type { DecodeAnswer } from '../../engine/decodeRequest';
import { showChar } from './showChar';

type Node = NonNullable<DecodeAnswer['tree']>[number];

/** Steps drawn at most: past this the tree would not fit a page's width. */
export const TREE_STEPS = 24;
/** Candidates drawn at most (a wide beam draws fewer steps), so that one render stays well under 50 ms. */
export const TREE_NODES = 360;

/** Steps drawn for a tree whose widest step has `perStep` candidates. */
export function stepsShown(perStep: number): number {
  return Math.max(1, Math.min(TREE_STEPS, Math.floor(TREE_NODES / Math.max(1, perStep))));
}
const COL = 34;
const ROW = 16;
const PAD = 18;

/** Node positions: one column per step, rows by falling log-probability within the step. */
export function beamLayout(tree: readonly Node[], steps = TREE_STEPS) {
  const shown = tree.filter((n) => n.step < steps);
  const byStep = new Map<number, Node[]>();
  for (const n of shown) byStep.set(n.step, [...(byStep.get(n.step) ?? []), n]);
  const pos = new Map<number, { x: number; y: number }>();
  let rows = 1;
  for (const [step, nodes] of byStep) {
    nodes.sort((a, b) => b.logProb - a.logProb || a.id - b.id);
    rows = Math.max(rows, nodes.length);
    nodes.forEach((n, r) => pos.set(n.id, { x: PAD + 30 + step * COL, y: PAD + r * ROW }));
  }
  const cols = byStep.size;
  return { shown, pos, width: PAD * 2 + 30 + Math.max(1, cols) * COL, height: PAD * 2 + rows * ROW };
}

/**
 * The tree a beam search explored: each column a step, each node a candidate extension (kept ones dark,
 * pruned ones faint), edges to the prefix it extends, and the best beam's path in orange.
 */
export function BeamTree({ answer }: { answer: DecodeAnswer }) {
  const tree = answer.tree ?? [];
  const perStep = new Map<number, number>();
  for (const n of tree) perStep.set(n.step, (perStep.get(n.step) ?? 0) + 1);
  const steps = stepsShown(Math.max(0, ...perStep.values()));
  const { shown, pos, width, height } = beamLayout(tree, steps);
  // The best beam's path: follow the kept nodes whose tokens spell its output, from the root.
  const onBest = new Set<number>();
  const best = answer.steps.map((s) => s.token);
  let parent = -1;
  for (let k = 0; k < best.length && k < steps; k++) {
    const n = shown.find((m) => m.parent === parent && m.step === k && m.kept && m.token === best[k]);
    if (!n) break;
    onBest.add(n.id);
    parent = n.id;
  }
  const more = tree.some((n) => n.step >= steps);
  return (
    <figure className="beam-tree-fig">
      <svg className="beam-tree" viewBox={`0 0 ${width} ${height}`} width={width} role="img"
        aria-label={`Beam search tree: ${shown.length} candidates over ${Math.min(steps, answer.steps.length)} steps, ${shown.filter((n) => n.kept).length} kept; the best beam reads "${answer.output.slice(0, 40)}".`}>
        <text x={PAD - 6} y={PAD + 3}>▶</text>
        {shown.map((n) => {
          const p = pos.get(n.id)!;
          const q = n.parent < 0 ? { x: PAD, y: PAD } : pos.get(n.parent);
          if (!q) return null;
          return <line key={`e${n.id}`} x1={q.x + 6} y1={q.y} x2={p.x - 6} y2={p.y} stroke={onBest.has(n.id) ? '#D55E00' : n.kept ? '#555' : '#ccc'} strokeWidth={onBest.has(n.id) ? 2 : 1} />;
        })}
        {shown.map((n) => {
          const p = pos.get(n.id)!;
          return (
            <g key={n.id} data-kept={n.kept} opacity={n.kept ? 1 : 0.45}>
              <title>{`step ${n.step + 1}: "${showChar(n.token)}", log p = ${n.logProb.toFixed(2)}${n.kept ? ' (kept)' : ' (pruned)'}${n.finished ? ', finished' : ''}`}</title>
              <rect x={p.x - 7} y={p.y - 7} width={14} height={14} rx={3} fill={onBest.has(n.id) ? '#D55E00' : n.kept ? '#0072B2' : '#fff'} stroke={n.kept ? 'none' : '#999'} />
              <text x={p.x} y={p.y + 3.5} textAnchor="middle" fill={n.kept ? '#fff' : '#333'}>{showChar(n.token)}</text>
            </g>
          );
        })}
      </svg>
      {more && <figcaption className="legend">The first {steps} steps are drawn.</figcaption>}
    </figure>
  );
}
