import { useState } from 'react';
import { crossEntropy, entropy, parseLogits, softmax } from '../../engine/math/softmax';
import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';

const PARAMS = {
  T: { kind: 'number', label: 'Temperature τ', default: 1, min: 0.05, max: 20, log: true, help: 'The logits are divided by τ before the softmax.' },
  cls: { kind: 'number', label: 'True class', default: 0, min: 0, max: 7, integer: true, help: 'The index of the correct class (0 is the first logit).' },
} as const satisfies Schema;

const W = 420;
const H = 170;

/**
 * Softmax explored by hand: editable logits, bars of softmax(o / T), the
 * cross-entropy against a chosen true class and its gradient softmax − y.
 */
export function SoftmaxTemperature({ id = 'softmax-t', logits = '2, 1, 0.1', ...preset }: { id?: string; logits?: string } & Partial<Record<'T' | 'cls', number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const [text, setText] = useState(logits);
  const [o, setO] = useState<number[]>(() => {
    const r = parseLogits(logits);
    return r.ok ? r.value : [2, 1, 0.1];
  });
  const [message, setMessage] = useState<string | null>(null);
  const commit = (raw: string) => {
    const r = parseLogits(raw);
    if (r.ok) {
      setO(r.value);
      setMessage(null);
    } else setMessage(`Logits: ${r.message} Kept ${o.join(', ')}.`);
  };
  const T = params.values.T;
  const clsRequested = params.values.cls;
  const y = Math.min(clsRequested, o.length - 1);
  const p = softmax(o, T);
  const scaled = o.map((v) => v / T);
  const loss = crossEntropy(scaled, y);
  const errors = [...params.errors, ...(message ? [message] : []), ...(clsRequested !== y ? [`True class ${clsRequested} does not exist with ${o.length} logits; using class ${y}.`] : [])];

  const bw = (W - 40) / o.length;
  return (
    <ComputeFrame id={id} title="Softmax, temperature and cross-entropy" errors={errors}
      summary={`p = softmax(o / ${T}) = (${p.map((v) => formatNumber(v)).join(', ')}); cross-entropy for class ${y}: ${formatNumber(loss)}.`}>
      <div className="widget-grid">
        <div style={{ flex: '1 1 24rem' }}>
          <label className="param" style={{ display: 'block' }}>
            <span>Logits o (comma-separated) </span>
            <input data-param="logits" value={text} onChange={(e) => setText(e.target.value)} onBlur={() => commit(text)}
              onKeyDown={(e) => e.key === 'Enter' && commit(text)} style={{ width: '14rem' }} aria-label="logits" />
          </label>
          <svg viewBox={`0 0 ${W} ${H}`} style={{ width: '100%', maxWidth: W }} role="img" aria-label="bars of the softmax probabilities">
            <line x1={20} x2={W - 20} y1={H - 30} y2={H - 30} stroke="#999" />
            {p.map((v, j) => {
              const h = v * (H - 50);
              return (
                <g key={j}>
                  <rect x={20 + j * bw + 4} y={H - 30 - h} width={bw - 8} height={h} fill={j === y ? seriesColor(0) : seriesColor(4)} opacity={j === y ? 1 : 0.7} />
                  <text x={20 + j * bw + bw / 2} y={H - 34 - h} textAnchor="middle" fontSize={11}>{formatNumber(v, 2)}</text>
                  <text x={20 + j * bw + bw / 2} y={H - 14} textAnchor="middle" fontSize={11}>{j === y ? `class ${j} (true)` : `class ${j}`}</text>
                </g>
              );
            })}
          </svg>
        </div>
        <table style={{ fontSize: '0.82rem', borderCollapse: 'collapse', flex: '1 1 16rem' }} data-readout="softmax-table">
          <thead>
            <tr><th>j</th><th>o<sub>j</sub></th><th>p<sub>j</sub></th><th>y<sub>j</sub></th><th>p<sub>j</sub> − y<sub>j</sub></th></tr>
          </thead>
          <tbody>
            {o.map((v, j) => (
              <tr key={j} style={{ fontWeight: j === y ? 600 : 400 }}>
                <td>{j}</td><td>{formatNumber(v)}</td><td>{formatNumber(p[j])}</td><td>{j === y ? 1 : 0}</td><td>{formatNumber(p[j] - (j === y ? 1 : 0))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><td colSpan={5} style={{ paddingTop: '0.4rem' }}>
              cross-entropy −log p<sub>{y}</sub> = <b data-readout="ce">{formatNumber(loss)}</b>; entropy of p = {formatNumber(entropy(p))} (max {formatNumber(Math.log(o.length))})
              {T !== 1 && <><br />With τ ≠ 1 the gradient with respect to o is (p − y) / τ.</>}
            </td></tr>
          </tfoot>
        </table>
      </div>
      <ParamControls params={params} keys={['T', 'cls']} />
    </ComputeFrame>
  );
}
