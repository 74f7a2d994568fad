import { useMemo } from 'react';
import { curve, curveSamples } from '../../engine/math/curves';
import type { CurveFitConfig } from '../../engine/models/curveFit';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import './mlp.css';

const PARAMS = {
  curve: { kind: 'choice', label: 'Target curve', default: 'zigzag', options: ['zigzag', 'sine', 'step', 'bump'] },
  units: { kind: 'number', label: 'Units N', default: 6, min: 1, max: 32, integer: true },
  act: { kind: 'choice', label: 'Unit', default: 'relu', options: ['relu', 'sigmoid'], optionLabels: { relu: 'ReLU', sigmoid: 'sigmoid' } },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.01, min: 1e-4, max: 1, log: true, help: 'Adam, full batch.' },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const GRID_N = 121;
const W = 520;
const H = 280;
const PAD = 28;
const Y_RANGE: [number, number] = [-1.2, 1.2];

/** Fits a 1-D curve with ŷ = c₀ + Σ cᵢ act(bᵢ + wᵢ x), drawing every component under the sum as it trains. */
export function CurveFit({ id = 'curve', title = 'A curve as a sum of units', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const data = useMemo(() => curveSamples(v.curve, 41), [v.curve]);
  const gridXs = useMemo(() => Array.from({ length: GRID_N }, (_, i) => -1 + (2 * i) / (GRID_N - 1)), []);
  // The samples and the grid go on the data path, sent once per curve rather than with the settings on every render.
  const points = useMemo(() => ({ xs: data.xs, ys: data.ys, gridXs }), [data, gridXs]);
  const config: CurveFitConfig = { units: v.units, activation: v.act, learningRate: v.lr };
  const trainer = useTrainer('curve-fit', config, v.seed, JSON.stringify([v.units, v.act, v.seed]), { data: { points } });
  const { fit, components: comps, constant: c0 } = trainer.view ?? {};
  const sx = (x: number) => PAD + ((x + 1) / 2) * (W - 2 * PAD);
  const sy = (y: number) => H - PAD - ((Math.max(Y_RANGE[0], Math.min(Y_RANGE[1], y)) - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])) * (H - 2 * PAD);
  const path = (ys: ArrayLike<number>, offset = 0) => gridXs.map((x, i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(ys[offset + i]).toFixed(1)}`).join('');
  const target = gridXs.map((x) => curve(v.curve, x));
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={`${v.units} ${v.act} units fitting the ${v.curve} curve; constant c₀ = ${formatNumber(c0)}.`}>
      <div className="widget-grid mlp-widget">
        <figure className="chart" style={{ flex: '2 1 20rem', margin: 0 }}>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`fit of the ${v.curve} curve with ${v.units} ${v.act} components`}>
            <g className="axis">
              <line x1={PAD} x2={W - PAD} y1={sy(0)} y2={sy(0)} />
              <line x1={sx(0)} x2={sx(0)} y1={PAD} y2={H - PAD} className="grid" />
              <text x={W - PAD} y={sy(0) + 14} textAnchor="end">x</text>
              <text x={PAD} y={H - 6}>−1</text>
              <text x={W - PAD} y={H - 6} textAnchor="end">1</text>
            </g>
            {comps && Array.from({ length: v.units }, (_, i) => (
              <path key={i} d={path(comps, i * GRID_N)} fill="none" stroke={seriesColor(1 + (i % 6))} strokeWidth={1.1} opacity={0.75} />
            ))}
            {c0 !== undefined && <line x1={PAD} x2={W - PAD} y1={sy(c0)} y2={sy(c0)} stroke="var(--muted)" strokeDasharray="2 3" />}
            <path d={path(target)} fill="none" stroke="var(--muted)" strokeWidth={1.5} strokeDasharray="6 4" />
            {data.xs.map((x, i) => <circle key={i} cx={sx(x)} cy={sy(data.ys[i])} r={2.4} fill="var(--fg)" opacity={0.6} />)}
            {fit && <path d={path(fit)} fill="none" stroke={seriesColor(0)} strokeWidth={2.6} />}
          </svg>
          <figcaption className="legend">
            <span><i style={{ background: seriesColor(0) }} /> fit ŷ = c₀ + Σ components</span>
            <span><i style={{ background: seriesColor(1) }} /> components cᵢ {v.act === 'relu' ? 'ReLU' : 'σ'}(bᵢ + wᵢx)</span>
            <span><i style={{ background: 'var(--muted)' }} /> target (dashed), c₀ (dotted)</span>
          </figcaption>
        </figure>
        <div style={{ flex: '1 1 14rem' }}>
          <LineChart series={[{ label: 'training loss', xs: trainer.history.xs, ys: trainer.history.ys, color: seriesColor(0) }]} yLabel="½ squared error" logY />
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
