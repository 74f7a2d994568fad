import { useEffect, useMemo, useState } from 'react';
import { preprocessDrawing, SIDE } from '../../engine/data/digitTransforms';
import { ImageCanvas } from '../../viz/ImageCanvas';
import { ProbBars } from '../../viz/ProbBars';
import { ComputeFrame } from '../kit/ComputeFrame';
import { DrawCanvas, INK_SIDE } from './DrawCanvas';
import { newDrawingTag, sendDrawing, useLenetReport, withdrawDrawing, type PadDrawing } from './lenetChannel';
import { modelLine, padVerdict, shownProbs } from './padVerdict';
import './cnn.css';

const blank = (): PadDrawing => ({ pixels: new Array<number>(SIDE * SIDE).fill(0), tag: newDrawingTag() });

/**
 * Draw a digit; the LeNet that the reader trains in the LeNet figure `lenet`
 * reads it, with its current weights. The drawing goes through MNIST's own
 * preprocessing (ink box scaled to 20x20, centre of mass at the centre of
 * 28x28) before the network sees it. A blank pad is classified too.
 */
export function DigitPad({ id = 'digit-pad', title = 'Draw a digit for the network', lenet = 'lenet' }: { id?: string; title?: string; lenet?: string }) {
  const [drawing, setDrawing] = useState<PadDrawing>(blank);
  const [clearKey, setClearKey] = useState(0);
  const report = useLenetReport(lenet);

  useEffect(() => {
    sendDrawing(lenet, drawing);
    return () => withdrawDrawing(lenet, drawing.tag);
  }, [lenet, drawing]);

  const preview = useMemo(() => Float32Array.from(drawing.pixels), [drawing]);
  const onStroke = (ink: Float32Array) => {
    const img = preprocessDrawing(ink, INK_SIDE);
    setDrawing({ pixels: Array.from(img, (v) => Math.round(v * 1000) / 1000), tag: newDrawingTag() });
  };

  const verdict = padVerdict(report, drawing);
  const probs = shownProbs(report, drawing);
  const trained = report !== null && report.step > 0;
  return (
    <ComputeFrame id={id} title={title}>
      <p className="cnn-note" data-model={lenet} data-model-step={report?.probsStep ?? ''} data-model-acc={report?.testAcc ?? ''}>
        {modelLine(report)}{report && report.state !== 'running' && trained ? ' Press Play on it to keep training; this pad follows it live.' : ''}
      </p>
      <div className="widget-grid cnn-panel pad-panel">
        <div>
          <DrawCanvas onStroke={onStroke} clearKey={clearKey} />
          <p><button data-action="clear" onClick={() => { setClearKey((k) => k + 1); setDrawing(blank()); }}>Clear</button></p>
        </div>
        <div className="pad-preview">
          <h4>What the network sees (28×28)</h4>
          <ImageCanvas data={preview} w={28} h={28} scale={4} range={1} label="the drawing after MNIST preprocessing" />
        </div>
        <div className="pad-probs" data-prediction={verdict.best ?? ''} data-confidence={verdict.confidence}>
          <h4>Probabilities{trained ? '' : ' (untrained network)'}</h4>
          {probs ? <ProbBars probs={probs} /> : <p className="legend">{trained ? 'Reading…' : 'No trained network yet.'}</p>}
          <p role="status">{verdict.text}</p>
        </div>
      </div>
    </ComputeFrame>
  );
}
