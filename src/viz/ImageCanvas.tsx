import { useEffect, useRef } from 'react';

/** How values map to colours: grey ink on white (digits, activations) or a blue-white-orange diverging map (weights). */
export type ImageMode = 'ink' | 'diverging';

interface Props {
  /** Values, read at data[((y * w + x) * stride) + offset]: plain row-major images, or one channel of an HWC tensor. */
  data: ArrayLike<number>;
  w: number;
  h: number;
  /** Screen pixels per image pixel. */
  scale?: number;
  stride?: number;
  offset?: number;
  mode?: ImageMode;
  /** Value mapped to full colour; default: the largest |value| (1 for 'ink' images already in [0, 1]). */
  range?: number;
  label?: string;
}

/** Pure: the RGBA bytes of one image, scaled so that `range` maps to full ink or full colour. */
export function imageRgba(data: ArrayLike<number>, w: number, h: number, stride: number, offset: number, mode: ImageMode, range?: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(w * h * 4));
  let r = range ?? 0;
  if (!r) for (let i = 0; i < w * h; i++) r = Math.max(r, Math.abs(data[i * stride + offset]) || 0);
  if (!(r > 0)) r = 1;
  for (let i = 0; i < w * h; i++) {
    const raw = data[i * stride + offset];
    const v = Number.isFinite(raw) ? Math.max(-1, Math.min(1, raw / r)) : 0;
    let rgb: [number, number, number];
    if (mode === 'ink') {
      const g = 255 - Math.round(255 * Math.max(0, v));
      rgb = [g, g, g];
    } else if (v >= 0) rgb = [255 - Math.round(25 * v), 255 - Math.round(96 * v), 255 - Math.round(255 * v)]; // towards #E69F00
    else rgb = [255 + Math.round(255 * v), 255 + Math.round(141 * v), 255 + Math.round(77 * v)]; // towards #0072B2
    out.set([...rgb, 255], i * 4);
  }
  return out;
}

/** A small image drawn pixel-exact on a canvas (no smoothing). */
export function ImageCanvas({ data, w, h, scale = 4, stride = 1, offset = 0, mode = 'ink', range, label }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(imageRgba(data, w, h, stride, offset, mode, range), w, h), 0, 0);
  }, [data, w, h, stride, offset, mode, range]);
  return <canvas ref={ref} width={w} height={h} className="pixel-canvas" style={{ width: w * scale, height: h * scale }} role="img" aria-label={label} />;
}
