import { ImageCanvas } from '../../viz/ImageCanvas';

/** Pixels per cell, so that a 16 x 16 map stays under 200 px. */
const CELL = 12;

/**
 * One attention matrix (rows: queries, columns: keys, each row summing to 1) drawn as grey ink, with the
 * tokens along both edges. Plain numbers in, no tfjs.
 */
export function AttentionMap({ weights, rows, cols, title, cell = CELL }: { weights: ArrayLike<number>; rows: string[]; cols: string[]; title: string; cell?: number }) {
  const h = rows.length;
  const w = cols.length;
  if (weights.length !== h * w) return null;
  // The strongest key of each query, for screen readers.
  const strongest = rows.map((r, i) => {
    let best = 0;
    for (let j = 1; j < w; j++) if (weights[i * w + j] > weights[i * w + best]) best = j;
    return `${r}→${cols[best]}`;
  });
  return (
    <figure className="attn-map">
      <figcaption>{title}</figcaption>
      <div className="attn-grid" style={{ gridTemplateColumns: `auto ${w * cell}px` }}>
        <span />
        <div className="attn-cols" style={{ width: w * cell }} aria-hidden="true">
          {cols.map((c, j) => <span key={j} style={{ width: cell }}>{c}</span>)}
        </div>
        <div className="attn-rows" aria-hidden="true">
          {rows.map((r, i) => <span key={i} style={{ height: cell, lineHeight: `${cell}px` }}>{r}</span>)}
        </div>
        <ImageCanvas data={weights} w={w} h={h} scale={cell} mode="ink" range={1} label={`${title}: strongest key per query ${strongest.join(', ')}`} />
      </div>
    </figure>
  );
}
