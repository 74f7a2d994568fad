import { useMemo, useState } from 'react';
import { bestDegree, cvByDegree, kfoldSplits } from '../../engine/math/kfold';
import { polyData } from '../../engine/math/polynomial';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatLoss } from '../kit/format';

/**
 * An exercise checked in the page: which degree does K-fold cross-validation pick
 * on this data set? The answer is computed here (closed-form fits per fold), not stored.
 */
export function CvQuiz({ id = 'cv-quiz', n = 40, noise = 0.5, seed = 4, k = 10 }: { id?: string; n?: number; noise?: number; seed?: number; k?: number }) {
  const data = useMemo(() => polyData(n, noise, seed), [n, noise, seed]);
  const cv = useMemo(() => cvByDegree(data, kfoldSplits(n, k, seed), 12), [data, n, k, seed]);
  const answer = bestDegree(cv);
  const [text, setText] = useState('');
  const [result, setResult] = useState<null | { ok: boolean; message: string }>(null);

  const check = () => {
    const d = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(d) || d < 0 || d > 12) {
      setResult({ ok: false, message: 'Enter a whole number from 0 to 12.' });
      return;
    }
    if (d === answer) setResult({ ok: true, message: `Right: degree ${d} has the lowest mean ${k}-fold error, ${formatLoss(cv[d].mean)}.` });
    else
      setResult({
        ok: false,
        message: `Not quite: degree ${d} scores ${formatLoss(cv[d].mean)} on average over the ${k} folds; another degree scores lower. ${d > answer ? 'Is the extra flexibility paying for itself?' : 'Is the model flexible enough?'}`,
      });
  };

  return (
    <ComputeFrame id={id} title="Exercise: pick the degree by cross-validation">
      <p>
        Data: {n} points, noise σ = {noise}, seed {seed}. Using {k}-fold cross-validation with least-squares fits, which degree from 0 to 12 has the
        lowest mean validation error? Use the K-fold figure with <code>K = {k}</code>, <code>Points = {n}</code>, <code>Noise σ = {noise}</code> and <code>Seed = {seed}</code>, or
        reason it out, then check.
      </p>
      <p>
        <label>
          Degree{' '}
          <input className="param-text" data-param="answer" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && check()} style={{ width: '4rem' }} />
        </label>{' '}
        <button data-action="check" onClick={check}>Check</button>{' '}
        {result && <span className={result.ok ? 'check-ok' : 'check-no'} role="status" data-solved={result.ok}>{result.message}</span>}
      </p>
    </ComputeFrame>
  );
}
