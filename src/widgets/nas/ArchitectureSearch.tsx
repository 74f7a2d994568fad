import { useEffect, useMemo } from 'react';
import { emptySpaceReason, spaceSize } from '../../engine/nas/space';
import type { CandidateRecord } from '../../engine/nas/search';
import { SEARCHER_LABELS, SEARCHERS } from '../../engine/nas/searchers';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ParamControls } from '../kit/ParamControls';
import { usePublishPeer } from '../kit/peers';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { mnistUrl } from '../cnn/useDataUrl';
import { CandidateTable } from './CandidateTable';
import { SEARCH_PARAMS, SPACE_KEYS, spaceFromParams, type SearchPreset } from './nasParams';
import { PolicyBars } from './PolicyBars';
import './nas.css';

/** What the search publishes for the latency figure that follows it. */
export interface SearchPeer {
  records: CandidateRecord[];
  backend: string | null;
  plainJs: boolean;
  done: boolean;
}

const pct = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

/**
 * Chapter 12's main figure: random search, regularised evolution and a REINFORCE controller, each
 * training the same budget of small MLPs on 14x14 digits; best validation accuracy so far against
 * candidates tried, the controller's policy, and every candidate in a table.
 */
export function ArchitectureSearch({ id = 'search', title = 'Three searchers, one budget: small networks on real digits', ...preset }: { id?: string; title?: string } & SearchPreset) {
  const params = useWidgetParams(id, SEARCH_PARAMS, preset);
  const v = params.values;
  const space = spaceFromParams(v);
  const empty = emptySpaceReason(space);
  const config = { dataUrl: mnistUrl(), space, budget: v.budget, steps: v.steps, learningRate: v.lr, batchSize: 32, controllerStep: v.ctrl };
  const key = JSON.stringify([space, v.budget, v.steps, v.lr, v.ctrl, v.seed]);
  const trainer = useTrainer('nas-search', config, v.seed, key);
  // A search that could not be built (an empty space) reports an empty view.
  const view = trainer.view && 'records' in trainer.view ? trainer.view : null;
  const records = view?.records ?? [];
  const best = view?.best;
  const { pause } = trainer;
  const done = view?.done ?? false;
  useEffect(() => {
    if (done && trainer.state === 'running') pause();
  }, [done, trainer.state, pause]);
  usePublishPeer(id, useMemo<SearchPeer>(() => ({ records, backend: trainer.backend, plainJs: trainer.plainJs, done }), [records, trainer.backend, trainer.plainJs, done]));

  const series = SEARCHERS.map((s, i) => {
    const ys = best?.[s] ?? [];
    const xs = ys.map((_, k) => k + 1).filter((_, k) => Number.isFinite(ys[k]));
    return { label: SEARCHER_LABELS[s], xs, ys: ys.filter((y) => Number.isFinite(y)), color: seriesColor(i) };
  });
  const finals = SEARCHERS.map((s) => best?.[s]?.filter(Number.isFinite).at(-1));
  const tried = records.filter((r) => r.status !== 'scoring').length;
  const diverged = records.filter((r) => r.status === 'diverged').length;
  const size = spaceSize(space);
  const training = view?.training;

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={`Search space: ${size.toLocaleString('en-GB')} architectures. ${tried} of ${3 * (view?.budget ?? v.budget)} candidates trained${diverged ? ` (${diverged} diverged)` : ''}. Best validation accuracy: ${SEARCHERS.map((s, i) => `${SEARCHER_LABELS[s]} ${pct(finals[i])}`).join('; ')}.`}>
      {empty && <p className="widget-alert" role="alert" data-empty-space>{empty}</p>}
      {view?.notice && <p className="widget-alert" role="status" data-clamped>{view.notice}</p>}
      <p className="nas-status" data-space-size={size}>
        Search space: <b>{size.toLocaleString('en-GB')}</b> architectures ({space.depths.length ? `depth ${space.depths.join(' or ')}` : 'no depth'}; per layer {space.widths.length} widths × {space.activations.length} activations × {space.skips.length} skip settings).
        {' '}{training ? <>Training {SEARCHER_LABELS[training.searcher]}’s candidate: {training.label}, step {training.step} of {training.of}.</> : done ? <>Search done: every searcher trained its {view?.budget} candidates.</> : null}
      </p>
      <div className="widget-grid nas-panel">
        <div className="chart" data-best={JSON.stringify(series.map((c) => Array.from(c.ys, (y) => Number(y.toFixed(4)))))}>
          <LineChart series={series} xLabel="candidates trained (per searcher)" yLabel="best validation accuracy so far" />
        </div>
        {view && <PolicyBars space={space} probs={view.policy.probs} baseline={view.policy.baseline} />}
      </div>
      <CandidateTable records={records} />
      <fieldset className="space-ticks">
        <legend>Search space (untick a choice to remove it)</legend>
        <div><span>Depth</span><ParamControls params={params} keys={[...SPACE_KEYS.depths]} /></div>
        <div><span>Width</span><ParamControls params={params} keys={[...SPACE_KEYS.widths]} /></div>
        <div><span>Activation</span><ParamControls params={params} keys={[...SPACE_KEYS.activations]} /></div>
        <div><span>Skip</span><ParamControls params={params} keys={[...SPACE_KEYS.skips]} /></div>
      </fieldset>
      <ParamControls params={params} keys={['budget', 'steps', 'lr', 'ctrl', 'seed']} />
    </WidgetFrame>
  );
}
