import { useEffect, useRef, useState } from 'react';
import type { ForecastAnswer } from '../../engine/models/forecast';
import { ComputeFrame } from '../kit/ComputeFrame';
import { usePeer } from '../kit/peers';
import type { ForecastPeer } from './ForecastCompare';
import './rnn.css';

const ROWS: { key: keyof ForecastAnswer['gates']; label: string; range: 'unit' | 'signed' }[] = [
  { key: 'f', label: 'forget fₜ', range: 'unit' },
  { key: 'i', label: 'input iₜ', range: 'unit' },
  { key: 'candidate', label: 'candidate c̃ₜ', range: 'signed' },
  { key: 'c', label: 'cell cₜ', range: 'signed' },
  { key: 'o', label: 'output oₜ', range: 'unit' },
  { key: 'h', label: 'hidden hₜ', range: 'signed' },
];

/** Gates in [0, 1] from white to blue; signed values from orange (−) through white to blue (+), cₜ squashed by tanh. */
function colour(v: number, range: 'unit' | 'signed'): string {
  if (range === 'unit') return `rgba(0, 114, 178, ${Math.max(0, Math.min(1, v)).toFixed(2)})`;
  const a = Math.tanh(v);
  return a >= 0 ? `rgba(0, 114, 178, ${a.toFixed(2)})` : `rgba(213, 94, 0, ${(-a).toFixed(2)})`;
}

/**
 * The LSTM the forecaster above has trained, run over one held-out window: for a chosen unit, every gate at
 * every step, as numbers and colours (asked from the trained model through its request path, not random weights).
 */
export function LstmExplorer({ id = 'lstm-cell', forecaster = 'forecast' }: { id?: string; forecaster?: string }) {
  const peer = usePeer<ForecastPeer>(forecaster);
  const [offset, setOffset] = useState(0);
  const [unit, setUnit] = useState(0);
  const [t, setT] = useState(0);
  const [answer, setAnswer] = useState<ForecastAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef('');
  const step = peer?.step ?? 0;
  // ask again when the window changes, or every 25 training steps: the gates follow the training
  const key = `${offset}|${Math.floor(step / 25)}|${peer?.lookBack}|${peer?.units}`;
  useEffect(() => {
    if (!peer || peer.state === 'loading' || peer.state === 'error' || asked.current === key) return;
    asked.current = key;
    peer.ask({ kind: 'gates', offset }).then((a) => { setAnswer(a); setError(null); }, (e: Error) => setError(e.message));
  }, [peer, key, offset]);
  const L = answer ? answer.inputs.length : 0;
  const q = answer?.units ?? 1;
  const u = Math.min(unit, q - 1);
  const now = Math.min(t, Math.max(0, L - 1));
  const at = (k: keyof ForecastAnswer['gates'], step: number, unitIdx: number) => answer!.gates[k][step * q + unitIdx];
  return (
    <ComputeFrame id={id} title="Inside the trained LSTM: gates step by step">
      {!peer && <p className="rnn-note">This explorer reads the LSTM of the forecaster above; scroll up to start it.</p>}
      {error && <p className="widget-alert" role="alert">{error}</p>}
      <p className="rnn-note" data-step={step}>
        {answer ? <>Window ending {answer.dates[L - 1]}, after {step.toLocaleString('en-GB')} training steps: the LSTM predicts <b>{Math.round(answer.prediction).toLocaleString('en-GB')}</b> for the next day; the truth is {Math.round(answer.truth).toLocaleString('en-GB')}.</> : 'Waiting for the forecaster…'}
      </p>
      <div className="widget-controls">
        <label>Held-out window <input type="range" min={0} max={300} value={offset} onChange={(e) => setOffset(Number(e.target.value))} /> {offset}</label>{' '}
        <label>Unit <input type="number" min={0} max={q - 1} value={u} onChange={(e) => setUnit(Math.max(0, Math.min(q - 1, Number(e.target.value) || 0)))} /></label>{' '}
        <button data-action="prev-step" onClick={() => setT(Math.max(0, now - 1))}>◀ step</button>
        <button data-action="next-step" onClick={() => setT(Math.min(L - 1, now + 1))}>step ▶</button>
      </div>
      {answer && (
        <div style={{ overflowX: 'auto' }}>
          <table className="gate-grid" aria-label={`unit ${u}'s gates over the window`}>
            <thead>
              <tr><th>t</th>{answer.inputs.map((_, s) => <th key={s} className={s === now ? 'now' : ''} onClick={() => setT(s)}>{s + 1}</th>)}</tr>
              <tr><th>input xₜ</th>{answer.inputs.map((x, s) => <td key={s} className={s === now ? 'now' : ''}>{x.toFixed(2)}</td>)}</tr>
            </thead>
            <tbody>
              {ROWS.map((r) => (
                <tr key={r.key} data-gate={r.key}>
                  <th>{r.label}</th>
                  {answer.inputs.map((_, s) => {
                    const val = at(r.key, s, u);
                    return <td key={s} className={s === now ? 'now' : ''} style={{ background: colour(val, r.range) }}>{val.toFixed(2)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="rnn-note" data-readout="update">
            Step {now + 1}, unit {u}: c = f·c_prev + i·c̃ = {at('f', now, u).toFixed(3)} × {(now ? at('c', now - 1, u) : 0).toFixed(3)} + {at('i', now, u).toFixed(3)} × {at('candidate', now, u).toFixed(3)} = {at('c', now, u).toFixed(3)};
            h = o·tanh(c) = {at('o', now, u).toFixed(3)} × {Math.tanh(at('c', now, u)).toFixed(3)} = {at('h', now, u).toFixed(3)}.
          </p>
        </div>
      )}
    </ComputeFrame>
  );
}
