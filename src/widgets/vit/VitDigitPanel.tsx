import { useEffect, useMemo, useRef } from 'react';
import type { VitDigitsAnswer } from '../../engine/models/vitDigitsConfig';
import { ImageCanvas } from '../../viz/ImageCanvas';
import { attentionPixels, patchOf } from './vitPixels';

/** A 28x28 RGBA image on a canvas, scaled without smoothing. */
function RgbaCanvas({ pixels, size, label }: { pixels: Uint8ClampedArray<ArrayBuffer>; size: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    ref.current?.getContext('2d')?.putImageData(new ImageData(pixels, 28, 28), 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} className="pixel-canvas" style={{ width: size, height: size }} role="img" aria-label={label} />;
}

/**
 * One test digit as the ViT sees it: the image with its patch grid, the patches in reading order (the
 * sequence), the sequence after the patch embedding and positions (tokens x d_model), and the attention
 * over the patches of every layer as a tint over the image.
 */
export function VitDigitPanel({ answer, pooling }: { answer: VitDigitsAnswer | null; pooling: 'cls' | 'mean' }) {
  const p = answer?.patch ?? 7;
  const g = 28 / p;
  const n = g * g;
  const patches = useMemo(() => (answer ? Array.from({ length: n }, (_, i) => patchOf(answer.image, p, i)) : []), [answer, p, n]);
  const tints = useMemo(
    () => (answer ? Array.from({ length: answer.layers }, (_, l) => attentionPixels(answer.image, answer.attention.subarray(l * n, (l + 1) * n), p)) : []),
    [answer, p, n],
  );
  const headTints = useMemo(
    () => (answer ? Array.from({ length: answer.heads }, (_, h) => attentionPixels(answer.image, answer.lastLayerHeads.subarray(h * n, (h + 1) * n), p)) : []),
    [answer, p, n],
  );
  if (!answer) return <p className="vit-note vit-digit">The digit, its patches and the ViT's attention appear once the model is built.</p>;
  const best = (probs: number[]) => probs.reduce((b, x, i) => (x > probs[b] ? i : b), 0);
  const vitSays = best(answer.vitProbs);
  // Patches drawn about 36 px wide (48 for the four big ones), whole screen pixels per image pixel.
  const cell = p === 14 ? 56 : p * Math.max(2, Math.round(36 / p));
  const who = pooling === 'cls' ? 'the class token attends to' : 'the patches receive, averaged over all queries';
  return (
    <div className="vit-digit" data-digit-label={answer.label} data-vit-pred={vitSays}>
      <div className="vit-row">
        <figure>
          <div className="patch-grid" style={{ width: 140, height: 140, backgroundSize: `${140 / g}px ${140 / g}px` }}>
            <ImageCanvas data={answer.image} w={28} h={28} scale={5} range={1} label={`test digit ${answer.label} with its ${g} by ${g} grid of patches`} />
          </div>
          <figcaption>digit {answer.label}, cut into {n} patches of {p}×{p}; ViT reads <b>{vitSays}</b> ({(answer.vitProbs[vitSays] * 100).toFixed(0)}%){answer.lenetProbs.length ? <>, LeNet <b>{best(answer.lenetProbs)}</b></> : null}</figcaption>
        </figure>
        {tints.map((px, l) => (
          <figure key={l} data-layer={l}>
            <RgbaCanvas pixels={px} size={140} label={`attention over the patches in block ${l + 1}`} />
            <figcaption>block {l + 1}: what {who} (orange: more)</figcaption>
          </figure>
        ))}
        <figure className="vit-embed">
          <ImageCanvas data={answer.sequence} w={answer.dModel} h={answer.tokens} scale={Math.max(2, Math.floor(160 / answer.dModel))} mode="diverging" label={`the sequence the encoder reads: ${answer.tokens} tokens of ${answer.dModel} numbers`} />
          <figcaption>the sequence: {answer.tokens} rows (tokens{pooling === 'cls' ? ', class token on top' : ''}) × {answer.dModel} numbers, patch embedding plus position</figcaption>
        </figure>
      </div>
      <div className="vit-heads" role="group" aria-label={`block ${answer.layers}, head by head`}>
        <span className="vit-note">block {answer.layers}, head by head:</span>
        {headTints.map((px, h) => <RgbaCanvas key={h} pixels={px} size={70} label={`head ${h + 1} of block ${answer.layers}`} />)}
      </div>
      <div className="patch-seq" role="list" aria-label={`the ${n} patches in reading order`}>
        {pooling === 'cls' && <span className="patch-cls" role="listitem" style={{ width: cell, height: cell }}>[CLS]</span>}
        {patches.map((d, i) => (
          <span key={i} role="listitem" className="patch-item" title={`patch ${i + 1}: row ${Math.floor(i / g) + 1}, column ${(i % g) + 1}`}>
            <ImageCanvas data={d} w={p} h={p} scale={cell / p} range={1} label={`patch ${i + 1}`} />
          </span>
        ))}
      </div>
    </div>
  );
}
