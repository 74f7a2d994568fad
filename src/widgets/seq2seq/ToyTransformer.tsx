import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DecodeAnswer, DecodeRequest, DecoderPeer } from '../../engine/decodeRequest';
import { makeToyTask, TOY_LIMITS, TOY_TASKS, type ToyTask, type ToyTaskName } from '../../engine/data/toyTasks';
import { TOY_DEFAULTS, TOY_TASK_DEFAULTS, toyParameterCount, type ToyInspectAnswer, type ToyTransformerConfig } from '../../engine/models/toyTransformerConfig';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ParamControls } from '../kit/ParamControls';
import { urlKey, type Schema } from '../kit/params';
import { PARAMS_CHANGED, widgetIdsIn } from '../kit/presetLinks';
import { usePublishPeer } from '../kit/peers';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { ToyMapsView } from './ToyMapsView';
import { SequenceRow } from './SequenceRow';
import { useSettled } from './useSettled';
import './seq2seq.css';

const PARAMS = {
  task: { kind: 'choice', label: 'Task', default: 'reverse', options: ['reverse', 'sort', 'add'], optionLabels: { reverse: 'reverse the sequence', sort: 'sort the sequence', add: 'add two numbers' } },
  length: { kind: 'number', label: 'Sequence length (add: digits per number)', default: TOY_DEFAULTS.length, min: TOY_LIMITS.length[0], max: TOY_LIMITS.length[1], integer: true, help: 'Reverse and sort: symbols per sequence (2-16). Add: digits in each number (1-6). Rebuilds the model.' },
  symbols: { kind: 'number', label: 'Symbols in the alphabet', default: TOY_DEFAULTS.symbols, min: TOY_LIMITS.symbols[0], max: TOY_LIMITS.symbols[1], integer: true, help: 'Reverse and sort: how many distinct symbols (0-9, then a-z). Add always uses the ten digits.' },
  arch: { kind: 'choice', label: 'Architecture', default: 'encoder-decoder', options: ['encoder-decoder', 'decoder-only'], optionLabels: { 'encoder-decoder': 'encoder-decoder (cross-attention)', 'decoder-only': 'decoder-only (one causal stack)' } },
  layers: { kind: 'number', label: 'Layers per stack', default: TOY_DEFAULTS.layers, min: 1, max: 3, integer: true, help: 'Blocks in the encoder and in the decoder; decoder-only gets twice as many in its one stack.' },
  dModel: { kind: 'number', label: 'd_model', default: TOY_DEFAULTS.dModel, min: 8, max: 128, integer: true },
  positions: { kind: 'choice', label: 'Positions', default: TOY_DEFAULTS.positions, options: ['sinusoidal', 'learned'], optionLabels: { sinusoidal: 'sinusoidal (fixed)', learned: 'learned (a table)' }, help: 'How the model knows where each token sits (chapter 9). Rebuilds the model.' },
  heads: { kind: 'number', label: 'Heads h', default: TOY_DEFAULTS.heads, min: 1, max: 8, integer: true, help: 'Must divide d_model: each head gets d_model / h features.' },
  lr: { kind: 'number', label: 'Peak learning rate η (Adam)', default: TOY_DEFAULTS.learningRate, min: 1e-4, max: 0.05, log: true },
  warmup: { kind: 'number', label: 'Warm-up steps', default: TOY_DEFAULTS.warmup, min: 0, max: 1000, integer: true, help: 'η rises linearly over these steps, then falls as η √(warm-up / step).' },
  batch: { kind: 'number', label: 'Batch size', default: TOY_DEFAULTS.batch, min: 8, max: 256, integer: true },
} as const satisfies Schema;

type Preset = Partial<Record<keyof typeof PARAMS | 'seed' | 'source', string | number>>;

/** The settings as the model takes them, or why they cannot train. */
function settingsOf(v: { task: string; length: number; symbols: number; arch: string; layers: number; dModel: number; heads: number; positions: string; lr: number; warmup: number; batch: number }): { config: ToyTransformerConfig; task: ToyTask } | { problem: string } {
  const config: ToyTransformerConfig = {
    task: v.task as ToyTransformerConfig['task'], length: v.length, symbols: v.symbols, arch: v.arch as ToyTransformerConfig['arch'],
    layers: v.layers, dModel: v.dModel, heads: v.heads, positions: v.positions === 'learned' ? 'learned' : 'sinusoidal', learningRate: v.lr, warmup: v.warmup, batch: v.batch,
  };
  if (config.dModel % config.heads !== 0) return { problem: `${config.heads} heads do not divide d_model = ${config.dModel}: each head gets d_model / h features, so h must divide ${config.dModel}. Keeping the last model that could train.` };
  try {
    return { config, task: makeToyTask(config) };
  } catch (e) {
    return { problem: `${(e as Error).message}. Keeping the last model that could train.` };
  }
}

/** The widget's values that follow the task when the reader picks it. */
function taskValues(task: ToyTaskName): { length: number; symbols: number; lr: number; warmup: number; batch: number } {
  const d = TOY_TASK_DEFAULTS[task];
  return { length: d.length, symbols: d.symbols, lr: d.learningRate, warmup: d.warmup, batch: d.batch };
}

const isTask = (t: unknown): t is ToyTaskName => TOY_TASKS.includes(t as ToyTaskName);

/** The task's defaults minus the keys the page's link sets for this widget (a link's own values win). */
function taskPatch(id: string, task: ToyTaskName, search: URLSearchParams): Partial<ReturnType<typeof taskValues>> {
  const linked = search.get(urlKey(id, 'task')) === task;
  return Object.fromEntries(Object.entries(taskValues(task)).filter(([k]) => !(linked && search.has(urlKey(id, k)))));
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);

/**
 * Chapter 10's tiny Transformer: trained live on a toy task (reverse, sort, add), its held-out exact-sequence
 * and per-token accuracy, every layer's and head's attention on a source the reader types, and that
 * source decoded free-running and under teacher forcing.
 */
export function ToyTransformer({ id = 'toy', title = 'A tiny Transformer learns a toy task', ...preset }: { id?: string; title?: string } & Preset) {
  const { source: presetSource, ...rest } = preset;
  // The task named by the link (or the chapter's preset) brings its own defaults, under the link's values.
  const [startTask] = useState<ToyTaskName>(() => {
    const t = new URLSearchParams(window.location.search).get(urlKey(id, 'task')) ?? rest.task;
    return isTask(t) ? t : 'reverse';
  });
  const kit = useWidgetParams(id, PARAMS, { ...taskValues(startTask), ...rest });
  // A preset link that switches the task: its defaults apply to the keys the link leaves out.
  const { assign } = kit;
  useEffect(() => {
    const onChange = () => {
      const search = new URLSearchParams(window.location.search);
      const t = search.get(urlKey(id, 'task'));
      if (widgetIdsIn(search).includes(id) && isTask(t)) assign(taskPatch(id, t, search));
    };
    window.addEventListener(PARAMS_CHANGED, onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener(PARAMS_CHANGED, onChange);
      window.removeEventListener('popstate', onChange);
    };
  }, [id, assign]);
  const params = useMemo(() => ({
    ...kit,
    // Picking a task in the controls brings its defaults in the same update (no model built on the old ones).
    set: (key: Parameters<typeof kit.set>[0], raw: string | number | boolean) => {
      const ok = kit.set(key, raw);
      if (ok && key === 'task' && isTask(raw) && raw !== kit.values.task) kit.assign({ task: raw, ...taskValues(raw) });
      return ok;
    },
    // The task-dependent values always go in the link: its defaults depend on the task the link names.
    shareUrl: (extra: Record<string, string> = {}) => {
      const own = kit.values;
      return kit.shareUrl({ length: String(own.length), symbols: String(own.symbols), lr: String(own.lr), warmup: String(own.warmup), batch: String(own.batch), ...extra });
    },
  }), [kit]);
  const v = params.values;
  const settings = settingsOf(v);
  const lastGood = useRef<{ config: ToyTransformerConfig; task: ToyTask } | null>(null);
  if (!('problem' in settings)) lastGood.current = settings;
  const good = lastGood.current ?? { config: TOY_DEFAULTS, task: makeToyTask(TOY_DEFAULTS) };
  const { config, task } = good;
  const structural = JSON.stringify([config.task, config.length, config.symbols, config.arch, config.layers, config.dModel, config.heads, config.positions, v.seed]);
  const trainer = useTrainer('toy-transformer', config, v.seed, structural);
  const view = trainer.view;

  // The source the reader types; empty means the model's first held-out example.
  const [raw, setRaw] = useState(presetSource === undefined ? '' : String(presetSource));
  const firstKey = useRef(structural);
  useEffect(() => {
    if (firstKey.current !== structural) setRaw('');
    firstKey.current = structural;
  }, [structural]);
  const typed = useSettled(raw.trim());
  const source = typed || view?.example || '';
  const inputProblem = typed ? task.check(typed) : null;
  // The example of a model just replaced may not fit the new task: it is not asked until the new one's arrives.
  const askable = source !== '' && task.check(source) === null;

  const [answer, setAnswer] = useState<ToyInspectAnswer | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const { ask } = trainer;
  const evalStep = view?.evalStep ?? 0;
  const ready = view !== null;
  useEffect(() => {
    if (!ready || !askable) return;
    let live = true;
    ask({ type: 'inspect', source }).then(
      (a) => live && a.type === 'inspect' && (setAnswer(a), setAskError(null)),
      (e: Error) => live && setAskError(e.message || String(e)),
    );
    return () => {
      live = false;
    };
  }, [ask, source, askable, ready, evalStep, trainer.restarts]);
  const shown = answer;

  const decode = useCallback((r: DecodeRequest) => ask(r) as Promise<DecodeAnswer>, [ask]);
  usePublishPeer<DecoderPeer>(id, {
    title, kind: 'toy-transformer', state: trainer.state, step: trainer.steps, ask: decode,
    exampleInput: view?.example ?? '', inputHint: config.task === 'add' ? `two ${config.length}-digit numbers joined by +` : `${config.length} symbols from ${task.tokens.slice(3).join('')}`,
  });

  const s = trainer.series;
  const exact = s.get('held-out exact-sequence accuracy');
  const token = s.get('held-out per-token accuracy');
  const params_ = toyParameterCount(config, task.tokens.length, task.sourceLength, task.targetLength);
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={view ? `Task ${config.task}, ${config.arch}, ${params_.toLocaleString('en-GB')} parameters. Held-out (${view.heldOutSize} sources never trained on), free-running: exact-sequence accuracy ${pct(view.exact)}, per-token ${pct(view.token)}.` : 'Building the model…'}>
      {'problem' in settings && <p className="widget-alert" role="alert" data-error="settings">{settings.problem}</p>}
      <div className="widget-grid">
        <div style={{ flex: '1 1 20rem' }}>
          <LineChart yLabel="held-out accuracy" series={[
            { label: 'held-out exact-sequence accuracy', xs: exact.xs, ys: exact.ys, color: seriesColor(0) },
            { label: 'held-out per-token accuracy', xs: token.xs, ys: token.ys, color: seriesColor(1) },
          ]} />
          <p className="seq-note" data-readout="exact" data-exact={view?.exact ?? ''} data-token={view?.token ?? ''}>
            Exact sequences right: <b>{pct(view?.exact)}</b>; tokens right: <b>{pct(view?.token)}</b> ({view?.heldOutSize ?? '…'} held-out sources, greedy decoding).
          </p>
        </div>
        <div style={{ flex: '1 1 18rem' }}>
          <label className="seq-input">
            <span>Source ({config.task === 'add' ? `e.g. ${'1'.repeat(config.length)}+${'2'.repeat(config.length)}` : `${config.length} of ${task.tokens.slice(3).join(' ')}`})</span>
            <input data-control="source" value={raw} placeholder={view?.example ?? ''} spellCheck={false} onChange={(e) => setRaw(e.target.value)} />
          </label>
          {inputProblem && <p className="widget-alert" role="alert" data-error="source">{inputProblem}</p>}
          {askError && !inputProblem && <p className="widget-alert" role="alert">{askError}</p>}
          {shown && (
            <table className="seq-io" data-answer={shown.source}>
              <tbody>
                <SequenceRow label="source" text={shown.source} />
                <SequenceRow label="correct" text={shown.expected} />
                <SequenceRow label="free-running" text={shown.freeRunning} expected={shown.expected} data="free" />
                <SequenceRow label="teacher forcing" text={shown.teacherForced} expected={shown.expected} data="teacher" />
              </tbody>
            </table>
          )}
          <p className="seq-note">
            Free-running: the decoder reads its own previous outputs (how the model is used). Teacher forcing: it reads the correct previous tokens (how it is trained), so one early mistake cannot spread.
          </p>
        </div>
      </div>
      {shown && <ToyMapsView maps={shown.maps} arch={config.arch} />}
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
