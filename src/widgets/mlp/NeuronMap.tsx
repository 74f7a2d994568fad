import { useEffect, useRef } from 'react';
import { neuronPixels } from './neuronPixels';

/** One neuron's activation over [-1, 1]^2 as a small canvas (blue below the midpoint, orange above). */
export function NeuronMap({ values, offset, size, mid = 0, px = 40, label }: { values: ArrayLike<number> | null; offset: number; size: number; mid?: number; px?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    if (!values || values.length < offset + size * size) {
      ctx.clearRect(0, 0, size, size);
      return;
    }
    ctx.putImageData(new ImageData(neuronPixels(values, offset, size, mid) as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
  }, [values, offset, size, mid]);
  return <canvas ref={ref} className="neuron-map" width={size} height={size} style={{ width: px, height: px }} role="img" aria-label={label} title={label} />;
}
