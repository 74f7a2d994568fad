import { useEffect, useMemo, useState } from 'react';
import { dataset2d } from '../../engine/data/classification2d';
import type { LinearClassifierConfig } from '../../engine/models/logistic';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { BoundaryMap } from './BoundaryMap';
import { TRAIN_PARAMS } from './classifyParams';

// The default start (quadratic features, η = 0.01) is too slow: its loss falls steadily but not far enough in the budget.
const PARAMS = { features: { ...TRAIN_PARAMS.features, default: 'quadratic' }, lr: { ...TRAIN_PARAMS.lr, default: 0.01 }, batch: TRAIN_PARAMS.batch } as const satisfies Schema;
const GRID = 40;
/** Random starting weights large enough that the loss visibly falls even when the features cannot solve the task. */
export const INIT_SCALE = 1.5;

/**
 * An exercise checked in the page: reach the target training accuracy on circle
 * data within `budget` steps of gradient descent, choosing features, η and batch size.
 */
export function CircleChallenge({ id = 'circle-ex', budget = 400, target = 0.95, seed = 2 }: { id?: string; budget?: number; target?: number; seed?: number }) {
  const params = useWidgetParams(id, PARAMS, { seed });
  const v = params.values;
  const data = useMemo(() => dataset2d('circle', 200, 0.05, v.seed), [v.seed]);
  const features = v.features;
  const config: LinearClassifierConfig = { classes: 2, features, learningRate: v.lr, batchSize: v.batch, gridSize: GRID, initScale: INIT_SCALE };
  const points = useMemo(() => ({ x: data.x, y: data.y, label: data.label }), [data]);
  const trainer = useTrainer('linear-classifier', config, v.seed, features, { data: { points } });
  const [attempt, setAttempt] = useState<{ features: string; lr: number; batch: number; restarts: number } | null>(null);
  useEffect(() => setAttempt(null), [v.features, v.lr, v.batch, v.seed]);
  const acc = trainer.view?.accuracy;
  // Only the run started by the click counts (it restarted after the click), never the previous attempt.
  const fresh = attempt !== null && trainer.restarts > attempt.restarts;
  const done = fresh && trainer.steps === budget && trainer.state !== 'running';
  const diverged = fresh && trainer.state === 'diverged';
  const solved = done && acc !== undefined && acc >= target;

  const run = () => {
    trainer.reset();
    trainer.step(budget);
    setAttempt({ features: v.features, lr: v.lr, batch: v.batch, restarts: trainer.restarts });
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

  return (
    <WidgetFrame id={id} title={`Exercise: ${pct(target)} on the circle in ${budget} steps`} trainer={trainer} params={params}>
      <p>
        Reach at least <b>{pct(target)}</b> training accuracy on the 200 circle points below after exactly {budget} steps of
        gradient descent, starting from random weights. The default settings fall short; change the features, the learning rate or the batch size.
      </p>
      <div className="widget-grid">
        <BoundaryMap probs={trainer.view?.probs ?? null} size={GRID} classes={2} points={data}
          caption={`accuracy ${acc !== undefined ? pct(acc) : '–'} after ${trainer.steps} steps`} width={220} />
        <div style={{ flex: '1 1 16rem' }}>
          <ParamControls params={params} keys={['features', 'lr', 'batch']} />
          <p>
            <button data-action="check" onClick={run}>Run {budget} steps and check</button>{' '}
            {(done || diverged) && (
              <span className={solved ? 'check-ok' : 'check-no'} role="status" data-solved={solved}>
                {diverged
                  ? `η = ${attempt!.lr} diverged. Try a smaller learning rate.`
                  : solved
                    ? `Solved: ${pct(acc!)} with ${attempt!.features} features, η = ${attempt!.lr}, batch ${attempt!.batch}.`
                    : `Not yet: ${acc !== undefined ? pct(acc) : '–'}. ${attempt!.features === 'linear' ? 'Can any straight line separate a disc from a ring?' : 'Right features; is the step size large enough to get there in time?'}`}
              </span>
            )}
          </p>
        </div>
      </div>
    </WidgetFrame>
  );
}
