import { receptiveFields } from '../../engine/math/conv';
import { ComputeFrame } from '../kit/ComputeFrame';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import './cnn.css';

const PARAMS = {
  layers: { kind: 'number', label: 'Stacked layers', default: 2, min: 1, max: 8, integer: true },
  k: { kind: 'number', label: 'Kernel size k', default: 3, min: 1, max: 7, step: 2, integer: true },
  poolEvery: { kind: 'number', label: '2×2 pooling after every … layers (0: never)', default: 0, min: 0, max: 4, integer: true },
} as const satisfies Schema;

/** How much of the input one unit sees after a stack of convolutions (and poolings), drawn on a grid. */
export function ReceptiveField({ id = 'rf', title = 'Receptive field of stacked layers', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const stack = [];
  for (let l = 1; l <= v.layers; l++) {
    stack.push({ k: v.k, stride: 1, name: `conv ${v.k}×${v.k}` });
    if (v.poolEvery > 0 && l % v.poolEvery === 0 && l < v.layers) stack.push({ k: 2, stride: 2, name: 'pool 2×2' });
  }
  const rf = receptiveFields(stack);
  const size = rf.length ? rf[rf.length - 1].size : 1;
  const params1 = v.layers * v.k * v.k;
  const grid = Math.max(size + 2, 9);
  const off = Math.floor((grid - size) / 2);
  return (
    <ComputeFrame id={id} title={title} errors={params.errors}
      summary={`${v.layers} layer(s) of ${v.k}×${v.k}: one unit sees ${size}×${size} input pixels, with ${params1} weights per channel pair; a single ${size}×${size} kernel would need ${size * size}.`}>
      <div className="widget-grid cnn-panel">
        <svg viewBox={`0 0 ${grid * 10} ${grid * 10}`} style={{ maxWidth: 260 }} role="img" aria-label={`receptive field ${size} by ${size}`}>
          {Array.from({ length: grid * grid }, (_, i) => {
            const y = Math.floor(i / grid);
            const x = i % grid;
            const inside = y >= off && y < off + size && x >= off && x < off + size;
            const centre = y === Math.floor(grid / 2) && x === Math.floor(grid / 2);
            return <rect key={i} x={x * 10} y={y * 10} width={9.5} height={9.5} fill={centre ? '#D55E00' : inside ? '#E69F00' : '#eee'} opacity={inside && !centre ? 0.6 : 1} />;
          })}
        </svg>
        <table className="rf-table">
          <thead><tr><th>layer</th><th>one unit sees</th><th>jump</th></tr></thead>
          <tbody>
            {stack.map((l, i) => <tr key={i}><td>{i + 1}. {l.name}</td><td data-rf={rf[i].size}>{rf[i].size}×{rf[i].size}</td><td>{rf[i].jump}</td></tr>)}
          </tbody>
        </table>
      </div>
      <p className="cnn-note">r<sub>l</sub> = r<sub>l−1</sub> + (k<sub>l</sub> − 1)·j<sub>l−1</sub>, where the jump j is the product of the strides so far.</p>
      <ParamControls params={params} keys={['layers', 'k', 'poolEvery']} />
    </ComputeFrame>
  );
}
