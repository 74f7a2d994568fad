import { useMemo } from 'react';
import { linearData } from '../../engine/data/regression';
import { lossSurface } from '../../engine/math/losses';
import type { BatchRaceConfig } from '../../engine/models/linearRegression';
import { ContourPlot } from '../../viz/ContourPlot';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { usePath } from '../kit/usePath';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { B_DOMAIN, DATA_PARAMS, LR_PARAM, W_DOMAIN } from './regressionParams';

const PARAMS = {
  n: { ...DATA_PARAMS.n, default: 100 },
  noise: { ...DATA_PARAMS.noise, default: 0.5 },
  lr: { ...LR_PARAM.lr, default: 0.05 },
  small: { kind: 'number', label: 'Small batch', default: 1, min: 1, max: 200, integer: true },
  medium: { kind: 'number', label: 'Medium batch', default: 10, min: 1, max: 200, integer: true },
} as const satisfies Schema;

const GRID = 40;

/**
 * Three runs from the same start on the same data: a small batch, a medium one
 * and the full batch. Each step is one mini-batch for each, so the paths show
 * how much noise a batch's gradient carries.
 */
export function BatchNoise({ id = 'batch', title = 'Batch size and gradient noise', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const data = useMemo(() => linearData({ n: v.n, noise: v.noise, seed: v.seed }), [v.n, v.noise, v.seed]);
  const sizes = [v.small, v.medium, v.n];
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ xs: data.xs, ys: data.ys }), [data]);
  const config: BatchRaceConfig = { loss: 'l2', learningRate: v.lr, huberDelta: 1, batchSizes: sizes, init: [-2, 3] };
  const trainer = useTrainer('linear-regression-batches', config, v.seed, `${v.seed}|${v.small}|${v.medium}|${v.n}`, { speed: 30, data: { points } });
  const { w: ws = [], b: bs = [], fullLoss: full = [] } = trainer.view ?? {};
  const labels = [`batch ${v.small}`, `batch ${v.medium}`, `full batch (${v.n})`];
  const p0 = usePath(trainer.steps, ws.length ? [ws[0], bs[0]] : null);
  const p1 = usePath(trainer.steps, ws.length ? [ws[1], bs[1]] : null);
  const p2 = usePath(trainer.steps, ws.length ? [ws[2], bs[2]] : null);
  const surface = useMemo(() => lossSurface('l2', data.xs, data.ys, W_DOMAIN, B_DOMAIN, GRID, GRID), [data]);
  const epochs = (size: number) => ((trainer.steps * Math.min(size, v.n)) / v.n).toFixed(1);
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}>
      <div className="widget-grid">
        <ContourPlot values={surface} nx={GRID} ny={GRID} xDomain={W_DOMAIN} yDomain={B_DOMAIN} xLabel="w" yLabel="b"
          paths={[p0, p1, p2].map((p, i) => ({ ...p, color: seriesColor(i), label: labels[i] }))} />
        <table className="values" aria-label="each run's full-data loss and epochs">
          <thead><tr><th>run</th><th>full-data loss</th><th>epochs seen</th></tr></thead>
          <tbody>
            {labels.map((l, i) => (
              <tr key={l}>
                <td><i className="swatch" style={{ background: seriesColor(i) }} /> {l}</td>
                <td>{formatLoss(full[i])}</td>
                <td>{epochs(sizes[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <LineChart series={labels.map((label, i) => {
          const s = trainer.series.get(`full loss ${i}`);
          return { label, xs: s.xs, ys: s.ys, color: seriesColor(i) };
        })} yLabel="full-data loss" logY />
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
