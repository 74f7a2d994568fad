import { useMemo } from 'react';
import { gdOptimal, heavyBallOptimal, measuredTailRate, quadraticDistances, stepsToShrink } from '../../engine/math/momentumRate';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';

const PARAMS = {
  kappa: { kind: 'number', label: 'Condition number κ', default: 20, min: 1.1, max: 10000, log: true, help: 'λ_max / λ_min of the quadratic ½(x² + κy²).' },
  steps: { kind: 'number', label: 'Steps shown', default: 150, min: 20, max: 1000, integer: true },
} as const satisfies Schema;

const START = [-3.5, 1.5];
const fmtSteps = (n: number) => (Number.isFinite(n) ? String(n) : 'never');

/**
 * Gradient descent and heavy-ball momentum, each at its best settings, on the quadratic
 * ½(x² + κy²): the rates (κ−1)/(κ+1) and (√κ−1)/(√κ+1) beside the contraction
 * measured from runs in plain numbers, and the distance to the minimum per step.
 */
export function MomentumRate({ id = 'momrate', title = 'How fast, as a function of κ', ...preset }: { id?: string; title?: string; kappa?: number; steps?: number }) {
  const params = useWidgetParams(id, PARAMS, preset);
  const { kappa, steps } = params.values;
  const r = useMemo(() => {
    const gd = gdOptimal(1, kappa);
    const hb = heavyBallOptimal(1, kappa);
    const dGd = quadraticDistances([1, kappa], gd.eta, 0, START, steps);
    const dHb = quadraticDistances([1, kappa], hb.eta, hb.beta, START, steps);
    const xs = dGd.map((_, t) => t);
    // The log axis cannot show zero: a run that has converged to machine zero stops there.
    const clip = (d: number[]) => d.map((v) => Math.max(v, 1e-300));
    return { gd, hb, mGd: measuredTailRate(dGd), mHb: measuredTailRate(dHb), xs, dGd: clip(dGd), dHb: clip(dHb) };
  }, [kappa, steps]);
  const rows = [
    { name: 'gradient descent', eta: r.gd.eta, beta: 0, formula: '(κ−1)/(κ+1)', rate: r.gd.rate, measured: r.mGd },
    { name: 'heavy-ball momentum', eta: r.hb.eta, beta: r.hb.beta, formula: '(√κ−1)/(√κ+1)', rate: r.hb.rate, measured: r.mHb },
  ];
  const series = [
    { label: 'gradient descent', xs: r.xs, ys: r.dGd, color: seriesColor(0) },
    { label: 'momentum', xs: r.xs, ys: r.dHb, color: seriesColor(1) },
  ];
  return (
    <ComputeFrame id={id} title={title} errors={params.errors}
      summary={`κ = ${formatNumber(kappa, 4)}: gradient descent contracts by ${formatNumber(r.gd.rate, 4)} per step, momentum by ${formatNumber(r.hb.rate, 4)}; 1000× closer takes ${fmtSteps(stepsToShrink(r.gd.rate, 1000))} against ${fmtSteps(stepsToShrink(r.hb.rate, 1000))} steps.`}>
      <div className="widget-grid">
        <div style={{ flex: '1 1 20rem' }}>
          <p className="chart-title">Distance to the minimum ‖θ‖, from (−3.5, 1.5)</p>
          <LineChart series={series} yLabel="‖θ‖" logY />
        </div>
        <table className="values" aria-label="best settings and rates">
          <thead><tr><th>method</th><th>best η</th><th>best β</th><th>rate</th><th>formula</th><th>measured</th><th>steps to 1000×</th></tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} data-method={row.name}>
                <td>{row.name}</td>
                <td>{formatNumber(row.eta, 4)}</td>
                <td>{row.beta ? formatNumber(row.beta, 4) : '0'}</td>
                <td data-readout="rate">{formatNumber(row.rate, 4)}</td>
                <td>{row.formula}</td>
                <td data-readout="measured">{formatNumber(row.measured, 4)}</td>
                <td>{fmtSteps(stepsToShrink(row.rate, 1000))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ParamControls params={params} keys={['kappa', 'steps']} />
    </ComputeFrame>
  );
}
