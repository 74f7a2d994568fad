import { useState } from 'react';
import { outSize } from '../../engine/math/conv';
import { ComputeFrame } from '../kit/ComputeFrame';

/** The quiz's layers: input size n, kernel k, padding p, stride s. */
const QUESTIONS = [
  { n: 28, k: 5, p: 2, s: 1 },
  { n: 14, k: 5, p: 0, s: 1 },
  { n: 32, k: 3, p: 1, s: 2 },
  { n: 224, k: 11, p: 2, s: 4 },
  { n: 7, k: 3, p: 0, s: 3 },
] as const;

/** An exercise checked in the page: the output size of five convolution layers. */
export function OutputSizeQuiz({ id = 'size-quiz' }: { id?: string }) {
  const [answers, setAnswers] = useState<string[]>(() => QUESTIONS.map(() => ''));
  const [checked, setChecked] = useState(false);
  const right = QUESTIONS.map((q, i) => answers[i].trim() !== '' && Number(answers[i]) === outSize(q.n, q.k, q.p, q.s));
  const all = right.every(Boolean);
  return (
    <ComputeFrame id={id} title="Exercise: output sizes">
      <ol>
        {QUESTIONS.map((q, i) => (
          <li key={i}>
            n = {q.n}, k = {q.k}, p = {q.p}, s = {q.s}: output{' '}
            <input aria-label={`answer ${i + 1}`} data-answer={i} inputMode="numeric" size={4} value={answers[i]}
              onChange={(e) => { setChecked(false); setAnswers((a) => a.map((x, j) => (j === i ? e.target.value : x))); }} />{' '}
            {checked && <span className={right[i] ? 'check-ok' : 'check-no'}>{right[i] ? 'right' : 'not yet'}</span>}
          </li>
        ))}
      </ol>
      <p>
        <button data-action="check" onClick={() => setChecked(true)}>Check</button>{' '}
        {checked && <span role="status" data-solved={all} className={all ? 'check-ok' : 'check-no'}>{all ? 'All five right.' : `${right.filter(Boolean).length} of 5 right. Use ⌊(n + 2p − k) / s⌋ + 1.`}</span>}
      </p>
    </ComputeFrame>
  );
}
