import { useEffect, useMemo, useRef } from 'react';
import { seriesColor } from '../../viz/palette';

/** #rrggbb mixed with white: the expert colours stay light enough for the points on top. */
function tint(hex: string, keep: number): [number, number, number] {
  const v = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return v.map((c) => Math.round(255 - (255 - c) * keep)) as [number, number, number];
}

interface Props {
  /** Expert index per cell, size² cells row-major from the top-left of [-1, 1]². */
  cells: number[] | null;
  size: number;
  points: { x: number[]; y: number[]; label: number[] };
  label: string;
}

/** The plane coloured by the expert that serves each cell, with the training points on top (class 0 filled, class 1 hollow). */
export function ExpertMap({ cells, size, points, label }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    if (!cells) return ctx.clearRect(0, 0, size, size);
    const img = ctx.createImageData(size, size);
    cells.forEach((e, i) => {
      const [r, g, b] = tint(seriesColor(e), 0.55);
      img.data.set([r, g, b, 255], 4 * i);
    });
    ctx.putImageData(img, 0, 0);
  }, [cells, size]);
  // The points change only with the seed: made once, so that a view (five a second at speed max) does not
  // reconcile 360 circles (the MoE classifier's renders were the page's longest tasks, 15-25 ms).
  const dots = useMemo(() => {
    const s = (v: number) => ((v + 1) / 2) * 100;
    return points.x.map((x, i) => (points.label[i] === 0
      ? <circle key={i} cx={s(x)} cy={100 - s(points.y[i])} r={0.9} fill="#222" />
      : <circle key={i} cx={s(x)} cy={100 - s(points.y[i])} r={0.9} fill="#fff" stroke="#222" strokeWidth={0.35} />));
  }, [points]);
  return (
    <div className="moe-map">
      <canvas ref={canvas} width={size} height={size} aria-hidden="true" />
      <svg viewBox="0 0 100 100" role="img" aria-label={label}>
        {dots}
      </svg>
    </div>
  );
}
