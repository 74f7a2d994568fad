import { memo, useEffect, useRef } from 'react';
import type { Points2D } from '../../engine/data/classification2d';
import { decisionPixels } from '../../viz/heatmap';
import { seriesColor } from '../../viz/palette';

interface Props {
  probs: ArrayLike<number> | null;
  size: number;
  train: Points2D;
  test: Points2D;
  width: number;
  label: string;
  onClickPoint(x: number, y: number): void;
}

/**
 * The playground's output map: class probabilities as a canvas heatmap and the
 * points on a second canvas, drawn only when the data change. Hundreds of SVG
 * circles re-rendered at every view cost more main-thread time than training.
 */
export const OutputMap = memo(function OutputMap({ probs, size, train, test, width, label, onClickPoint }: Props) {
  const heat = useRef<HTMLCanvasElement>(null);
  const dots = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = heat.current?.getContext('2d');
    if (!ctx) return;
    if (!probs || probs.length < size * size * 2) ctx.clearRect(0, 0, size, size);
    else ctx.putImageData(new ImageData(decisionPixels(probs, size, 2) as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
  }, [probs, size]);
  useEffect(() => {
    const c = dots.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    c.width = width * dpr;
    c.height = width * dpr;
    ctx.scale(dpr, dpr);
    const at = (x: number, y: number) => [((x + 1) / 2) * width, ((1 - y) / 2) * width] as const;
    train.x.forEach((x, i) => {
      const [px, py] = at(x, train.y[i]);
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      ctx.fillStyle = seriesColor(train.label[i]);
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 0.8;
      ctx.stroke();
    });
    test.x.forEach((x, i) => {
      const [px, py] = at(x, test.y[i]);
      ctx.beginPath();
      ctx.arc(px, py, 3, 0, 2 * Math.PI);
      ctx.strokeStyle = seriesColor(test.label[i]);
      ctx.lineWidth = 1.4;
      ctx.stroke();
    });
  }, [train, test, width]);
  return (
    <div className="output-map" style={{ width, height: width, position: 'relative', cursor: 'crosshair' }}
      onClick={(ev) => {
        const r = ev.currentTarget.getBoundingClientRect();
        onClickPoint(((ev.clientX - r.left) / r.width) * 2 - 1, 1 - ((ev.clientY - r.top) / r.height) * 2);
      }}>
      <canvas ref={heat} width={size} height={size} style={{ position: 'absolute', inset: 0, width, height: width, imageRendering: 'pixelated' }} aria-hidden="true" />
      <canvas ref={dots} style={{ position: 'absolute', inset: 0, width, height: width }} role="img"
        aria-label={`${label}: ${train.x.length} training points (filled), ${test.x.length} test points (hollow); click to add a point`} />
    </div>
  );
});
