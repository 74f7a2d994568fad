import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DecodeAnswer, DecodeRequest, DecoderPeer } from '../../engine/decodeRequest';
import { CMUDICT_PATH } from '../../engine/data/cmudict';
import { checkWord, PRONOUNCER_DEFAULTS, type AlignAnswer, type PronouncerConfig } from '../../engine/models/pronouncerConfig';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { usePublishPeer } from '../kit/peers';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { AttentionMap } from './AttentionMap';
import { useSettled } from './useSettled';
import './seq2seq.css';

const PARAMS = {
  layers: { kind: 'number', label: 'Layers per stack', default: PRONOUNCER_DEFAULTS.layers, min: 1, max: 3, integer: true },
  dModel: { kind: 'number', label: 'd_model', default: PRONOUNCER_DEFAULTS.dModel, min: 8, max: 128, integer: true },
  heads: { kind: 'number', label: 'Heads h', default: PRONOUNCER_DEFAULTS.heads, min: 1, max: 8, integer: true, help: 'Must divide d_model.' },
  lr: { kind: 'number', label: 'Peak learning rate η (Adam)', default: PRONOUNCER_DEFAULTS.learningRate, min: 1e-4, max: 0.05, log: true },
  warmup: { kind: 'number', label: 'Warm-up steps', default: PRONOUNCER_DEFAULTS.warmup, min: 0, max: 1000, integer: true },
  batch: { kind: 'number', label: 'Batch size', default: PRONOUNCER_DEFAULTS.batch, min: 8, max: 256, integer: true },
  beam: { kind: 'number', label: 'Beam width', default: 4, min: 1, max: 16, integer: true },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed' | 'word', string | number>>;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);

/**
 * Chapter 9's attention in a trained model: an encoder-decoder Transformer learns to pronounce English
 * words from the CMU Pronouncing Dictionary, live; for a word the reader types, its greedy and beam
 * pronunciations and the cross-attention alignment of phonemes (rows) to letters (columns).
 */
export function Pronouncer({ id = 'pronouncer', title = 'Learning to pronounce: attention aligns phonemes with letters', ...preset }: { id?: string; title?: string } & Preset) {
  const { word: presetWord, ...rest } = preset;
  const params = useWidgetParams(id, PARAMS, rest);
  const v = params.values;
  const dataUrl = useMemo(() => new URL(CMUDICT_PATH, document.baseURI).href, []);
  const headsOk = v.dModel % v.heads === 0;
  const [good, setGood] = useState(() => (headsOk ? { layers: v.layers, dModel: v.dModel, heads: v.heads } : { layers: PRONOUNCER_DEFAULTS.layers, dModel: PRONOUNCER_DEFAULTS.dModel, heads: PRONOUNCER_DEFAULTS.heads }));
  useEffect(() => {
    if (headsOk) setGood({ layers: v.layers, dModel: v.dModel, heads: v.heads });
  }, [headsOk, v.layers, v.dModel, v.heads]);
  const config: PronouncerConfig = { dataUrl, ...good, learningRate: v.lr, warmup: v.warmup, batch: v.batch };
  const trainer = useTrainer('pronouncer', config, v.seed, JSON.stringify([good, v.seed]));
  const view = trainer.view;

  const [raw, setRaw] = useState(presetWord === undefined ? 'PHONETIC' : String(presetWord));
  const typed = useSettled(raw);
  const wordProblem = checkWord(typed);
  const [answer, setAnswer] = useState<AlignAnswer | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const { ask } = trainer;
  const ready = view !== null;
  const evalStep = view?.evalStep ?? 0;
  useEffect(() => {
    if (!ready || wordProblem) return;
    let live = true;
    ask({ type: 'align', word: typed, beamWidth: v.beam }).then(
      (a) => live && a.type === 'align' && (setAnswer(a), setAskError(null)),
      (e: Error) => live && setAskError(e.message || String(e)),
    );
    return () => {
      live = false;
    };
  }, [ask, typed, wordProblem, ready, evalStep, v.beam, trainer.restarts]);

  const decode = useCallback((r: DecodeRequest) => ask(r) as Promise<DecodeAnswer>, [ask]);
  usePublishPeer<DecoderPeer>(id, { title, kind: 'pronouncer', state: trainer.state, step: trainer.steps, ask: decode, exampleInput: 'PHONETIC', inputHint: 'an English word, letters A to Z, up to 12' });

  const s = trainer.series;
  const per = s.get('held-out phoneme error rate');
  const exact = s.get('held-out exact-word accuracy');
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={view ? `${view.trainWords.toLocaleString('en-GB')} training words, ${view.heldOutWords.toLocaleString('en-GB')} held out; on ${view.scoredWords} of them, greedy: phoneme error rate ${pct(view.per)}, words exactly right ${pct(view.exact)}. ${view.parameters.toLocaleString('en-GB')} parameters.` : 'Loading the pronunciation dictionary…'}>
      {loadFailed && <p className="widget-alert" role="alert">The pronunciation dictionary did not load: {trainer.error}</p>}
      {!headsOk && <p className="widget-alert" role="alert" data-error="settings">{v.heads} heads do not divide d_model = {v.dModel}: each head gets d_model / h features. Keeping the last model that could train.</p>}
      <div className="widget-grid">
        <div style={{ flex: '1 1 20rem' }}>
          <LineChart yLabel="held-out rate" series={[
            { label: 'held-out phoneme error rate', xs: per.xs, ys: per.ys, color: seriesColor(0) },
            { label: 'held-out exact-word accuracy', xs: exact.xs, ys: exact.ys, color: seriesColor(1) },
          ]} />
          <p className="seq-note" data-readout="per" data-per={view?.per ?? ''}>Phoneme error rate <b>{pct(view?.per)}</b> (edits per dictionary phoneme); words exactly right <b>{pct(view?.exact)}</b>.</p>
        </div>
        <div style={{ flex: '1 1 18rem' }}>
          <label className="seq-input">
            <span>A word (A-Z)</span>
            <input data-control="word" value={raw} spellCheck={false} onChange={(e) => setRaw(e.target.value)} />
          </label>
          {wordProblem && <p className="widget-alert" role="alert" data-error="word">{wordProblem}</p>}
          {askError && !wordProblem && <p className="widget-alert" role="alert">{askError}</p>}
          {answer && (
            <>
              <table className="seq-io" data-word={answer.word}>
                <tbody>
                  <tr data-row="greedy"><th scope="row">greedy</th><td>{answer.greedy.filter((p) => p !== '$').join(' ')}</td></tr>
                  <tr data-row="beam"><th scope="row">beam ({v.beam})</th><td>{answer.beam.join(' ')}</td></tr>
                  <tr><th scope="row">dictionary</th><td>{answer.dictionary ? `${answer.dictionary.join(' ')}${answer.heldOut ? ' (held out: never trained on)' : ' (a training word)'}` : 'not in the dictionary'}</td></tr>
                </tbody>
              </table>
              <div className="attn-maps" data-alignment={`${answer.greedy.length}x${answer.letters.length}`}>
                <AttentionMap weights={answer.alignment} rows={answer.greedy} cols={answer.letters} cell={18} title="alignment: cross-attention of the last layer, mean of heads" />
                {answer.heads.map((w, h) => <AttentionMap key={h} weights={w} rows={answer.greedy} cols={answer.letters} cell={12} title={`head ${h + 1}`} />)}
              </div>
            </>
          )}
          <p className="seq-note">Rows: the phonemes the decoder emits ($ ends the word); columns: the letters. Row i shows where the decoder looked while choosing phoneme i.</p>
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
