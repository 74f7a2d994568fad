import { useEffect, useMemo, useState } from 'react';
import { linearData } from '../../engine/data/regression';
import { leastSquares } from '../../engine/math/linalg';
import { meanLoss } from '../../engine/math/losses';
import type { LinearRegressionConfig } from '../../engine/models/linearRegression';
import { formatLoss } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { LR_PARAM } from './regressionParams';

const PARAMS = { lr: { ...LR_PARAM.lr, default: 0.01 } } as const satisfies Schema;

/**
 * An exercise checked in the page: reach a full-batch L2 loss within 10% of the
 * least-squares minimum in exactly `budget` steps, changing only the learning rate.
 */
export function LearningRateChallenge({ id = 'lr-challenge', budget = 20, seed = 3 }: { id?: string; budget?: number; seed?: number }) {
  const params = useWidgetParams(id, PARAMS, { seed });
  const s = params.values.seed;
  const data = useMemo(() => linearData({ n: 40, noise: 0.3, seed: s }), [s]);
  const target = useMemo(() => {
    const best = leastSquares(data.xs.map((x) => [x]), data.ys);
    return 1.1 * meanLoss('l2', data.xs, data.ys, best.w[0], best.b);
  }, [data]);
  // The points go on the data path, sent once per data set rather than with the settings on every render.
  const points = useMemo(() => ({ xs: data.xs, ys: data.ys }), [data]);
  const config: LinearRegressionConfig = { loss: 'l2', learningRate: params.values.lr, batchSize: 40, huberDelta: 1, init: [-2, 3] };
  const trainer = useTrainer('linear-regression', config, s, String(s), { data: { points } });
  const [attempt, setAttempt] = useState<{ lr: number; restarts: number } | null>(null);
  // Done once the run restarted after the click and reached the budget: a verdict never describes the previous attempt.
  const done = attempt !== null && trainer.restarts > attempt.restarts && trainer.steps === budget && trainer.state !== 'running';
  // The view's full-data loss is measured after the last update; trainer.loss is the loss the last step started from.
  const finalLoss = typeof trainer.view?.fullLoss === 'number' ? trainer.view.fullLoss : null;
  const solved = done && trainer.state !== 'diverged' && finalLoss !== null && finalLoss < target;

  useEffect(() => setAttempt(null), [params.values.lr]);

  const run = () => {
    trainer.reset();
    trainer.step(budget);
    setAttempt({ lr: params.values.lr, restarts: trainer.restarts });
  };

  return (
    <WidgetFrame id={id} title={`Exercise: reach the minimum in ${budget} steps`} trainer={trainer} params={params}>
      <p>
        Target: full-batch loss below <b>{formatLoss(target)}</b> (within 10% of the least-squares minimum) after exactly {budget} steps of
        gradient descent from (w, b) = (−2, 3). Change only the learning rate.
      </p>
      <ParamControls params={params} keys={['lr']} />
      <p>
        <button data-action="check" onClick={run}>Run {budget} steps and check</button>{' '}
        {done && (
          <span className={solved ? 'check-ok' : 'check-no'} role="status" data-solved={solved}>
            {solved
              ? `Solved: loss ${formatLoss(finalLoss)} with η = ${attempt!.lr}.`
              : trainer.state === 'diverged'
                ? `η = ${attempt!.lr} diverged. Try a smaller learning rate.`
                : `Not yet: loss ${formatLoss(finalLoss)} with η = ${attempt!.lr}. ${finalLoss !== null && finalLoss > 3 * target ? 'Too slow, or overshooting?' : 'Close.'}`}
          </span>
        )}
      </p>
    </WidgetFrame>
  );
}
