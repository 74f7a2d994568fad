import { useEffect, useMemo, useRef, useState } from 'react';
import { preprocessDrawing, SIDE } from '../../engine/data/digitTransforms';
import type { LenetAnswer } from '../../engine/models/lenet';
import { ImageCanvas } from '../../viz/ImageCanvas';
import { ProbBars } from '../../viz/ProbBars';
import { ComputeFrame } from '../kit/ComputeFrame';
import { usePeer } from '../kit/peers';
import { DrawCanvas, INK_SIDE } from './DrawCanvas';
import { modelLine, padReport, padVerdict, shownProbs, type LenetPeer, type PadDrawing } from './padVerdict';
import './cnn.css';

let lastTag = 0;
const blank = (): PadDrawing => ({ pixels: new Array<number>(SIDE * SIDE).fill(0), tag: ++lastTag });

/**
 * Draw a digit; the LeNet that the reader trains in the LeNet figure `lenet`
 * reads it, with its current weights: the pad asks that figure's trainer
 * (TrainerHandle.ask) again whenever the drawing changes or the network has
 * trained further. The drawing goes through MNIST's own preprocessing (ink box
 * scaled to 20x20, centre of mass at the centre of 28x28) before the network
 * sees it. A blank pad is classified too.
 */
export function DigitPad({ id = 'digit-pad', title = 'Draw a digit for the network', lenet = 'lenet' }: { id?: string; title?: string; lenet?: string }) {
  const [drawing, setDrawing] = useState<PadDrawing>(blank);
  const [clearKey, setClearKey] = useState(0);
  const peer = usePeer<LenetPeer>(lenet);
  const [answer, setAnswer] = useState<(LenetAnswer & { tag: number }) | null>(null);
  /** The question last asked (drawing tag | network | step): each asked once, one in flight at a time. */
  const asked = useRef('');
  const busy = useRef(false);
  const [answered, setAnswered] = useState(0);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);

  // Asks again when the drawing changes and each time the figure reports a new step (at most once a render of it).
  const ask = peer && peer.state !== 'loading' ? peer.ask : null;
  const step = peer?.step ?? 0;
  const network = peer?.network ?? '';
  useEffect(() => {
    const key = `${drawing.tag}|${network}|${step}`;
    if (!ask || busy.current || asked.current === key) return;
    asked.current = key;
    busy.current = true;
    const tag = drawing.tag;
    ask({ classify: drawing.pixels })
      .then((a) => mounted.current && setAnswer({ ...a, tag }))
      .catch(() => undefined) // the figure's trainer is rebuilding or gone: its next step asks again
      .finally(() => {
        busy.current = false;
        if (mounted.current) setAnswered((n) => n + 1); // the network may have moved on meanwhile
      });
  }, [ask, network, step, drawing, answered]);

  const preview = useMemo(() => Float32Array.from(drawing.pixels), [drawing]);
  const onStroke = (ink: Float32Array) => {
    const img = preprocessDrawing(ink, INK_SIDE);
    setDrawing({ pixels: Array.from(img, (v) => Math.round(v * 1000) / 1000), tag: ++lastTag });
  };

  const report = padReport(peer, answer);
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
