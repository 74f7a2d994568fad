import { useMemo, useState } from 'react';
import { classifyPoint, eigen2, type PointKind } from '../../engine/math/eigen2';
import { criticalPoints, SURFACES } from '../../engine/math/surfaces';
import { createRng } from '../../engine/rng';
import { ComputeFrame } from '../kit/ComputeFrame';
import { SurfacePlot } from './SurfacePlot';

const CHOICES: PointKind[] = ['minimum', 'maximum', 'saddle'];

/**
 * An exercise checked in the page: the many-minima surface has a critical point
 * marked; the reader says whether it is a minimum, a maximum or a saddle, and
 * the page checks the answer against the Hessian's eigenvalues.
 */
export function CriticalPointQuiz({ id = 'critical-quiz', seed = 4 }: { id?: string; seed?: number }) {
  const s = SURFACES.bumpy;
  // Shuffled once per seed, so that the rounds differ but a link reproduces them.
  const points = useMemo(() => {
    const all = criticalPoints(s, 13);
    const rng = createRng(seed);
    return all.map((p) => ({ p, k: rng.next() })).sort((a, b) => a.k - b.k).map((e) => e.p);
  }, [s, seed]);
  const [round, setRound] = useState(0);
  const [answer, setAnswer] = useState<PointKind | null>(null);
  const [score, setScore] = useState({ right: 0, tried: 0 });
  const p = points[round % points.length];
  const truth = classifyPoint(s.grad(p[0], p[1]), s.hessian(p[0], p[1]));
  const choose = (k: PointKind) => {
    if (answer) return;
    setAnswer(k);
    setScore((sc) => ({ right: sc.right + (k === truth ? 1 : 0), tried: sc.tried + 1 }));
  };
  const next = () => {
    setAnswer(null);
    setRound((r) => r + 1);
  };
  const solved = score.right >= 3;
  return (
    <ComputeFrame id={id} title="Exercise: minimum, maximum or saddle?">
      <div className="widget-grid">
        <SurfacePlot surface={s} marks={[{ x: p[0], y: p[1], label: 'point', color: '#D55E00' }]} size={240} />
        <div>
          <p>
            The gradient is zero at the marked point ({p[0].toFixed(3)}, {p[1].toFixed(3)}) of the many-minima surface. What is it? Use the
            Hessian explorer above if you want to check the eigenvalues first. Three right answers solve the exercise.
          </p>
          <p>
            {CHOICES.map((k) => (
              <button key={k} data-action={`answer-${k}`} onClick={() => choose(k)} disabled={answer !== null} aria-pressed={answer === k}>{k}</button>
            ))}{' '}
            <button data-action="next" onClick={next} disabled={answer === null}>Next point</button>
          </p>
          {answer && (
            <p className={answer === truth ? 'check-ok' : 'check-no'} role="status">
              {answer === truth ? 'Right' : `Not quite: it is a ${truth}`}: its Hessian has eigenvalues{' '}
              {eigText(s.hessian(p[0], p[1]))}.
            </p>
          )}
          <p data-solved={solved} role="status">
            Score: {score.right} right out of {score.tried}. {solved ? 'Solved.' : ''}
          </p>
        </div>
      </div>
    </ComputeFrame>
  );
}

function eigText(h: { xx: number; xy: number; yy: number }): string {
  const [l1, l2] = eigen2(h).values;
  return `${l1.toFixed(2)} and ${l2.toFixed(2)}`;
}
