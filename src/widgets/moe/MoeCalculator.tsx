import { useRef, useState } from 'react';
import { MIXTRAL_8X7B, moeAccount, moeTotals, NOTES_MIXTRAL, notesTotals, shapeProblems, type MoeModelShape } from '../../engine/math/moeParams';
import { ComputeFrame } from '../kit/ComputeFrame';
import './moe.css';

/** Shapes to start from: Mixtral 8x7B (the notes' example), its dense parent, and Mixtral 8x22B. */
export const CALC_PRESETS: Record<string, MoeModelShape> = {
  'Mixtral 8x7B': MIXTRAL_8X7B,
  'Mistral 7B (dense: one expert)': { ...MIXTRAL_8X7B, experts: 1, topK: 1 },
  'Mixtral 8x22B': { vocab: 32768, dModel: 6144, layers: 56, heads: 48, kvHeads: 8, dFF: 16384, experts: 8, topK: 2, ffnMatrices: 3, tiedEmbeddings: false },
};

const FIELDS: { key: keyof MoeModelShape; label: string }[] = [
  { key: 'experts', label: 'experts E' },
  { key: 'topK', label: 'active k' },
  { key: 'layers', label: 'layers N' },
  { key: 'dModel', label: 'd_model' },
  { key: 'dFF', label: 'expert d_ff' },
  { key: 'heads', label: 'query heads h' },
  { key: 'kvHeads', label: 'key-value heads' },
  { key: 'vocab', label: 'vocabulary |V|' },
];

const fmt = (n: number) => n.toLocaleString('en-US');
const billions = (n: number) => `${(n / 1e9).toFixed(2)} B`;

/** The notes' Mixtral 8x7B accounting, line by line, editable: total against active parameters with top-k. */
export function MoeCalculator({ id = 'moe-calc' }: { id?: string }) {
  const [text, setText] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map((f) => [f.key, String(MIXTRAL_8X7B[f.key])])));
  const [ffn, setFfn] = useState<2 | 3>(3);
  const [tied, setTied] = useState(false);
  // The last shape without problems: a bad box keeps showing it (idempotent in render, so StrictMode-safe).
  const good = useRef<MoeModelShape>(MIXTRAL_8X7B);
  const candidate: MoeModelShape = { ...good.current, ffnMatrices: ffn, tiedEmbeddings: tied };
  for (const f of FIELDS) (candidate as unknown as Record<string, number>)[f.key] = Number(text[f.key].replace(/[,\s]/g, ''));
  const problems = shapeProblems(candidate);
  if (!problems.length) good.current = candidate;
  const shape = problems.length ? { ...good.current, ffnMatrices: ffn, tiedEmbeddings: tied } : candidate;
  const lines = moeAccount(shape);
  const totals = moeTotals(shape);
  const isMixtral = JSON.stringify(shape) === JSON.stringify(MIXTRAL_8X7B);
  const notes = notesTotals();
  const load = (s: MoeModelShape) => {
    setText(Object.fromEntries(FIELDS.map((f) => [f.key, String(s[f.key])])));
    setFfn(s.ffnMatrices);
    setTied(s.tiedEmbeddings);
    good.current = s;
  };
  return (
    <ComputeFrame id={id} title="Total and active parameters of a mixture-of-experts Transformer" className="widget-wide"
      errors={problems.map((p) => `${p} Showing the last valid shape.`)}
      summary={`${fmt(totals.total)} parameters in all (${billions(totals.total)}); a token uses ${fmt(totals.active)} (${billions(totals.active)}), ${(100 * totals.active / totals.total).toFixed(1)}%.`}>
      <p className="moe-calc-inputs">
        {Object.entries(CALC_PRESETS).map(([name, s]) => <button key={name} data-action={`preset-${name}`} onClick={() => load(s)}>{name}</button>)}
      </p>
      <div className="moe-calc-inputs">
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{f.label}</span>
            <input data-param={f.key} inputMode="numeric" value={text[f.key]} onChange={(e) => setText((t) => ({ ...t, [f.key]: e.target.value }))} />
          </label>
        ))}
        <label>
          <span>expert FFN</span>
          <select data-param="ffn" value={ffn} onChange={(e) => setFfn(Number(e.target.value) as 2 | 3)}>
            <option value={3}>SwiGLU (3 matrices)</option>
            <option value={2}>plain (2 matrices)</option>
          </select>
        </label>
        <label className="param-check">
          <span>LM head tied</span>
          <input type="checkbox" data-param="tied" checked={tied} onChange={(e) => setTied(e.target.checked)} />
        </label>
      </div>
      <table className="moe-table" data-total={totals.total} data-active={totals.active}>
        <thead><tr><th>part</th><th>count</th><th className="num">parameters</th><th className="num">used per token</th></tr></thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.name} data-line={l.name}><td>{l.name}</td><td>{l.formula}</td><td className="num">{fmt(l.count)}</td><td className="num">{fmt(l.active)}</td></tr>
          ))}
          <tr className="total"><td>total</td><td /><td className="num">{fmt(totals.total)}</td><td className="num">{fmt(totals.active)}</td></tr>
        </tbody>
      </table>
      <p className="moe-note">
        Attention per block: W<sub>Q</sub> and W<sub>O</sub> are d_model × d_model, W<sub>K</sub> and W<sub>V</sub> are d_model × (key-value heads × d_model / h).
        One expert per block has {shape.ffnMatrices} matrices of d_model × d_ff; the experts line counts each expert over all N blocks.
        A token uses every shared line and k of the E experts in each block.
      </p>
      {isMixtral && (
        <p className="moe-note" data-notes>
          The notes’ lines: embeddings {fmt(NOTES_MIXTRAL.embeddings)}; attention 32 × {fmt(NOTES_MIXTRAL.attentionPerLayer)}, printed as {fmt(NOTES_MIXTRAL.attentionPrinted)} (the product is {fmt(32 * NOTES_MIXTRAL.attentionPerLayer)});
          router 8 × 4,096 = {fmt(NOTES_MIXTRAL.router)}, once (it sits in every block: {fmt(lines[2].count)}); experts {fmt(NOTES_MIXTRAL.experts)}, {fmt(NOTES_MIXTRAL.activeExperts)} with two active; LM head {fmt(NOTES_MIXTRAL.head)}; no norms.
          Their lines add up to {fmt(notes.total)} total and {fmt(notes.active)} active: 46.7 B and 12.9 B either way.
        </p>
      )}
    </ComputeFrame>
  );
}
