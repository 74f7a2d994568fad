import { useEffect, useState } from 'react';
import { DEFAULT_BERT_GPT, parseBlankWord, type BertGptAnswer, type BertGptConfig, type Guess } from '../../engine/models/bertGptConfig';
import { NAMES_PATH } from '../../engine/data/names';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatLoss } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import './vit.css';

const PARAMS = {
  word: { kind: 'text', label: 'A name with one blank (_)', default: 'ma_y', maxLength: 40, help: 'Lower-case letters and one _ for the missing letter; Enter to read it.' },
  temperature: { kind: 'number', label: 'Sampling temperature τ', default: 0.8, min: 0.1, max: 2, help: 'For the generated names.' },
  lr: { kind: 'number', label: 'Learning rate η (Adam, both)', default: DEFAULT_BERT_GPT.learningRate, min: 0.0001, max: 0.02, log: true },
  dModel: { kind: 'choice', label: 'd_model (both)', default: '32', options: ['16', '32', '64'], help: 'Width of both models (4 heads, 2 blocks). Rebuilds both.' },
  mask: { kind: 'number', label: 'Share of characters BERT masks', default: 0.15, min: 0.05, max: 0.5, help: 'BERT used 15%. Rebuilds both.' },
} as const satisfies Schema;

export type BertVsGptPreset = Partial<Record<keyof typeof PARAMS | 'seed', string | number>>;

const SERIES = [
  { name: 'BERT, masked characters', color: seriesColor(0) },
  { name: 'BERT, left to right', color: seriesColor(4) },
  { name: 'GPT, next character', color: seriesColor(5) },
];
const SAMPLES = 5;

function Guesses({ guesses, color, testid }: { guesses: Guess[]; color: string; testid: string }) {
  return (
    <div role="list" data-guesses={testid}>
      {guesses.map((g) => (
        <div key={g.char} role="listitem" className="bg-guess" data-char={g.char} data-prob={g.prob}>
          <b>{g.char}</b>
          <span className="bar"><i style={{ width: `${Math.min(1, g.prob) * 100}%`, background: color }} /></span>
          <span>{(g.prob * 100).toFixed(1)}%</span>
        </div>
      ))}
    </div>
  );
}

/**
 * Chapter 10's BERT-against-GPT figure: a masked (bidirectional) and a causal character model of the same
 * size trained side by side on the first names, their held-out losses, and what each does with a name the
 * reader types with one blank: BERT fills it from both sides, GPT can only continue the prefix (or score
 * every candidate word), GPT generates names and BERT, made to write left to right, cannot.
 */
export function BertVsGpt({ id = 'bert-gpt', title = 'BERT fills the blank, GPT writes on', ...preset }: { id?: string; title?: string } & BertVsGptPreset) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const [retry, setRetry] = useState(0);
  const config: BertGptConfig = { dataUrl: new URL(NAMES_PATH, document.baseURI).href, ...DEFAULT_BERT_GPT, dModel: Number(v.dModel), learningRate: v.lr, maskRate: v.mask };
  const trainer = useTrainer('bert-gpt', config, v.seed, `${v.seed}|${v.dModel}|${v.mask}|${retry}`);
  const { view, series } = trainer;
  const alphabet = view?.alphabet ?? 'abcdefghijklmnopqrstuvwxyz';
  const parsed = parseBlankWord(v.word, alphabet);

  const [answer, setAnswer] = useState<{ word: string; value: BertGptAnswer } | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const { ask } = trainer;
  const ready = view !== null;
  // Asked again every 50 steps, so the guesses follow training without flooding the worker.
  const tick = Math.floor(trainer.steps / 50);
  useEffect(() => {
    if (!ready || !parsed.ok) return;
    let live = true;
    ask({ word: v.word, samples: SAMPLES, temperature: v.temperature, seed: v.seed }).then(
      (value) => live && (setAnswer({ word: v.word, value }), setAskError(null)),
      (e: Error) => live && setAskError(e.message || String(e)),
    );
    return () => {
      live = false;
    };
  }, [ask, ready, parsed.ok, v.word, v.temperature, v.seed, tick, trainer.restarts]);
  const a = answer && parsed.ok && answer.word === v.word ? answer.value : null;
  const curves = SERIES.map((s) => ({ label: s.name, xs: series.get(s.name).xs, ys: series.get(s.name).ys, color: s.color }));
  const last = (name: string) => series.get(name).last ?? null;
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;
  const blank = (g: Guess[] | undefined) => (a && g?.length ? `${a.prefix}${g[0].char}${a.suffix}` : '');

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={`Held-out loss in nats per character: ${SERIES.map((s) => `${s.name} ${formatLoss(last(s.name))}`).join('; ')}.`}>
      {loadFailed && <p className="widget-alert" role="alert">The names did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      <div className="widget-grid">
        <LineChart series={curves} yLabel="held-out loss (nats per character)" />
        <div>
          <table className="vit-table" aria-label="held-out loss of each objective">
            <thead><tr><th>model, task</th><th>parameters</th><th>held-out loss</th></tr></thead>
            <tbody>
              {SERIES.map((s) => (
                <tr key={s.name} data-series={s.name} data-loss={last(s.name) ?? ''}>
                  <td><i className="swatch" style={{ background: s.color }} />{s.name}</td>
                  <td>{view ? (s.name.startsWith('GPT') ? view.params.gpt : view.params.bert).toLocaleString('en-GB') : '…'}</td>
                  <td>{formatLoss(last(s.name))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="vit-note">
            {view ? <>Both read the same {view.trainNames.toLocaleString('en-GB')} training names; the curves score {view.heldOutNames} held-out names. A model that knows nothing scores ln {view.alphabet.length + 1} = {formatLoss(view.uniform)}. BERT’s own task is easier than GPT’s: it sees both sides of each hidden letter.</> : 'Loading 8,849 first names and timing the backends on this device…'}
          </p>
        </div>
      </div>
      <ParamControls params={params} keys={['word']} />
      {/* Held at about its filled height, so that the answer arriving moves nothing below it. */}
      <div className="bg-answer">
      {!parsed.ok ? <p className="widget-alert" role="alert" data-word-error>{parsed.message}</p> : !a ? <p className="vit-note">{askError ?? (view ? 'Reading the word…' : 'The models read it once the names have loaded.')}</p> : (
        <div className="bg-panel" data-answer={v.word}>
          <div data-model="bert">
            <h4>BERT reads both sides of the blank</h4>
            <p className="bg-word" data-fill={blank(a.bert)}>{a.prefix}<u>{a.bert[0]?.char}</u>{a.suffix}</p>
            <Guesses guesses={a.bert} color={seriesColor(0)} testid="bert" />
          </div>
          <div data-model="gpt">
            <h4>GPT reads only “{a.prefix || '(nothing)'}”</h4>
            <p className="bg-word" data-fill={blank(a.gptPrefix)}>{a.prefix}<u>{a.gptPrefix[0]?.char}</u>{a.suffix}</p>
            <Guesses guesses={a.gptPrefix} color={seriesColor(5)} testid="gpt-prefix" />
            <p className="vit-note">Scoring every whole word {a.prefix}?{a.suffix} instead, one pass per candidate ({alphabet.length} passes): <b data-fill-scored={blank(a.gptScored)}>{blank(a.gptScored)}</b> ({((a.gptScored[0]?.prob ?? 0) * 100).toFixed(0)}%)</p>
          </div>
          <div data-model="generate">
            <h4>Writing on from “{a.prefix || '(nothing)'}”, left to right</h4>
            <p className="vit-note">GPT:</p>
            <p className="bg-names" data-names="gpt">{a.gptNames.map((n) => n || '(empty)').join(', ')}</p>
            <p className="vit-note">BERT, one [MASK] appended at a time:</p>
            <p className="bg-names" data-names="bert">{a.bertNames.map((n) => n || '(empty)').join(', ')}</p>
          </div>
        </div>
      )}
      </div>
      <ParamControls params={params} keys={['temperature', 'lr', 'dModel', 'mask', 'seed']} />
    </WidgetFrame>
  );
}
