import { memo } from 'react';
import type { Mat } from '../../engine/math/selfAttention';
import { imageRgba } from '../../viz/ImageCanvas';

/** How a matrix's numbers are coloured: signed values on a blue-white-orange scale, or weights in [0, 1] in ink. */
export type GridMode = 'signed' | 'weights';

/** At most 60% of full colour, so that the printed numbers keep their contrast (axe checks it) on every cell. */
export function cellColour(v: number, range: number): string {
  if (!Number.isFinite(v)) return '#d9d9d9';
  const px = imageRgba([0.6 * v], 1, 1, 1, 0, 'diverging', range);
  return `rgb(${px[0]},${px[1]},${px[2]})`;
}

/** "−∞" for a blocked score, otherwise the number with `digits` decimals (a true minus sign). */
export function formatCell(v: number, digits = 2): string {
  if (v === -Infinity) return '−∞';
  if (!Number.isFinite(v)) return 'NaN';
  const s = v.toFixed(digits);
  return (s.startsWith('-') && Number(s) !== 0 ? '−' + s.slice(1) : s.replace(/^-/, ''));
}

interface Props {
  m: Mat;
  /** Name for screen readers and the test contract (data-matrix). */
  name: string;
  caption: string;
  rowLabels: readonly string[];
  colLabels?: readonly string[];
  mode?: GridMode;
  digits?: number;
}

/**
 * A small matrix as a table of coloured cells with its numbers printed; hovering a cell names its row and column
 * (title). Blocked scores (−∞) are grey and read "−∞". Memoised: the calculator re-renders it only when it changes.
 */
export const MatrixGrid = memo(function MatrixGrid({ m, name, caption, rowLabels, colLabels, mode = 'signed', digits = 2 }: Props) {
  let range = 0;
  for (const v of m.data) if (Number.isFinite(v)) range = Math.max(range, Math.abs(v));
  const cols = colLabels ?? Array.from({ length: m.cols }, (_, j) => String(j + 1));
  return (
    <figure className="matrix">
      <figcaption>{caption} <small>{m.rows}×{m.cols}</small></figcaption>
      <table className={`matrix-grid ${mode}`} data-matrix={name} aria-label={`${caption}, ${m.rows} by ${m.cols}`}>
        <thead>
          <tr><th scope="col"><span className="visually-hidden">row</span></th>{cols.map((c, j) => <th key={j} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {Array.from({ length: m.rows }, (_, i) => (
            <tr key={i}>
              <th scope="row">{rowLabels[i]}</th>
              {Array.from({ length: m.cols }, (_, j) => {
                const v = m.data[i * m.cols + j];
                const text = formatCell(v, digits);
                return <td key={j} style={{ background: cellColour(v, mode === 'weights' ? 1 : range) }} title={`${rowLabels[i]}, ${cols[j]}: ${v === -Infinity ? '−∞ (masked)' : formatCell(v, 4)}`} data-v={Number.isFinite(v) ? v : v === -Infinity ? '-inf' : 'nan'}>{text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
});
