import { useEffect, useRef } from 'react';
import { decisionPixels } from './heatmap';
import { seriesColor } from './palette';

interface Props {
  /** Class probabilities on a size x size grid over [-1, 1]^2, `classes` per cell, row-major from the top-left. */
  probs: ArrayLike<number> | null;
  size: number;
  classes: number;
  points?: { x: number[]; y: number[]; label: number[] };
  /** Points drawn hollow, e.g. the test set. */
  hollow?: { x: number[]; y: number[]; label: number[] };
  width?: number;
  label?: string;
  /** Called with data coordinates when the reader clicks (e.g. to add a point). */
  onClickPoint?: (x: number, y: number) => void;
}

/** A classifier's decision regions as a canvas heatmap over [-1, 1]^2, with the data on top in SVG. */
export function DecisionMap({ probs, size, classes, points, hollow, width = 260, label = 'decision regions', onClickPoint }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    if (!probs) {
      ctx.clearRect(0, 0, size, size);
      return;
    }
    ctx.putImageData(new ImageData(decisionPixels(probs, size, classes) as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
  }, [probs, size, classes]);
  const sx = (v: number) => ((v + 1) / 2) * width;
  const sy = (v: number) => ((1 - v) / 2) * width;
  return (
    <div className="decision-map" style={{ width, height: width, position: 'relative' }}>
      <canvas ref={canvas} width={size} height={size} style={{ width, height: width, imageRendering: 'pixelated' }} aria-hidden="true" />
      <svg
        viewBox={`0 0 ${width} ${width}`}
        role="img"
        aria-label={`${label}: ${points?.x.length ?? 0} training points${hollow ? `, ${hollow.x.length} test points` : ''}`}
        style={{ position: 'absolute', inset: 0 }}
        onClick={(ev) => {
          if (!onClickPoint) return;
          const r = (ev.currentTarget as SVGSVGElement).getBoundingClientRect();
          onClickPoint(((ev.clientX - r.left) / r.width) * 2 - 1, 1 - ((ev.clientY - r.top) / r.height) * 2);
        }}
      >
        {points?.x.map((x, i) => (
          <circle key={`p${i}`} cx={sx(x)} cy={sy(points.y[i])} r={3.2} fill={seriesColor(points.label[i])} stroke="#fff" strokeWidth={0.8} />
        ))}
        {hollow?.x.map((x, i) => (
          <circle key={`h${i}`} cx={sx(x)} cy={sy(hollow.y[i])} r={3.2} fill="none" stroke={seriesColor(hollow.label[i])} strokeWidth={1.4} />
        ))}
      </svg>
    </div>
  );
}
