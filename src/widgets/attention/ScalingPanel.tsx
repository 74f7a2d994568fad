import { memo, useMemo, type ReactNode } from 'react';
import { scoreScaling, SWEEP_DKS } from '../../engine/math/scoreScaling';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';

export const SCALING_KEYS = 16;
const f = (x: number, d = 3) => x.toFixed(d);

/**
 * The score-scaling experiment: 16 random queries against 16 random keys with N(0, 1) components at width d_k;
 * the spread of the scores and how saturated the softmax is, with and without dividing by √d_k, at the reader's
 * d_k and over d_k = 1 … 1024.
 */
export const ScalingPanel = memo(function ScalingPanel({ dk, seed, children }: { dk: number; seed: number; children: ReactNode }) {
  const at = useMemo(() => scoreScaling(dk, SCALING_KEYS, seed), [dk, seed]);
  const sweep = useMemo(() => SWEEP_DKS.map((d) => scoreScaling(d, SCALING_KEYS, seed)), [seed]);
  const xs = SWEEP_DKS.map(Math.log2);
  const uniform = Math.log(SCALING_KEYS);
  return (
    <div className="scaling">
      <h4 className="calc-section">Why divide by √d_k: {SCALING_KEYS} random queries against {SCALING_KEYS} random keys, components N(0, 1)</h4>
      {children}
      <div>
        <table className="scaling-table" data-scaling-dk={dk} aria-label={`score statistics at d_k = ${dk}`}>
          <thead><tr><th>at d_k = {dk}</th><th>unscaled q·k</th><th>q·k / √d_k</th></tr></thead>
          <tbody>
            <tr><td>std of the scores (√d_k = {f(Math.sqrt(dk), 2)})</td><td data-std-raw={at.stdRaw}>{f(at.stdRaw, 2)}</td><td data-std-scaled={at.stdScaled}>{f(at.stdScaled, 2)}</td></tr>
            <tr><td>largest weight in a row (mean)</td><td data-max-raw={at.maxRaw}>{f(at.maxRaw)}</td><td data-max-scaled={at.maxScaled}>{f(at.maxScaled)}</td></tr>
            <tr><td>entropy of a row, nats (uniform: {f(uniform, 2)})</td><td>{f(at.entropyRaw)}</td><td>{f(at.entropyScaled)}</td></tr>
          </tbody>
        </table>
        <div className="scaling-chart">
        <LineChart xLabel="log₂ d_k" yLabel="largest weight (mean)" series={[
          { label: 'unscaled', xs, ys: sweep.map((s) => s.maxRaw), color: seriesColor(5) },
          { label: 'divided by √d_k', xs, ys: sweep.map((s) => s.maxScaled), color: seriesColor(0) },
          { label: `d_k = ${dk}`, xs: [Math.log2(dk), Math.log2(dk)], ys: [0, 1], color: '#999' },
        ]} />
        </div>
      </div>
    </div>
  );
});
