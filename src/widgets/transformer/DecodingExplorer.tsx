import { memo, useEffect, useMemo, useState } from 'react';
import type { DecodeAnswer, DecoderPeer, DecodeRequest } from '../../engine/decodeRequest';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { usePeer } from '../kit/peers';
import { useWidgetParams } from '../kit/useWidgetParams';
import { BeamTree } from './BeamTree';
import { showChar } from './showChar';
import './transformer.css';

const PARAMS = {
  method: { kind: 'choice', label: 'Method', default: 'greedy', options: ['greedy', 'beam', 'sample'], optionLabels: { greedy: 'greedy (argmax)', beam: 'beam search', sample: 'sampling (τ, top-k, top-p)' } },
  width: { kind: 'number', label: 'Beam width', default: 4, min: 0, max: 1000, integer: true, help: 'Beam search only; clamped to 1 to 16.' },
  temp: { kind: 'number', label: 'Temperature τ', default: 1, min: 0, max: 5, help: 'Sampling only; 0 is greedy.' },
  topK: { kind: 'number', label: 'Top-k (0: off)', default: 0, min: 0, max: 1000, integer: true, help: 'Sampling only.' },
  topP: { kind: 'number', label: 'Top-p (1: off)', default: 1, min: 0, max: 1, help: 'Sampling only; 0 keeps only the likeliest token.' },
  length: { kind: 'number', label: 'Tokens to generate', default: 60, min: 1, max: 1000, integer: true, help: 'Clamped by each model (beam search: 80 at most).' },
  source: { kind: 'text', label: 'Model (widget id)', default: '', maxLength: 40, allowed: /[a-z0-9-]/, allowedHint: 'a widget id' },
} as const satisfies Schema;

/** The source is chosen from the list of models on the page (and kept in share links), not typed. */
const CONTROL_KEYS: (keyof typeof PARAMS | 'seed')[] = ['method', 'width', 'temp', 'topK', 'topP', 'length', 'seed'];

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const INPUT_MAX = 2000;

/** Every source the page holds, in the order given: a fixed list per page, so the hooks run in the same order. */
function usePeers(ids: string[]): (DecoderPeer | null)[] {
  // A hook per id in a loop: `ids` comes from a literal prop, so the calls keep their order on every render.
  return ids.map((id) => usePeer<DecoderPeer>(id));
}

/**
 * Decoding explorer: greedy decoding, beam search (with the tree it explored) and sampling with
 * temperature, top-k and top-p, on any model on the page that publishes a DecoderPeer (the character
 * GPT, the toy Transformer); each generated token can be clicked for the distribution it was chosen from.
 */
export function DecodingExplorer({ id = 'decoding', title = 'Decoding: greedy, beam search and sampling', sources = 'gpt', ...preset }: { id?: string; title?: string; sources?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const ids = useMemo(() => sources.split(',').map((s) => s.trim()).filter(Boolean), [sources]);
  const peers = usePeers(ids);
  const present = ids.map((sid, i) => ({ sid, peer: peers[i] })).filter((e): e is { sid: string; peer: DecoderPeer } => e.peer !== null);
  const chosen = present.find((e) => e.sid === v.source) ?? present[0] ?? null;
  const peer = chosen?.peer ?? null;

  const [input, setInput] = useState<string | null>(null);
  useEffect(() => setInput(null), [chosen?.sid]);
  const text = input ?? peer?.exampleInput ?? '';
  const [answer, setAnswer] = useState<{ a: DecodeAnswer; method: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState(0);

  const request: DecodeRequest = { type: 'decode', input: text.slice(0, INPUT_MAX), method: v.method as DecodeRequest['method'], maxLength: v.length };
  if (v.method === 'beam') request.beamWidth = v.width;
  if (v.method === 'sample') Object.assign(request, { temperature: v.temp, topK: v.topK > 0 ? v.topK : undefined, topP: v.topP, seed: v.seed });
  const run = () => {
    if (!peer) return;
    setBusy(true);
    peer.ask(request).then(
      (a) => (setAnswer({ a, method: request.method }), setError(null), setPicked(0)),
      (e: Error) => setError(e.message || String(e)),
    ).finally(() => setBusy(false));
  };

  const errors = [...params.errors];
  if (v.source && !present.some((e) => e.sid === v.source) && present.length) errors.push(`No model "${v.source}" on this page; using ${present[0].sid}.`);
  const a = answer?.a ?? null;
  const loading = peer && peer.state === 'loading';

  return (
    <ComputeFrame id={id} title={title} errors={errors} className="widget-wide"
      summary={a ? `${answer!.method}: "${a.output.slice(0, 80)}" (log-probability ${formatNumber(a.logProb, 3)} over ${a.steps.length} tokens).` : 'Pick a model and a method, then Decode.'}>
      {present.length === 0 ? (
        <p className="legend" role="status" data-no-source>No model to decode on this page yet: the models this explorer reads ({ids.join(', ')}) appear once their figures load.</p>
      ) : (
        <>
          <div className="dec-controls">
            {present.length > 1 && (
              <label>Model{' '}
                <select data-control="source" value={chosen!.sid} onChange={(e) => params.set('source', e.target.value)}>
                  {present.map((e) => <option key={e.sid} value={e.sid}>{e.peer.title}</option>)}
                </select>
              </label>
            )}
            {present.length === 1 && <span>Model: {peer!.title}, step {peer!.step.toLocaleString('en-GB')}</span>}
          </div>
          <label className="dec-input">
            <span>Input: {peer!.inputHint}</span>
            <textarea data-control="input" rows={2} value={text} maxLength={INPUT_MAX} spellCheck={false} onChange={(e) => setInput(e.target.value)} />
          </label>
          <ParamControls params={params} keys={CONTROL_KEYS} />
          <p>
            <button data-action="decode" onClick={run} disabled={busy || Boolean(loading)}>{busy ? 'Decoding…' : 'Decode'}</button>{' '}
            {loading && <span className="legend">The model is loading.</span>}
            {peer && !loading && peer.step === 0 && <span className="legend">The model is untrained (step 0): train it above first, or see what random weights say.</span>}
          </p>
          {error && <p className="widget-alert" role="alert">{error}</p>}
          {a?.message && <p className="legend" role="status" data-message>{a.message}</p>}
          {a && <DecodeResult a={a} picked={picked} onPick={setPicked} />}
        </>
      )}
    </ComputeFrame>
  );
}

/**
 * The decoded tokens, the distribution of the one picked, the final beams and the beam tree. Memoised:
 * the explorer re-renders whenever its source model takes a step, and this part changes only with a new answer.
 */
const DecodeResult = memo(function DecodeResult({ a, picked, onPick }: { a: DecodeAnswer; picked: number; onPick: (i: number) => void }) {
  const step = a.steps[Math.min(picked, Math.max(0, a.steps.length - 1))];
  return (
    <>
      <div className="widget-grid">
        <div>
            <h4>Output ({a.steps.length} tokens; click one)</h4>
            <p className="dec-output" data-output={a.output}>
              {a.steps.map((s, i) => (
                <button key={i} className="dec-char" aria-pressed={i === picked} aria-label={`token ${i + 1}: ${showChar(s.token)}, p ${formatNumber(s.p, 2)}`}
                  style={{ borderBottomColor: `rgba(0, 114, 178, ${Math.max(0.1, s.p)})` }} onClick={() => onPick(i)}>{showChar(s.token, true)}</button>
              ))}
            </p>
            {a.output === '' && <p className="legend" data-empty-output>The output is empty: the end token (↵) came first. A beam search ranked by total log-probability favours short outputs.</p>}
            <p className="legend">Underline: the probability of each chosen token under the method's distribution; total log p = {formatNumber(a.logProb, 3)}.</p>
          </div>
          {step && (
            <div data-dist>
              <h4>Token {Math.min(picked, a.steps.length - 1) + 1}: the distribution it was chosen from</h4>
              <div className="dec-dist">
                {step.top.map((t, i) => (
                  <div key={i} style={{ display: 'contents' }}>
                    <span>{showChar(t.token)}</span>
                    <span><i className={t.token === step.token ? 'bar chosen' : 'bar'} style={{ display: 'block', width: `${t.p * 100}%` }} /></span>
                    <span>{formatNumber(t.p * 100, 3)}%</span>
                  </div>
                ))}
              </div>
            </div>
          )}
        </div>
      {a.beams && (
        <>
          <h4>Final beams (best first)</h4>
          <table className="dec-beams" data-beams={a.beams.length}>
            <thead><tr><th>output</th><th>log p</th><th>ended</th></tr></thead>
            <tbody>{a.beams.map((b, i) => <tr key={i}><td>{b.text.replace(/\n/g, '↵')}</td><td>{formatNumber(b.logProb, 3)}</td><td>{b.finished ? 'yes' : 'length limit'}</td></tr>)}</tbody>
          </table>
          <BeamTree answer={a} />
        </>
      )}
    </>
  );
});
