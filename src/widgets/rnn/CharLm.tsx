import { useEffect, useMemo, useState } from 'react';
import { MOBY_DICK_PATH } from '../../engine/data/mobyDick';
import { NAMES_PATH } from '../../engine/data/names';
import type { CharLmAnswer, CharLmConfig } from '../../engine/models/charLm';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { NextCharBars, showChar } from './NextCharBars';
import './rnn.css';

const SAMPLE_TEXT = 'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world.';

const PARAMS = {
  corpus: { kind: 'choice', label: 'Corpus', default: 'names', options: ['names', 'moby', 'text'], optionLabels: { names: 'first names (8,849)', moby: 'Moby-Dick', text: 'a text you type' } },
  cell: { kind: 'choice', label: 'Cell', default: 'lstm', options: ['lstm', 'gru'], optionLabels: { lstm: 'LSTM', gru: 'GRU' } },
  hidden: { kind: 'number', label: 'Units q', default: 128, min: 8, max: 256, integer: true },
  window: { kind: 'number', label: 'Window T (characters per training sequence)', default: 32, min: 4, max: 128, integer: true },
  batch: { kind: 'number', label: 'Batch |B| (windows per step)', default: 32, min: 1, max: 128, integer: true },
  lr: { kind: 'number', label: 'Learning rate η (Adam)', default: 0.01, min: 1e-4, max: 0.1, log: true },
  prompt: { kind: 'text', label: 'Prompt (the start of each sample)', default: '', maxLength: 40 },
  tau: { kind: 'number', label: 'Temperature τ (0: greedy)', default: 0.8, min: 0, max: 5, step: 0.05 },
  topk: { kind: 'number', label: 'Top-k (0: keep all)', default: 0, min: 0, max: 200, integer: true },
  text: { kind: 'text', label: 'Your corpus', default: SAMPLE_TEXT, maxLength: 20000 },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;
const NAME = { lstm: 'LSTM', gru: 'GRU' } as const;

/**
 * A character-level language model trained live on first names (or Moby-Dick, or the reader's text):
 * its held-out loss and perplexity against the unigram, bigram and trigram counts and the uniform
 * model (perplexity |V|), and samples drawn through the request path at the reader's τ and top-k,
 * with the next-character distribution they are drawn from.
 */
export function CharLm({ id = 'charlm', title = 'A character-level language model', ...preset }: { id?: string; title?: string } & Preset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const dataUrl = useMemo(() => (v.corpus === 'text' ? '' : new URL(v.corpus === 'moby' ? MOBY_DICK_PATH : NAMES_PATH, document.baseURI).href), [v.corpus]);
  const config: CharLmConfig = { dataUrl, corpus: v.corpus, text: v.corpus === 'text' ? v.text : undefined, cell: v.cell, hidden: v.hidden, embed: 0, window: v.window, batch: v.batch, learningRate: v.lr, clip: 5 };
  const trainer = useTrainer('char-lm', config, v.seed, JSON.stringify([v.corpus, v.cell, v.hidden, v.seed, v.corpus === 'text' ? v.text : '']));
  const view = trainer.view && Array.isArray(trainer.view.tokens) ? trainer.view : null;
  const s = trainer.series;
  const loss = s.get('held-out loss');
  const ppl = s.get('held-out perplexity');
  const xs = loss.xs.length ? [loss.xs[0], loss.xs[loss.xs.length - 1]] : [];
  const flat = (label: string, y: number | undefined, i: number) => (y === undefined || !xs.length ? [] : [{ label, xs, ys: [y, y], color: seriesColor(i) }]);
  const net = NAME[v.cell];
  const vocab = view ? view.tokens.length : 0;
  const prose = v.corpus !== 'names';

  // Samples go through the model's request path, running or paused, and are drawn again at each held-out point.
  const [answer, setAnswer] = useState<CharLmAnswer | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const { ask } = trainer;
  const ready = view !== null;
  const points = loss.xs.length;
  useEffect(() => {
    if (!ready) return;
    let live = true;
    ask({ prompt: v.prompt, count: prose ? 3 : 8, temperature: v.tau, topK: v.topk, seed: v.seed }).then(
      (a) => live && (setAnswer(a), setAskError(null)),
      (e: Error) => live && setAskError(e.message || String(e)),
    );
    return () => {
      live = false;
    };
  }, [ask, ready, v.prompt, v.tau, v.topk, v.seed, prose, points, trainer.restarts]);

  const notes: string[] = [];
  if (answer?.dropped.length) notes.push(`${answer.dropped.map((c) => `“${showChar(c)}”`).join(', ')} ${answer.dropped.length > 1 ? 'are' : 'is'} not in this corpus's vocabulary of ${vocab} characters, so the prompt leaves ${answer.dropped.length > 1 ? 'them' : 'it'} out.`);
  if (!v.prompt) notes.push(`Empty prompt: every sample starts from the start mark ↵ (the end of the ${prose ? 'previous paragraph' : 'previous name'}).`);
  if (v.tau === 0) notes.push('τ = 0 is greedy: the likeliest character every time, so every sample is the same.');
  if (v.topk > 0 && vocab && v.topk >= vocab - 2) notes.push(`top-k = ${v.topk} is at least the ${vocab - 2} characters there are: all are kept.`);
  const summary = view
    ? `Held-out loss ${formatNumber(view.heldOut, 3)} nats per character (perplexity ${formatNumber(view.heldOut === null ? null : Math.exp(view.heldOut), 3)}); trigram ${formatNumber(view.trigram, 3)} (${formatNumber(Math.exp(view.trigram), 3)}), bigram ${formatNumber(view.bigram, 3)} (${formatNumber(Math.exp(view.bigram), 3)}), uniform ln ${vocab} = ${formatNumber(view.uniform, 3)} (${vocab}).`
    : undefined;

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide" summary={summary}>
      <div className="widget-grid">
        <div style={{ flex: '1 1 16rem' }}>
          <LineChart yLabel="held-out loss (nats per character)" series={[
            { label: net, xs: loss.xs, ys: loss.ys, color: seriesColor(0) },
            ...flat('unigram', view?.unigram, 3), ...flat('bigram', view?.bigram, 2), ...flat('trigram', view?.trigram, 1),
          ]} />
          <LineChart yLabel="held-out perplexity" logY series={[
            { label: net, xs: ppl.xs, ys: ppl.ys, color: seriesColor(0) },
            ...flat('trigram', view ? Math.exp(view.trigram) : undefined, 1), ...flat(`uniform (|V| = ${vocab})`, view ? vocab : undefined, 4),
          ]} />
          {view && (
            <p className="rnn-note" data-heldout={view.heldOut ?? ''} data-trigram={view.trigram}>
              {view.trainChars.toLocaleString('en-GB')} training and {view.heldOutChars.toLocaleString('en-GB')} held-out characters; |V| = {vocab} ({vocab - 2} characters, and the padding and unknown ids every vocabulary here keeps).
            </p>
          )}
        </div>
        <div className="lm-panel">
          <h4>Samples at τ = {formatNumber(v.tau, 3)}{v.topk > 0 ? `, top-${v.topk}` : ''} (step {answer?.step ?? 0})</h4>
          {answer ? (
            <ol className={prose ? 'lm-samples prose' : 'lm-samples'} data-samples={answer.names.join('|')}>
              {answer.names.map((n, i) => <li key={i}>{n || '(empty: the model ended at once)'}</li>)}
            </ol>
          ) : (
            <p className="rnn-note">{askError ?? (view ? 'Sampling…' : `Loading ${prose ? 'the text' : 'the names'}…`)}</p>
          )}
          {answer && askError && <p className="widget-alert" role="alert">{askError}</p>}
          {notes.map((n) => <p key={n} className="rnn-note" role="status" data-note>{n}</p>)}
          {answer && answer.next.logits.length > 0 && view && (
            <>
              <h4>The next character after “↵{[...v.prompt.toLowerCase()].filter((c) => !answer.dropped.includes(c)).join('')}” (the likeliest 12 at τ = 1)</h4>
              <NextCharBars tokens={view.tokens} logits={answer.next.logits} temperature={v.tau} topK={v.topk} />
            </>
          )}
        </div>
      </div>
      <ParamControls params={params} keys={v.corpus === 'text' ? undefined : (Object.keys(PARAMS).filter((k) => k !== 'text') as (keyof typeof PARAMS)[])} />
    </WidgetFrame>
  );
}
