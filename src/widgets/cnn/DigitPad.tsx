import { useMemo, useState } from 'react';
import { preprocessDrawing, SIDE } from '../../engine/data/digitTransforms';
import type { LenetConfig } from '../../engine/models/lenet';
import { DEFAULT_ARCH } from '../../engine/nn/lenetNet';
import { ImageCanvas } from '../../viz/ImageCanvas';
import { ProbBars } from '../../viz/ProbBars';
import type { Schema } from '../kit/params';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { DrawCanvas, INK_SIDE } from './DrawCanvas';
import { mnistUrl } from './useDataUrl';
import './cnn.css';

const PARAMS = {
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: 0.002, min: 0.0001, max: 0.1, log: true },
} as const satisfies Schema;

/**
 * Draw a digit; a LeNet that trains in this figure reads it. The drawing goes
 * through MNIST's own preprocessing (ink box scaled to 20x20, centre of mass
 * at the centre of 28x28) before the network sees it.
 */
export function DigitPad({ id = 'digit-pad', title = 'Draw a digit for the network', ...preset }: { id?: string; title?: string; lr?: number; seed?: number }) {
  const params = useWidgetParams(id, PARAMS, preset);
  const [drawn, setDrawn] = useState<number[] | null>(null);
  const [clearKey, setClearKey] = useState(0);
  const [retry, setRetry] = useState(0);
  const config: LenetConfig = {
    dataUrl: mnistUrl(), arch: DEFAULT_ARCH, optimizer: 'adam', learningRate: params.values.lr, batchSize: 32, trainSize: 8000,
    augment: { shift: 2, rotate: 10 }, chosen: 0, drawn, details: false,
  };
  const trainer = useTrainer('lenet', config, params.values.seed, `${params.values.seed}|${retry}`);
  const probs = trainer.view?.drawnProbs as number[] | undefined;
  const acc = trainer.view?.testAcc as number | undefined;
  const best = probs ? probs.reduce((bi, p, i) => (p > probs[bi] ? i : bi), 0) : null;
  const preview = useMemo(() => (drawn ? Float32Array.from(drawn) : new Float32Array(SIDE * SIDE)), [drawn]);

  const onStroke = (ink: Float32Array) => {
    const img = preprocessDrawing(ink, INK_SIDE);
    setDrawn(img.some((v) => v > 0) ? Array.from(img, (v) => Math.round(v * 1000) / 1000) : null);
  };

  let verdict = 'Draw a digit in the box.';
  // MNIST training digits average 13% ink over the 28x28 image; a pad filled with ink (51% after preprocessing) is not a digit, whatever the softmax says.
  const inkShare = drawn ? drawn.reduce((a, x) => a + x, 0) / drawn.length : 0;
  if (drawn && probs && best !== null) {
    const p = probs[best];
    verdict = inkShare > 0.35
      ? `This is mostly solid ink, not a digit: the network's answer (${best}, ${(p * 100).toFixed(0)}%) means little.`
      : p < 0.5 ? `Unsure: ${best} at ${(p * 100).toFixed(0)}%. This drawing is far from any digit the network has seen.` : `The network reads a ${best} (${(p * 100).toFixed(0)}%).`;
  }
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={`Press Play to train (test accuracy now ${acc === undefined ? '–' : `${(acc * 100).toFixed(1)}%`}), then draw. ${verdict}`}>
      {trainer.state === 'loading' && trainer.error && <p className="widget-alert" role="alert">The digits did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      <div className="widget-grid cnn-panel">
        <div>
          <DrawCanvas onStroke={onStroke} clearKey={clearKey} />
          <p><button data-action="clear" onClick={() => { setClearKey((k) => k + 1); setDrawn(null); }}>Clear</button></p>
        </div>
        <div>
          <h4>What the network sees (28×28)</h4>
          <ImageCanvas data={preview} w={28} h={28} scale={4} range={1} label="the drawing after MNIST preprocessing" />
        </div>
        <div data-prediction={drawn && best !== null ? best : ''}>
          <h4>Probabilities</h4>
          {drawn && probs ? <ProbBars probs={probs} /> : <p className="legend">Nothing drawn yet.</p>}
          <p role="status">{verdict}</p>
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
