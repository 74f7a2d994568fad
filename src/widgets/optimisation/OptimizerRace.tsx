import { useMemo } from 'react';
import { SURFACE_NAMES, SURFACES, type SurfaceName } from '../../engine/math/surfaces';
import type { OptimizerRaceConfig } from '../../engine/models/optimizerRace';
import { RACE_PRESETS, RACER_KINDS } from '../../engine/models/optimizerRacePresets';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss, formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { usePath } from '../kit/usePath';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { SurfacePlot } from './SurfacePlot';
import './optimisation.css';

const Q = RACE_PRESETS.quadratic;
const lr = (label: string, d: number) => ({ kind: 'number', label, default: d, min: 0.0001, max: 3, log: true }) as const;
const decay = (label: string, d: number, max: number, help: string) => ({ kind: 'number', label, default: d, min: 0, max, step: 0.01, help }) as const;

const PARAMS = {
  surface: { kind: 'choice', label: 'Surface', default: 'quadratic', options: SURFACE_NAMES, optionLabels: Object.fromEntries(SURFACE_NAMES.map((n) => [n, SURFACES[n].label])) },
  x0: { kind: 'number', label: 'Start x', default: Q.start[0], min: -5, max: 5, step: 0.01, help: 'Click the plot to choose the start.' },
  y0: { kind: 'number', label: 'Start y', default: Q.start[1], min: -5, max: 5, step: 0.01, help: 'Click the plot to choose the start.' },
  lrSgd: lr('SGD η', Q.racers[0].lr),
  lrMom: lr('Momentum η', Q.racers[1].lr),
  beta: decay('Momentum β', Q.racers[1].beta1, 0.99, 'How much of the last velocity each step keeps.'),
  lrRms: lr('RMSProp η', Q.racers[2].lr),
  rho: decay('RMSProp ρ', Q.racers[2].beta2, 0.999, 'Decay of the running mean of squared gradients.'),
  lrAdam: lr('Adam η', Q.racers[3].lr),
  beta1: decay('Adam β1', Q.racers[3].beta1, 0.999, 'Decay of the running mean of gradients.'),
  beta2: decay('Adam β2', Q.racers[3].beta2, 0.9999, 'Decay of the running mean of squared gradients.'),
  noise: { kind: 'number', label: 'Gradient noise σ', default: 0, min: 0, max: 5, step: 0.05, help: 'Gaussian noise added to every gradient, as a small mini-batch would add.' },
} as const satisfies Schema;

type Key = keyof typeof PARAMS;
const NAMES = ['SGD', 'Momentum', 'RMSProp', 'Adam'];

/** The settings that make each racer behave on a surface, applied when the reader switches surface. */
function presetFor(surface: SurfaceName) {
  const p = RACE_PRESETS[surface];
  const [sgd, mom, rms, adam] = p.racers;
  return { surface, x0: p.start[0], y0: p.start[1], lrSgd: sgd.lr, lrMom: mom.lr, beta: mom.beta1, lrRms: rms.lr, rho: rms.beta2, lrAdam: adam.lr, beta1: adam.beta1, beta2: adam.beta2 };
}

/**
 * SGD, momentum, RMSProp and Adam race down one 2-D surface from the same
 * start, each a tf.Variable [x, y] stepped by the hand-written optimiser in the
 * worker. Paths on the contour plot, each racer's loss in the chart and table.
 */
export function OptimizerRace({ id = 'race', title = 'Optimiser race', ...preset }: { id?: string; title?: string } & Partial<Record<Key | 'seed', number | string>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const surfaceName = v.surface;
  const surface = SURFACES[surfaceName];
  const config: OptimizerRaceConfig = {
    surface: surfaceName,
    start: [v.x0, v.y0],
    noise: v.noise,
    racers: [
      { kind: 'sgd', lr: v.lrSgd, beta1: 0, beta2: 0 },
      { kind: 'momentum', lr: v.lrMom, beta1: v.beta, beta2: 0 },
      { kind: 'rmsprop', lr: v.lrRms, beta1: 0, beta2: v.rho },
      { kind: 'adam', lr: v.lrAdam, beta1: v.beta1, beta2: v.beta2 },
    ],
  };
  const trainer = useTrainer('optimizer-race', config, v.seed, `${surfaceName}|${v.x0}|${v.y0}`, { speed: 30 });
  const view = trainer.view;
  const { xs = [], ys = [], losses = [], alive = [] } = view ?? {};
  const at = (i: number): [number, number] | null => (xs.length > i ? [xs[i], ys[i]] : null);
  // Hooks in a fixed order, one path and one loss series per racer.
  const paths = [usePath(trainer.steps, at(0)), usePath(trainer.steps, at(1)), usePath(trainer.steps, at(2)), usePath(trainer.steps, at(3))];
  const lossAt = (i: number): [number, number] | null => (losses.length > i && trainer.steps > 0 ? [trainer.steps, losses[i]] : null);
  const curves = [usePath(trainer.steps, lossAt(0)), usePath(trainer.steps, lossAt(1)), usePath(trainer.steps, lossAt(2)), usePath(trainer.steps, lossAt(3))];
  const start = useMemo(() => ({ x: v.x0, y: v.y0, label: 'start', color: '#000' }), [v.x0, v.y0]);
  const lrs = [v.lrSgd, v.lrMom, v.lrRms, v.lrAdam];
  const positive = surfaceName !== 'saddle';
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`${surface.label}: ${NAMES.map((n, i) => `${n} at loss ${formatLoss(losses[i])}`).join(', ')}.`}>
      <p className="optim-formula">
        f(x, y) on the <b>{surface.label.toLowerCase()}</b>. Click the plot to start every racer there.{' '}
        <label>
          Surface{' '}
          <select data-param="surface-preset" value={surfaceName} onChange={(e) => params.assign(presetFor(e.target.value as SurfaceName))}>
            {SURFACE_NAMES.map((n) => <option key={n} value={n}>{SURFACES[n].label}</option>)}
          </select>
        </label>
      </p>
      <div className="widget-grid">
        <SurfacePlot surface={surface} marks={[start]} onPick={(x, y) => params.assign({ x0: x, y0: y })} pickLabel="click: new start"
          paths={paths.map((p, i) => ({ ...p, color: seriesColor(i), label: NAMES[i] }))} />
        <div>
          <table className="values" aria-label="each optimiser's loss and position">
            <thead><tr><th>optimiser</th><th>η</th><th>loss</th><th>(x, y)</th></tr></thead>
            <tbody>
              {NAMES.map((n, i) => (
                <tr key={n} data-racer={RACER_KINDS[i]}>
                  <td><i className="swatch" style={{ background: seriesColor(i) }} /> {n}</td>
                  <td>{formatNumber(lrs[i])}</td>
                  <td>{alive[i] === false ? 'left the plot' : formatLoss(losses[i])}</td>
                  <td>{xs.length > i ? `(${xs[i].toFixed(2)}, ${ys[i].toFixed(2)})` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LineChart series={curves.map((c, i) => ({ label: NAMES[i], xs: c.xs, ys: c.ys, color: seriesColor(i) }))} logY={positive}
            yLabel={positive ? 'loss (log)' : 'loss'} layout={{ width: 360, height: 190, margin: { top: 10, right: 12, bottom: 28, left: 52 } }} />
        </div>
      </div>
      <div className="optim-params"><ParamControls params={params} keys={['lrSgd', 'lrMom', 'beta', 'lrRms', 'rho', 'lrAdam', 'beta1', 'beta2', 'noise', 'x0', 'y0']} /></div>
    </WidgetFrame>
  );
}
