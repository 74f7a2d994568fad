import { useEffect, useRef, useState } from 'react';
import { imageRgba } from '../../viz/ImageCanvas';

interface Props {
  /** Row-major [rows × cols], values in [0, range]. */
  data: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Shown size in CSS pixels (the canvas has one pixel per cell and is scaled without smoothing). */
  size: number;
  label: string;
  rowName: (i: number) => string;
  colName: (j: number) => string;
  range?: number;
  /** 'ink' for weights in [0, 1], 'diverging' for signed values (encodings, dot products). */
  mode?: 'ink' | 'diverging';
  /** What a cell holds, for the readout: "weight", "similarity". */
  valueName?: string;
  rowKind?: string;
  colKind?: string;
  /** The number the readout names for a cell, when `data` holds a rescaled copy for drawing. */
  readValue?: (i: number, j: number) => number;
}

/**
 * A large matrix (attention weights of every query over every key) on a canvas, one pixel per cell; the cell under
 * the pointer is named with its value below the image.
 */
export function HeatCanvas({ data, rows, cols, size, label, rowName, colName, range, mode = 'ink', valueName = 'weight', rowKind = 'query', colKind = 'key', readValue }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || rows * cols === 0) return;
    ctx.putImageData(new ImageData(imageRgba(data, cols, rows, 1, 0, mode, range), cols, rows), 0, 0);
  }, [data, rows, cols, range, mode]);
  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const j = Math.min(cols - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * cols)));
    const i = Math.min(rows - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * rows)));
    setHover(`${rowKind} ${rowName(i)}, ${colKind} ${colName(j)}: ${valueName} ${(readValue ? readValue(i, j) : data[i * cols + j]).toFixed(4)}`);
  };
  return (
    <figure className="heat-canvas">
      <canvas ref={ref} width={cols} height={rows} style={{ width: size, height: size }} role="img" aria-label={label}
        onPointerMove={onMove} onPointerLeave={() => setHover(null)} />
      <figcaption className="legend">{hover ?? `${label} (point at a cell for its ${valueName})`}</figcaption>
    </figure>
  );
}
