import { useMemo, useState } from 'react';
import { conv2d, convMacs, outSize, pool, terms, type Maps } from '../../engine/math/conv';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import { inputMaps, presetKernel } from './convExplorerData';
import './cnn.css';

const PARAMS = {
  image: { kind: 'choice', label: 'Input', default: 'seven', options: ['seven', 'edge', 'checker', 'ramp'] },
  channels: { kind: 'number', label: 'Input channels', default: 1, min: 1, max: 3, integer: true, help: 'Extra channels are the mirrored and the inverted image; each has its own kernel slice, and the products of all channels add up.' },
  outputs: { kind: 'number', label: 'Output channels', default: 1, min: 1, max: 3, integer: true, help: 'Each output channel has its own kernel (a slice per input channel): here the chosen one, its transpose, and a blur.' },
  kernel: { kind: 'choice', label: 'Kernel', default: 'vertical edge', options: ['identity', 'blur', 'vertical edge', 'horizontal edge', 'sharpen'] },
  k: { kind: 'choice', label: 'Kernel size k', default: '3', options: ['1', '3', '5'] },
  pad: { kind: 'number', label: 'Padding p', default: 0, min: 0, max: 3, integer: true },
  stride: { kind: 'number', label: 'Stride s', default: 1, min: 1, max: 3, integer: true },
  pool: { kind: 'choice', label: 'Then pool 2×2', default: 'none', options: ['none', 'max', 'avg'] },
} as const satisfies Schema;

/** kᵀ: the transposed kernel (a vertical edge detector becomes a horizontal one). */
const transpose = (k: number[][]) => k[0].map((_, j) => k.map((row) => row[j]));

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** Grid of one channel of maps; padded cells shown hatched; `hit` marks the cells under the kernel. */
function Grid({ m, c = 0, pad = 0, hit, onHover, hover }: { m: Maps; c?: number; pad?: number; hit?: (y: number, x: number) => boolean; onHover?: (y: number, x: number) => void; hover?: [number, number] | null }) {
  const rows = [];
  for (let y = -pad; y < m.h + pad; y++) {
    const cells = [];
    for (let x = -pad; x < m.w + pad; x++) {
      const inside = y >= 0 && x >= 0 && y < m.h && x < m.w;
      const cls = [inside ? '' : 'pad', hit?.(y, x) ? 'hit' : '', hover && hover[0] === y && hover[1] === x ? 'out-hover' : ''].join(' ').trim();
      cells.push(
        <td key={x} className={cls} onMouseEnter={onHover && inside ? () => onHover(y, x) : undefined} onFocus={onHover && inside ? () => onHover(y, x) : undefined} tabIndex={onHover && inside ? 0 : undefined}>
          {inside ? fmt(m.data[(c * m.h + y) * m.w + x]) : 0}
        </td>,
      );
    }
    rows.push(<tr key={y}>{cells}</tr>);
  }
  return <table className="conv-grid"><tbody>{rows}</tbody></table>;
}

/**
 * Convolution by hand: an 8x8 input, a kernel to pick or edit, padding and
 * stride; the output size formula with the numbers filled in, and every
 * multiply-add of the output cell under the pointer.
 */
export function ConvExplorer({ id = 'conv', title = 'Convolution, one multiply-add at a time', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', string | number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = { ...params.values, k: Number(params.values.k) };
  const [edits, setEdits] = useState<{ key: string; kernel: number[][] } | null>(null);
  const key = `${v.kernel}|${v.k}`;
  const base = useMemo(() => presetKernel(v.kernel, v.k), [v.kernel, v.k]);
  const kernel2d = edits?.key === key ? edits.kernel : base;
  const input = useMemo(() => inputMaps(v.image, v.channels), [v.image, v.channels]);
  // Output channel o has its own 2-D kernel, repeated on every input channel: kernel[o][c] (c_out x c_in x k x k).
  const perOutput = [kernel2d, transpose(kernel2d), presetKernel('blur', v.k)].slice(0, v.outputs);
  const kernel = perOutput.map((k2) => Array.from({ length: v.channels }, () => k2));
  const out = conv2d(input, kernel, v.pad, v.stride);
  const pooled = v.pool === 'none' || out.h < 2 ? null : pool(out, 2, 2, v.pool);
  const [hover, setHover] = useState<{ o: number; y: number; x: number } | null>(null);
  const hov = hover && hover.o < v.outputs && hover.y < out.h && hover.x < out.w ? hover : out.h > 0 ? { o: 0, y: 0, x: 0 } : null;
  const h = hov ? ([hov.y, hov.x] as [number, number]) : null;
  const ts = hov ? terms(input, kernel, hov.o, hov.y, hov.x, v.pad, v.stride) : [];
  const hit = (y: number, x: number) => !!h && y >= h[0] * v.stride - v.pad && y < h[0] * v.stride - v.pad + v.k && x >= h[1] * v.stride - v.pad && x < h[1] * v.stride - v.pad + v.k;
  const setCell = (i: number, j: number, raw: string) => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) return;
    const next = kernel2d.map((r) => [...r]);
    next[i][j] = n;
    setEdits({ key, kernel: next });
  };
  const oh = outSize(8, v.k, v.pad, v.stride);
  return (
    <ComputeFrame id={id} title={title} errors={params.errors}
      summary={`Output ${v.outputs}×${oh}×${oh}: ⌊(8 + 2·${v.pad} − ${v.k}) / ${v.stride}⌋ + 1 per side; ${convMacs(8, 8, v.channels, v.outputs, v.k, v.pad, v.stride)} multiply-adds in all.`}>
      <div className="widget-grid cnn-panel">
        <div>
          <h4>Input, channel 1 of {v.channels} (padding hatched)</h4>
          <Grid m={input} pad={v.pad} hit={hit} />
        </div>
        <div>
          <h4>Kernel {v.k}×{v.k} (type to edit)</h4>
          <table className="conv-grid"><tbody>
            {kernel2d.map((r, i) => <tr key={i}>{r.map((w, j) => <td key={j}><input aria-label={`kernel row ${i + 1} column ${j + 1}`} data-kernel-cell={`${i},${j}`} defaultValue={String(w)} key={`${key}|${edits?.key === key ? 'e' : 'p'}|${w}`} onBlur={(e) => setCell(i, j, e.target.value)} /></td>)}</tr>)}
          </tbody></table>
          {edits?.key === key && <button onClick={() => setEdits(null)}>Back to the preset</button>}
          <p className="cnn-note">Output size: ⌊(n + 2p − k) / s⌋ + 1 = ⌊(8 + {2 * v.pad} − {v.k}) / {v.stride}⌋ + 1 = <b data-readout="out-size">{oh}</b></p>
        </div>
        <div>
          {out.h > 0 ? (
            perOutput.map((_, o) => (
              <div key={o}>
                <h4>Output channel {o + 1} of {v.outputs}: {out.h}×{out.w} (hover a cell)</h4>
                <Grid m={out} c={o} onHover={(y, x) => setHover({ o, y, x })} hover={hov?.o === o ? h : null} />
              </div>
            ))
          ) : (
            <p className="widget-alert">The kernel does not fit: add padding or use a smaller kernel.</p>
          )}
          {pooled && perOutput.map((_, o) => (<div key={`p${o}`}><h4>Channel {o + 1} after {v.pool} pooling 2×2, stride 2: {pooled.h}×{pooled.w}</h4><Grid m={pooled} c={o} /></div>))}
        </div>
        <div>
          <h4>Output{v.outputs > 1 && hov ? ` channel ${hov.o + 1}` : ''} ({h ? `${h[0] + 1}, ${h[1] + 1}` : '–'}) = {ts.length} multiply-adds</h4>
          <div className="terms" data-terms={ts.length} tabIndex={0} role="group" aria-label="the multiply-adds of this output">
            {ts.map((t, i) => <div key={i}>{v.channels > 1 ? `ch${t.c + 1} ` : ''}{t.padding ? '0 (pad)' : fmt(t.value)} × {fmt(t.weight)}{i < ts.length - 1 ? ' +' : ''}</div>)}
            <div>= <b>{formatNumber(ts.reduce((s, t) => s + t.value * t.weight, 0), 4)}</b></div>
          </div>
        </div>
      </div>
      <ParamControls params={params} keys={['image', 'channels', 'outputs', 'kernel', 'k', 'pad', 'stride', 'pool']} />
    </ComputeFrame>
  );
}
