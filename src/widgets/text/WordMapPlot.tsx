import { memo } from 'react';

interface Props {
  words: string[];
  xy: ArrayLike<number>;
  scores: number[];
  /** Words drawn with a label (the strongest pushes each way). */
  labelled: Set<string>;
  width?: number;
  height?: number;
}

/** Colour by push: orange towards spam, blue towards ham, grey near zero. */
function colour(s: number, scale: number): string {
  const a = Math.min(1, Math.abs(s) / scale);
  const mix = (c: number) => Math.round(170 + (c - 170) * a);
  return s > 0 ? `rgb(${mix(213)}, ${mix(94)}, ${mix(0)})` : `rgb(${mix(0)}, ${mix(114)}, ${mix(178)})`;
}

/** The word vectors' first two principal components as a scatter, scaled to fit each frame, the strongest words labelled. */
export const WordMapPlot = memo(function WordMapPlot({ words, xy, scores, labelled, width = 460, height = 320 }: Props) {
  const n = words.length;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xy[2 * i]); x1 = Math.max(x1, xy[2 * i]);
    y0 = Math.min(y0, xy[2 * i + 1]); y1 = Math.max(y1, xy[2 * i + 1]);
  }
  const pad = 24;
  // Labels run to the right of their point: leave room for a word at the right edge.
  const sx = (x: number) => pad + ((x - x0) / Math.max(1e-9, x1 - x0)) * (width - pad - 80);
  const sy = (y: number) => height - pad - ((y - y0) / Math.max(1e-9, y1 - y0)) * (height - 2 * pad);
  const scale = Math.max(1e-6, ...scores.map(Math.abs));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => Number(labelled.has(words[a])) - Number(labelled.has(words[b])));
  return (
    <svg className="word-map" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`${n} word vectors projected on their first two principal components`}>
      <text x={width / 2} y={height - 4} textAnchor="middle" fill="currentColor">first principal component</text>
      <text x={10} y={height / 2} textAnchor="middle" fill="currentColor" transform={`rotate(-90 10 ${height / 2})`}>second</text>
      {n > 0 && order.map((i) => {
        const x = sx(xy[2 * i]);
        const y = sy(xy[2 * i + 1]);
        const lab = labelled.has(words[i]);
        return (
          <g key={words[i]}>
            <circle cx={x} cy={y} r={lab ? 3.5 : 2.2} fill={colour(scores[i], scale)} opacity={lab ? 1 : 0.7}><title>{`${words[i]}: push ${scores[i].toFixed(3)}`}</title></circle>
            {lab && <text x={x + 5} y={y + 3} fill={colour(scores[i], scale)} fontWeight={600}>{words[i]}</text>}
          </g>
        );
      })}
    </svg>
  );
});
