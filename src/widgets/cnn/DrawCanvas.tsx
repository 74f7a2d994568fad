import { useEffect, useRef } from 'react';

/** Resolution of the ink buffer behind the pad; preprocessing shrinks it to 28x28. */
export const INK_SIDE = 112;

/**
 * A square drawing pad: pointer strokes become ink in a INK_SIDE^2 buffer of
 * values in [0, 1]; `onStroke` fires with the buffer after each stroke.
 */
export function DrawCanvas({ onStroke, clearKey }: { onStroke: (ink: Float32Array) => void; clearKey: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const ink = useRef(new Float32Array(INK_SIDE * INK_SIDE));
  const last = useRef<[number, number] | null>(null);

  useEffect(() => {
    ink.current.fill(0);
    const ctx = canvas.current?.getContext('2d');
    ctx?.clearRect(0, 0, INK_SIDE, INK_SIDE);
  }, [clearKey]);

  const toInk = (e: React.PointerEvent): [number, number] => {
    const r = canvas.current!.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * INK_SIDE, ((e.clientY - r.top) / r.height) * INK_SIDE];
  };

  // A round brush of radius 4.5 (in a 112-pixel box: about MNIST's stroke width after scaling to 20 pixels).
  const dab = (x: number, y: number) => {
    const rad = 4.5;
    for (let yy = Math.floor(y - rad - 1); yy <= y + rad + 1; yy++)
      for (let xx = Math.floor(x - rad - 1); xx <= x + rad + 1; xx++) {
        if (xx < 0 || yy < 0 || xx >= INK_SIDE || yy >= INK_SIDE) continue;
        const d = Math.hypot(xx + 0.5 - x, yy + 0.5 - y);
        const v = Math.max(0, Math.min(1, rad + 0.5 - d));
        const i = yy * INK_SIDE + xx;
        ink.current[i] = Math.max(ink.current[i], v);
      }
  };

  const draw = (from: [number, number], to: [number, number]) => {
    const steps = Math.max(1, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1])));
    for (let s = 0; s <= steps; s++) dab(from[0] + ((to[0] - from[0]) * s) / steps, from[1] + ((to[1] - from[1]) * s) / steps);
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 9;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(from[0], from[1]);
    ctx.lineTo(to[0], to[1]);
    ctx.stroke();
  };

  return (
    <canvas
      ref={canvas}
      className="draw-pad"
      width={INK_SIDE}
      height={INK_SIDE}
      data-control="draw-pad"
      aria-label="Drawing pad: draw one digit with the mouse, a finger or a pen"
      onPointerDown={(e) => {
        (e.target as HTMLCanvasElement).setPointerCapture?.(e.pointerId);
        const p = toInk(e);
        last.current = p;
        draw(p, p);
      }}
      onPointerMove={(e) => {
        if (!last.current) return;
        const p = toInk(e);
        draw(last.current, p);
        last.current = p;
      }}
      onPointerUp={() => {
        if (!last.current) return;
        last.current = null;
        onStroke(ink.current.slice());
      }}
      onPointerLeave={() => {
        if (!last.current) return;
        last.current = null;
        onStroke(ink.current.slice());
      }}
    />
  );
}
