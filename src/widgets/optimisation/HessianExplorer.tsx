import { useState } from 'react';
import { classifyPoint, eigen2, type PointKind } from '../../engine/math/eigen2';
import { newtonCritical, SURFACE_NAMES, SURFACES, taylor2 } from '../../engine/math/surfaces';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import { SurfacePlot, type PlotArrow } from './SurfacePlot';
import './optimisation.css';

const PARAMS = {
  surface: { kind: 'choice', label: 'Surface', default: 'saddle', options: SURFACE_NAMES, optionLabels: Object.fromEntries(SURFACE_NAMES.map((n) => [n, SURFACES[n].label])) },
  x: { kind: 'number', label: 'Point x', default: 0, min: -5, max: 5, step: 0.01, help: 'Click the plot to choose the point.' },
  y: { kind: 'number', label: 'Point y', default: 0, min: -5, max: 5, step: 0.01, help: 'Click the plot to choose the point.' },
  t: { kind: 'number', label: 'Escape step', default: 0.5, min: 0.05, max: 2, step: 0.05, help: 'Length of the step along the negative-curvature eigenvector.' },
} as const satisfies Schema;

const NEG = '#D55E00';
const POS = '#0072B2';

const VERDICT: Record<PointKind, string> = {
  'not critical': 'Not a critical point: the gradient is not zero, so a small step against it lowers the loss. The Hessian still tells you the curvature here.',
  minimum: 'A local minimum: the gradient is zero and both eigenvalues are positive, so the loss rises in every direction.',
  maximum: 'A local maximum: the gradient is zero and both eigenvalues are negative, so the loss falls in every direction.',
  saddle: 'A saddle point: the gradient is zero, one eigenvalue is positive and one negative. Gradient descent stalls here, but the loss falls along the orange eigenvector.',
  degenerate: 'A critical point where an eigenvalue is (nearly) zero: the second-order test cannot decide; higher-order terms do.',
};

/**
 * Click a point of a 2-D surface: its gradient, Hessian, eigenvalues and
 * eigenvectors (drawn as arrows), and what the point is. At a saddle, a step
 * along the negative-eigenvalue eigenvector, with the loss the second-order
 * Taylor model predicts beside the true one. Plain numbers on the main thread.
 */
export function HessianExplorer({ id = 'hessian', title = 'Hessian explorer', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', number | string>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const [note, setNote] = useState<string | null>(null);
  const s = SURFACES[v.surface];
  const g = s.grad(v.x, v.y);
  const h = s.hessian(v.x, v.y);
  const eig = eigen2(h);
  const kind = classifyPoint(g, h);
  const f0 = s.f(v.x, v.y);
  const span = s.xDomain[1] - s.xDomain[0];
  const len = 0.14 * span;
  const arrows: PlotArrow[] = eig.values.map((l, i) => ({
    from: [v.x, v.y],
    to: [v.x + len * eig.vectors[i][0], v.y + len * eig.vectors[i][1]],
    color: l < 0 ? NEG : POS,
    label: `λ${i + 1}`,
  }));
  const gn = Math.hypot(g[0], g[1]);
  if (gn > 1e-3) arrows.push({ from: [v.x, v.y], to: [v.x - (len * g[0]) / gn, v.y - (len * g[1]) / gn], color: '#000000', label: '−g' });
  // An eigenvector's sign is arbitrary: away from a critical point, take the one that also goes downhill (gᵀu ≤ 0).
  const u = g[0] * eig.vectors[0][0] + g[1] * eig.vectors[0][1] > 0 ? [-eig.vectors[0][0], -eig.vectors[0][1]] : eig.vectors[0];
  const escape = eig.values[0] < 0;
  const end: [number, number] = [v.x + v.t * u[0], v.y + v.t * u[1]];
  const predicted = taylor2(s, v.x, v.y, end[0], end[1]);
  const actual = s.f(end[0], end[1]);
  const snap = () => {
    const c = newtonCritical(s, v.x, v.y);
    if (!c) return setNote('Newton’s method did not settle from here; click closer to a flat spot.');
    setNote(null);
    params.assign({ x: round(c[0]), y: round(c[1]) });
  };
  const f = (n: number) => formatNumber(Math.abs(n) < 1e-9 ? 0 : n, 3);
  return (
    <ComputeFrame id={id} title={title} errors={params.errors} summary={`At (${v.x}, ${v.y}) on the ${s.label.toLowerCase()}: eigenvalues ${f(eig.values[0])} and ${f(eig.values[1])}; ${kind}.`}>
      <div className="widget-grid">
        <SurfacePlot surface={s} arrows={arrows} onPick={(x, y) => { setNote(null); params.assign({ x, y }); }} pickLabel="click: new point"
          paths={escape ? [{ xs: [v.x, end[0]], ys: [v.y, end[1]], color: NEG, label: 'escape step' }] : []}
          marks={[{ x: v.x, y: v.y, label: 'point', color: '#000' }]} />
        <div className="hessian-readout" data-kind={kind}>
          <table className="values" aria-label="gradient, Hessian and eigen-decomposition">
            <tbody>
              <tr><th>point θ′</th><td>({f(v.x)}, {f(v.y)})</td></tr>
              <tr><th>loss L(θ′)</th><td>{f(f0)}</td></tr>
              <tr><th>gradient g</th><td>({f(g[0])}, {f(g[1])}), |g| = {f(gn)}</td></tr>
              <tr><th>Hessian H</th><td><span className="matrix">[{f(h.xx)}, {f(h.xy)}; {f(h.xy)}, {f(h.yy)}]</span></td></tr>
              {eig.values.map((l, i) => (
                <tr key={i}>
                  <th><i className="swatch" aria-hidden="true" style={{ background: l < 0 ? NEG : POS }} />λ{i + 1} = {f(l)}</th>
                  <td>u{i + 1} = ({f(eig.vectors[i][0])}, {f(eig.vectors[i][1])})</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="verdict" role="status"><b>{kind}.</b> {VERDICT[kind]}</p>
          <p><button data-action="snap" onClick={snap}>Snap to a critical point (Newton)</button></p>
          {note && <p className="widget-alert" role="alert">{note}</p>}
          {escape && (
            <p data-escape>
              Step θ = θ′ {u === eig.vectors[0] ? '+' : '−'} {v.t}·u1 along the negative-curvature direction: the Taylor model predicts L ≈ {f(predicted)}
              {kind === 'saddle' ? <> (= L(θ′) + ½λ1t² = {f(f0 + 0.5 * eig.values[0] * v.t * v.t)})</> : null}, the surface gives {f(actual)},{' '}
              {actual < f0 ? <b>lower than at θ′.</b> : <b>not lower: the step is too long for the quadratic model.</b>}{' '}
              <button data-action="escape" onClick={() => params.assign({ x: round(end[0]), y: round(end[1]) })}>Take the step</button>
            </p>
          )}
        </div>
      </div>
      <div className="optim-params"><ParamControls params={params} keys={['surface', 'x', 'y', 't']} /></div>
    </ComputeFrame>
  );
}

// Six decimals: short links, and still |g| well under the critical-point tolerance after Newton.
function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
