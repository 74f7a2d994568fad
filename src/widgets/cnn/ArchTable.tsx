import { useMemo } from 'react';
import { countLayers, totals } from '../../engine/math/archCounts';
import { ARCH_NAMES, ARCHS, type ArchName } from '../../engine/math/archSpecs';
import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';

const PARAMS = {
  net: {
    kind: 'choice', label: 'Network', default: 'alexnet2', options: ARCH_NAMES,
    optionLabels: Object.fromEntries(ARCH_NAMES.map((n) => [n, ARCHS[n].name])),
  },
} as const satisfies Schema;

const int = (v: number) => v.toLocaleString('en-GB');
/** 62,378,344 → "62.4 M"; 1,135,256,096 → "1.14 G". */
export function short(v: number): string {
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)} G`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)} M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)} k`;
  return String(v);
}

/** A bar of `share` (0..1) of the row's width. */
function Bar({ share, color }: { share: number; color: string }) {
  return <span className="prob-bar" style={{ width: '5rem', display: 'inline-block', verticalAlign: 'middle' }}><i style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%`, background: color }} /></span>;
}

/**
 * Chapter 6's computes table: every layer of an ImageNet network with its output shape,
 * parameters and multiply-adds, counted from its layer list, and each layer's share.
 */
export function ArchTable({ id = 'arch', title = 'Where the parameters and the arithmetic are', ...preset }: { id?: string; title?: string; net?: string }) {
  const params = useWidgetParams(id, PARAMS, preset);
  const net = params.values.net as ArchName;
  const { rows, sum, error } = useMemo(() => {
    try {
      const rows = countLayers(ARCHS[net]);
      return { rows, sum: totals(rows), error: null };
    } catch (e) {
      return { rows: [], sum: { params: 0, weights: 0, macs: 0 }, error: (e as Error).message };
    }
  }, [net]);
  const spec = ARCHS[net];
  const errors = error ? [...params.errors, `Cannot count ${spec.name}: ${error}.`] : params.errors;
  const top = rows.reduce((best, r) => (r.params > best.params ? r : best), rows[0] ?? { name: '', params: 0 });
  return (
    <ComputeFrame id={id} title={title} errors={errors}
      summary={`${spec.name}: ${int(sum.params)} parameters and ${short(sum.macs)} multiply-adds per image; the largest layer, ${top.name}, holds ${sum.params ? Math.round((100 * top.params) / sum.params) : 0}% of the parameters.`}>
      <p className="cnn-note" style={{ marginTop: 0 }}>{spec.variant}</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="rf-table" aria-label={`${spec.name}, layer by layer`}>
          <thead>
            <tr><th>layer</th><th>output C×H×W</th><th style={{ textAlign: 'right' }}>parameters</th><th>share</th><th style={{ textAlign: 'right' }}>multiply-adds</th><th>share</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-layer={r.name}>
                <td>{r.name}</td>
                <td>{r.shape.join('×')}</td>
                <td style={{ textAlign: 'right' }}>{r.params ? int(r.params) : '–'}</td>
                <td><Bar share={r.params / sum.params} color={seriesColor(0)} /></td>
                <td style={{ textAlign: 'right' }}>{r.macs ? short(r.macs) : '–'}</td>
                <td><Bar share={r.macs / sum.macs} color={seriesColor(1)} /></td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><th>total</th><td /><th style={{ textAlign: 'right' }} data-readout="params">{int(sum.params)}</th><td /><th style={{ textAlign: 'right' }} data-readout="macs">{short(sum.macs)}</th><td /></tr>
          </tfoot>
        </table>
      </div>
      <ParamControls params={params} keys={['net']} />
    </ComputeFrame>
  );
}
