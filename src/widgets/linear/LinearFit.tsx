import { useCallback, useMemo, useState } from 'react';
import { linearData, type Points1D } from '../../engine/data/regression';
import { leastSquares } from '../../engine/math/linalg';
import { lossSurface } from '../../engine/math/losses';
import type { LinearRegressionConfig } from '../../engine/models/linearRegression';
import { ContourPlot } from '../../viz/ContourPlot';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { Scatter } from '../../viz/Scatter';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { decodePoints, encodePoints } from '../kit/pointsCodec';
import type { Schema } from '../kit/params';
import { usePath } from '../kit/usePath';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { B_DOMAIN, DATA_PARAMS, LOSS_PARAMS, LR_PARAM, W_DOMAIN } from './regressionParams';

const FIT_PARAMS = {
  ...DATA_PARAMS,
  ...LOSS_PARAMS,
  ...LR_PARAM,
  batch: { kind: 'number', label: 'Batch size', default: 200, min: 1, max: 200, integer: true, help: 'Examples per step; at least the number of points is full-batch gradient descent.' },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof FIT_PARAMS | 'seed', string | number>>;

const GRID = 48;
const X_DOMAIN: [number, number] = [-1.2, 1.2];
const Y_DOMAIN: [number, number] = [-3, 4];
const Y_DOMAIN_OUTLIERS: [number, number] = [-3, 7];
/** 1/2000 of the (w, b) plot's width: far below a pixel of the 260-pixel contour plot or the scatter's line. */
const PATH_TOLERANCE = 0.004;

/**
 * Chapter 1's main figure: fit y = w x + b to points the reader can drag, by
 * gradient descent in the worker, with the loss surface over (w, b) and the
 * path descent takes on it.
 */
export function LinearFit({ id = 'fit', title = 'Fit a line by gradient descent', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, FIT_PARAMS, preset, ['pts']);
  const v = params.values;
  const generated = useMemo(() => linearData({ n: v.n, noise: v.noise, outliers: v.outliers, seed: v.seed }), [v.n, v.noise, v.outliers, v.seed]);
  // Dragged points travel in the share link as `<id>.pts`; a bad list is refused and the generated data kept.
  const [linked] = useState(() => {
    const raw = new URLSearchParams(window.location.search).get(`${id}.pts`);
    return raw === null ? null : decodePoints(raw, { x: X_DOMAIN, y: [-10, 10], max: 200 });
  });
  const [edited, setEdited] = useState<{ from: Points1D; points: Points1D } | null>(() => (linked?.ok ? { from: generated, points: linked.value } : null));
  const data = edited && edited.from === generated ? edited.points : generated;

  // The points go on the data path, sent once per data set (a dragged point is a new one), not with the settings on every render.
  const points = useMemo(() => ({ xs: data.xs, ys: data.ys }), [data]);
  const config: LinearRegressionConfig = { loss: v.loss, learningRate: v.lr, batchSize: v.batch, huberDelta: v.delta };
  const trainer = useTrainer('linear-regression', config, v.seed, String(v.seed), { speed: 30, data: { points } });
  const { w, b } = trainer.view ?? {};
  // Sub-pixel moves are not drawn: a converged run re-renders no figure but the loss curve (bench/RESULTS.md).
  const path = usePath(trainer.steps, w !== undefined && b !== undefined ? [w, b] : null, 600, PATH_TOLERANCE);
  const wDrawn = w === undefined ? undefined : Math.round(w / PATH_TOLERANCE) * PATH_TOLERANCE;
  const bDrawn = b === undefined ? undefined : Math.round(b / PATH_TOLERANCE) * PATH_TOLERANCE;

  const surface = useMemo(() => lossSurface(v.loss, data.xs, data.ys, W_DOMAIN, B_DOMAIN, GRID, GRID, v.delta), [data, v.loss, v.delta]);
  const best = useMemo(() => {
    try {
      return leastSquares(data.xs.map((x) => [x]), data.ys);
    } catch {
      return null; // all x equal: the least-squares line is not unique
    }
  }, [data]);

  const movePoint = useCallback((i: number, x: number, y: number) => {
    const xs = [...data.xs];
    const ys = [...data.ys];
    xs[i] = x;
    ys[i] = y;
    setEdited({ from: generated, points: { xs, ys } });
  }, [data, generated]);

  const lines = useMemo(() => [
    ...(wDrawn !== undefined && bDrawn !== undefined ? [{ w: wDrawn, b: bDrawn, color: seriesColor(5), label: 'gradient descent' }] : []),
    ...(best ? [{ w: best.w[0], b: best.b, color: seriesColor(0), label: 'least squares (closed form)', dashed: true }] : []),
  ], [wDrawn, bDrawn, best]);
  const paths = useMemo(() => [{ xs: path.xs, ys: path.ys, color: seriesColor(5), label: 'gradient descent' }], [path.version]); // the path's arrays grow in place: its version says when
  const marks = useMemo(() => (best ? [{ x: best.w[0], y: best.b, label: 'L2 min' }] : []), [best]);
  const yDomain = v.outliers > 0 ? Y_DOMAIN_OUTLIERS : Y_DOMAIN;
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      shareExtras={(): Record<string, string> => (edited && edited.from === generated ? { pts: encodePoints(edited.points) } : {})}
      summary={`Current line: y = ${formatNumber(w)} x + ${formatNumber(b)}. Least squares: y = ${formatNumber(best?.w[0])} x + ${formatNumber(best?.b)}.`}>
      {linked && !linked.ok && <p className="widget-alert" role="alert" data-error>{linked.message} Showing the generated points.</p>}
      <div className="widget-grid">
        <div>
          <Scatter xs={data.xs} ys={data.ys} lines={lines} onMovePoint={movePoint} xDomain={X_DOMAIN} yDomain={yDomain} />
          <p className="legend">
            <span><i style={{ background: seriesColor(5) }} /> gradient descent</span>
            <span><i style={{ background: seriesColor(0) }} /> closed form (L2)</span>
            {edited && edited.from === generated && <button onClick={() => setEdited(null)}>Undo drags</button>}
          </p>
        </div>
        <ContourPlot values={surface} nx={GRID} ny={GRID} xDomain={W_DOMAIN} yDomain={B_DOMAIN} xLabel="w" yLabel="b"
          paths={paths} marks={marks} />
        <LineChart series={[{ label: 'training loss', xs: trainer.history.xs, ys: trainer.history.ys, color: seriesColor(5) }]} logY />
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
