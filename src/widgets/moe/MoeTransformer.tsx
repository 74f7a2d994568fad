import { useMemo } from 'react';
import { NAMES_PATH } from '../../engine/data/names';
import type { MoeLmConfig } from '../../engine/models/moeLm';
import type { Schema } from '../kit/params';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { LoadBars } from './LoadBars';
import './moe.css';

const PARAMS = {
  experts: { kind: 'number', label: 'Experts per layer E', default: 4, min: 1, max: 8, integer: true, help: 'Rebuilds the model.' },
  k: { kind: 'number', label: 'Experts per character k', default: 1, min: 1, max: 8, integer: true, help: 'Clamped to E. Rebuilds the model.' },
  layers: { kind: 'number', label: 'Layers', default: 2, min: 1, max: 3, integer: true, help: 'Rebuilds the model.' },
  alpha: { kind: 'number', label: 'Balancing weight α (0: off)', default: 0.01, min: 0, max: 1, step: 0.005 },
  lr: { kind: 'number', label: 'Learning rate η', default: 0.003, min: 0.0003, max: 0.03, log: true },
} as const satisfies Schema;

const show = (ch: string) => (ch === '\n' ? '⏎' : ch === ' ' ? '␣' : ch);

/** A two-layer character Transformer on first names whose FFNs are mixtures of experts: load per layer, and which characters go where. */
export function MoeTransformer({ id = 'moe-lm', title = 'A tiny MoE Transformer on first names', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', string | number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const k = Math.min(v.k, v.experts);
  const dataUrl = useMemo(() => new URL(NAMES_PATH, document.baseURI).href, []);
  const config: MoeLmConfig = { dataUrl, layers: v.layers, experts: v.experts, topK: k, dModel: 32, dFF: 64, context: 16, batch: 16, balanceWeight: v.alpha, capacityFactor: Infinity, learningRate: v.lr };
  const trainer = useTrainer('moe-lm', config, v.seed, `${v.seed}|${v.experts}|${k}|${v.layers}`);
  const view = trainer.view;
  const held = trainer.series.get('held-out loss');
  // Before the first view the same 27 cells are drawn empty, so that nothing below moves when training starts.
  const letters = view ? view.tokens.map((t, i) => ({ t, i })).filter(({ t }) => /^[a-z\n]$/.test(t)) : [...'abcdefghijklmnopqrstuvwxyz\n'].map((t) => ({ t, i: -1 }));
  const loads = view?.load ?? Array.from({ length: v.layers }, () => new Array(v.experts).fill(0));
  const charLayers = view?.charExperts ?? Array.from({ length: v.layers }, () => [] as number[][]);
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={view?.heldOut != null ? `Held-out cross-entropy ${formatNumber(view.heldOut, 3)} nats per character against the unigram model's ${formatNumber(view.unigram, 3)}.` : 'Loading the first names…'}>
      {v.k > v.experts && <p className="widget-note" role="status">k = {v.k} is more than the {v.experts} experts: using k = {v.experts}.</p>}
      <div className="widget-grid moe-panel">
        <LineChart series={[
          { label: 'held-out loss', xs: held.xs, ys: held.ys, color: seriesColor(0) },
          ...(view && held.xs.length ? [{ label: 'unigram model', xs: [held.xs[0], held.xs[held.xs.length - 1]], ys: [view.unigram, view.unigram], color: '#888888' }] : []),
        ]} yLabel="nats per character" />
        <div>
          {loads.map((load, l) => (
            <div key={l}>
              <h4>Layer {l + 1}: characters per expert</h4>
              <LoadBars demand={load} load={load} label={`Layer ${l + 1}, share of characters per expert`} />
            </div>
          ))}
        </div>
      </div>
      {(
        <div className="moe-panel">
          {charLayers.map((layer, l) => (
            <div key={l}>
              <h4>Layer {l + 1}: each character’s usual expert (colour) and how often it goes there</h4>
              <div className="moe-chars" data-layer={l}>
                {letters.map(({ t, i }) => {
                  const row = layer[i] ?? [0];
                  const sum = row.reduce((a, b) => a + b, 0);
                  const best = row.indexOf(Math.max(...row));
                  const share = sum ? row[best] / sum : 0;
                  return (
                    <span key={t} style={{ background: sum ? seriesColor(best) : 'transparent', opacity: sum ? 0.35 + 0.65 * share : 1 }} title={`${show(t)}: expert ${best + 1}, ${Math.round(share * 100)}%`}>
                      {show(t)}<small>{sum ? `e${best + 1} ${Math.round(share * 100)}%` : '–'}</small>
                    </span>
                  );
                })}
              </div>
            </div>
          ))}
          <p className="moe-note">Each cell: the character, its usual expert (e1 to e{v.experts}) and the percentage of its recent occurrences sent there (counts fade by 3% a step). ⏎ ends a name.</p>
        </div>
      )}
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
