import { useMemo } from 'react';
import { lossDerivative, lossOf, LOSS_KINDS, type LossKind } from '../../engine/math/losses';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';

const PARAMS = {
  delta: { kind: 'number', label: 'Huber δ', default: 1, min: 0.05, max: 3, step: 0.05 },
  r: { kind: 'number', label: 'Residual r = ŷ − y', default: 1.5, min: -3, max: 3, step: 0.05 },
} as const satisfies Schema;

const NAMES: Record<LossKind, string> = { l2: 'L2: r²', l1: 'L1: |r|', huber: 'Huber' };
const RS = Array.from({ length: 241 }, (_, i) => -3 + i * 0.025);

/** L1, L2 and Huber losses of a residual and their derivatives, side by side, at a residual the reader picks. */
export function LossCompare({ id = 'losses', title = 'Three losses and their gradients', ...preset }: { id?: string; title?: string; delta?: number; r?: number }) {
  const params = useWidgetParams(id, PARAMS, preset);
  const { delta, r } = params.values;
  const curves = useMemo(
    () =>
      LOSS_KINDS.map((k, i) => ({
        loss: { label: NAMES[k], xs: RS, ys: RS.map((x) => lossOf(k, x, delta)), color: seriesColor(i) },
        grad: { label: `d/dr ${NAMES[k]}`, xs: RS, ys: RS.map((x) => lossDerivative(k, x, delta)), color: seriesColor(i) },
      })),
    [delta],
  );
  const layout = { width: 360, height: 220, margin: { top: 10, right: 10, bottom: 28, left: 40 } };
  return (
    <ComputeFrame id={id} title={title} errors={params.errors}>
      <div className="widget-grid">
        <div>
          <p className="chart-title">Loss L(r)</p>
          <LineChart series={curves.map((c) => c.loss)} xLabel="r" yLabel="L" layout={layout} />
        </div>
        <div>
          <p className="chart-title">Gradient dL/dr</p>
          <LineChart series={curves.map((c) => c.grad)} xLabel="r" yLabel="dL/dr" layout={layout} />
        </div>
        <table className="values" aria-label="loss values at the chosen residual">
          <thead><tr><th>loss</th><th>L(r)</th><th>dL/dr</th></tr></thead>
          <tbody>
            {LOSS_KINDS.map((k) => (
              <tr key={k} data-loss-kind={k}>
                <td>{NAMES[k]}</td>
                <td>{formatNumber(lossOf(k, r, delta), 4)}</td>
                <td>{formatNumber(lossDerivative(k, r, delta), 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ParamControls params={params} keys={['delta', 'r']} />
    </ComputeFrame>
  );
}
