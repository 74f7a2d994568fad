import { useState } from 'react';
import { recurrentParamCount } from '../../engine/models/forecastData';
import { ComputeFrame } from '../kit/ComputeFrame';

/** The quiz's layers: kind (gate blocks k), inputs d, units q. */
const QUESTIONS = [
  { name: 'SimpleRNN', k: 1, d: 1, q: 50 },
  { name: 'LSTM', k: 4, d: 1, q: 50 },
  { name: 'GRU', k: 3, d: 1, q: 50 },
  { name: 'LSTM', k: 4, d: 28, q: 64 },
] as const;

/** An exercise checked in the page: parameter counts of recurrent layers, k·q·(d + q + 1). */
export function ParamQuiz({ id = 'rnn-params' }: { id?: string }) {
  const [answers, setAnswers] = useState<string[]>(() => QUESTIONS.map(() => ''));
  const [checked, setChecked] = useState(false);
  const right = QUESTIONS.map((q, i) => answers[i].replace(/[ ,]/g, '') !== '' && Number(answers[i].replace(/[ ,]/g, '')) === recurrentParamCount(q.k, q.d, q.q));
  const all = right.every(Boolean);
  return (
    <ComputeFrame id={id} title="Exercise: how many parameters?">
      <ol>
        {QUESTIONS.map((q, i) => (
          <li key={i}>
            {q.name}({q.q}) on {q.d} input feature{q.d > 1 ? 's' : ''} per step:{' '}
            <input aria-label={`answer ${i + 1}`} data-answer={i} inputMode="numeric" size={7} value={answers[i]}
              onChange={(e) => { setChecked(false); setAnswers((a) => a.map((x, j) => (j === i ? e.target.value : x))); }} />{' '}
            {checked && <span className={right[i] ? 'check-ok' : 'check-no'}>{right[i] ? 'right' : 'not yet'}</span>}
          </li>
        ))}
      </ol>
      <p>
        <button data-action="check" onClick={() => setChecked(true)}>Check</button>{' '}
        {checked && <span role="status" data-solved={all} className={all ? 'check-ok' : 'check-no'}>{all ? 'All four right.' : `${right.filter(Boolean).length} of 4 right. Count W_x (d × q), W_h (q × q) and b (q) once per gate block.`}</span>}
      </p>
    </ComputeFrame>
  );
}
