import { useEffect, useState } from 'react';
import { MOBY_DICK_PATH } from '../../engine/data/mobyDick';
import { NAMES_PATH } from '../../engine/data/names';
import type { DecodeAnswer, DecoderPeer } from '../../engine/decodeRequest';
import type { CharGptConfig } from '../../engine/models/charGpt';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { usePublishPeer } from '../kit/peers';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { GPT_PARAMS, type GptPreset } from './gptParams';
import { showChar } from './showChar';
import './transformer.css';

const EXAMPLES = { moby: 'Call me Ishmael. ', names: 'ma' } as const;
const HINTS = { moby: 'a prompt in the style of Moby-Dick (letters, punctuation, line breaks)', names: 'the first letters of a name (a-z), or nothing' } as const;
const SAMPLE_LENGTH = { moby: 240, names: 30 } as const;
const dataUrl = (path: string) => new URL(path, document.baseURI).href;
const last = (xs: number[]) => (xs.length ? xs[xs.length - 1] : undefined);

/**
 * Chapter 10's character GPT: a decoder-only Transformer learns Moby-Dick (or the first names) in the page,
 * with chapter 7's LSTM on the same batches; held-out loss against each model's own seconds of training,
 * samples on request, and the trained GPT published for the decoding explorer (DecoderPeer).
 */
export function CharGpt({ id = 'gpt', title = 'A character GPT and an LSTM learn the same text', ...preset }: { id?: string; title?: string } & GptPreset) {
  const params = useWidgetParams(id, GPT_PARAMS, preset);
  const v = params.values;
  const corpus = v.corpus as 'moby' | 'names';
  const [retry, setRetry] = useState(0);
  const config: CharGptConfig = {
    corpus, mobyUrl: dataUrl(MOBY_DICK_PATH), namesUrl: dataUrl(NAMES_PATH), layers: v.layers, dModel: v.dModel, heads: v.heads,
    context: v.context, batch: v.batch, learningRate: v.lr, lstm: v.lstm, lstmHidden: v.lstmHidden, lstmLearningRate: v.lstmLr,
  };
  const structural = JSON.stringify([v.seed, corpus, v.layers, v.dModel, v.heads, v.context, v.batch, v.lstm, v.lstmHidden, retry]);
  const trainer = useTrainer('char-gpt', config, v.seed, structural);
  const view = trainer.view;
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;

  const { ask, state, steps } = trainer;
  usePublishPeer<DecoderPeer>(id, {
    title: `the character GPT (${corpus === 'moby' ? 'Moby-Dick' : 'first names'})`, kind: 'char-gpt', state, step: steps, ask,
    exampleInput: EXAMPLES[corpus], inputHint: HINTS[corpus],
  });

  const [prompt, setPrompt] = useState<string>(EXAMPLES[corpus]);
  useEffect(() => setPrompt(EXAMPLES[corpus]), [corpus]);
  const [sample, setSample] = useState<DecodeAnswer | null>(null);
  const [sampleError, setSampleError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [draw, setDraw] = useState(1);
  const onSample = () => {
    setBusy(true);
    ask({ type: 'decode', input: prompt, method: 'sample', maxLength: SAMPLE_LENGTH[corpus], temperature: v.temp, seed: v.seed * 1000 + draw }).then(
      (a) => (setSample(a), setSampleError(null)),
      (e: Error) => setSampleError(e.message || String(e)),
    ).finally(() => setBusy(false));
    setDraw((d) => d + 1);
  };
  useEffect(() => setSample(null), [structural]);

  const gpt = view?.gpt;
  const lstm = view?.lstm;
  const gLast = gpt ? last(gpt.loss) : undefined;
  const lLast = lstm ? last(lstm.loss) : undefined;
  const xMax = Math.max(last(gpt?.seconds ?? []) ?? 0, last(lstm?.seconds ?? []) ?? 0);
  const series = [
    { label: 'GPT (Transformer)', xs: gpt?.seconds ?? [], ys: gpt?.loss ?? [], color: seriesColor(0) },
    ...(v.lstm ? [{ label: 'LSTM (chapter 7)', xs: lstm?.seconds ?? [], ys: lstm?.loss ?? [], color: seriesColor(1) }] : []),
    ...(view && xMax > 0 ? [{ label: 'unigram (no context)', xs: [0, xMax], ys: [view.unigram, view.unigram], color: '#888888' }] : []),
  ];
  const rate = (s: number) => (view && s > 0 ? formatNumber(view.tokens / s, 3) : '–');
  const summary = view
    ? `Held-out loss (nats per character): GPT ${gLast === undefined ? '–' : formatNumber(gLast, 3)} after ${formatNumber(view.gptSeconds, 3)} s${v.lstm ? `, LSTM ${lLast === undefined ? '–' : formatNumber(lLast, 3)} after ${formatNumber(view.lstmSeconds, 3)} s` : ''}; the unigram model scores ${formatNumber(view.unigram, 3)}, a uniform guess ${formatNumber(view.uniform, 3)}.`
    : `Loading ${corpus === 'moby' ? 'Moby-Dick (1.2 MB)' : 'the names'} and timing the backends on this device…`;

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide" summary={summary}>
      {loadFailed && <p className="widget-alert" role="alert">The corpus did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      <div className="gpt-chart">
        <LineChart series={series} xLabel="seconds of training on this device (each model its own)" yLabel="held-out loss (nats/char)" />
      </div>
      {view && (
        <table className="gpt-table">
          <thead><tr><th>model</th><th>parameters</th><th>seconds</th><th>characters/s</th><th>held-out loss</th></tr></thead>
          <tbody>
            <tr data-model="gpt" data-loss={gLast ?? ''}><td>GPT, {v.layers} blocks, d_model {v.dModel}, {v.heads} heads</td><td>{view.gptParams.toLocaleString('en-GB')}</td><td>{formatNumber(view.gptSeconds, 3)}</td><td>{rate(view.gptSeconds)}</td><td>{gLast === undefined ? '–' : formatNumber(gLast, 3)}</td></tr>
            {v.lstm && <tr data-model="lstm" data-loss={lLast ?? ''}><td>LSTM, q = {v.lstmHidden}, one-hot input</td><td>{view.lstmParams.toLocaleString('en-GB')}</td><td>{formatNumber(view.lstmSeconds, 3)}</td><td>{rate(view.lstmSeconds)}</td><td>{lLast === undefined ? '–' : formatNumber(lLast, 3)}</td></tr>}
          </tbody>
        </table>
      )}
      <div className="gpt-sample">
        <label className="gpt-prompt">
          <span>Prompt ({HINTS[corpus]})</span>
          <textarea data-control="prompt" rows={2} value={prompt} maxLength={2000} onChange={(e) => setPrompt(e.target.value)} spellCheck={false} />
        </label>
        <button data-action="sample" onClick={onSample} disabled={busy || !view}>Sample {SAMPLE_LENGTH[corpus]} characters at τ = {formatNumber(v.temp, 2)}</button>
        {sampleError && <p className="widget-alert" role="alert">{sampleError}</p>}
        {sample?.message && <p className="legend" role="status" data-message>{sample.message}</p>}
        {sample && (
          <p className="gpt-output" data-output aria-live="polite">
            <span className="gpt-given">{corpus === 'names' ? prompt.toLowerCase() : prompt}</span>{sample.steps.map((s, i) => <span key={i}>{s.token === '\n' && corpus === 'names' ? '' : showChar(s.token, true)}</span>)}
          </p>
        )}
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
