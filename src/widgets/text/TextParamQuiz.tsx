import { useState } from 'react';
import { textParamCount } from '../../engine/models/textClassifierConfig';
import { ComputeFrame } from '../kit/ComputeFrame';

/** The quiz's questions: a description and the count it asks for (computed, never typed in by hand). */
export const PARAM_QUESTIONS = [
  { text: 'Bag of words + logistic regression, |V| = 10,000', answer: textParamCount('bow', { vocabSize: 10000, embedDim: 0, filters: 0, widths: [] }) },
  { text: 'Averaged embeddings + logistic regression, |V| = 10,000, d = 8', answer: textParamCount('avg', { vocabSize: 10000, embedDim: 8, filters: 0, widths: [] }) },
  { text: 'The notes’ model: embedding |V| = 10,000, d = 8, T = 20, flattened (not averaged) into logistic regression', answer: 10000 * 8 + 20 * 8 + 1 },
  { text: 'TextCNN, |V| = 2,000, d = 16, widths 2, 3 and 4 with 8 filters each, then logistic regression', answer: textParamCount('cnn', { vocabSize: 2000, embedDim: 16, filters: 8, widths: [2, 3, 4] }) },
] as const;

/** An exercise checked in the page: the parameter counts of four text classifiers. */
export function TextParamQuiz({ id = 'text-params-quiz' }: { id?: string }) {
  const [answers, setAnswers] = useState<string[]>(() => PARAM_QUESTIONS.map(() => ''));
  const [checked, setChecked] = useState(false);
  const right = PARAM_QUESTIONS.map((q, i) => answers[i].trim() !== '' && Number(answers[i].replace(/[,\s]/g, '')) === q.answer);
  const all = right.every(Boolean);
  return (
    <ComputeFrame id={id} title="Exercise: count the parameters">
      <ol>
        {PARAM_QUESTIONS.map((q, i) => (
          <li key={i}>
            {q.text}:{' '}
            <input aria-label={`answer ${i + 1}`} data-answer={i} inputMode="numeric" size={8} value={answers[i]}
              onChange={(e) => { setChecked(false); setAnswers((a) => a.map((x, j) => (j === i ? e.target.value : x))); }} />{' '}
            {checked && <span className={right[i] ? 'check-ok' : 'check-no'}>{right[i] ? 'right' : 'not yet'}</span>}
          </li>
        ))}
      </ol>
      <p>
        <button data-action="check" onClick={() => setChecked(true)}>Check</button>{' '}
        {checked && <span role="status" data-solved={all} className={all ? 'check-ok' : 'check-no'}>{all ? 'All four right.' : `${right.filter(Boolean).length} of 4 right. Count the table, then every weight and bias after it.`}</span>}
      </p>
    </ComputeFrame>
  );
}
