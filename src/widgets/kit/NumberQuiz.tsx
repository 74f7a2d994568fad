import { useState, type ReactNode } from 'react';
import { ComputeFrame } from './ComputeFrame';

/** One question of a quiz: its wording and the number it asks for (computed by the engine, never typed in by hand). */
export interface NumberQuestion {
  prompt: ReactNode;
  answer: number;
  /** Width of the answer box in characters. */
  size: number;
}

/** Digits as a reader types them: "10,400" and "10 400" read as 10400; an empty box is no answer. */
export function readNumber(text: string): number | null {
  const t = text.replace(/[,\s]/g, '');
  return t === '' ? null : Number(t);
}

const WORDS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * An exercise checked in the page: a numbered list of questions with a box each, and Check, which marks
 * each answer and says how many are right (with `hint` when not all are). The testing contract: inputs carry
 * data-answer, the button data-action="check", the verdict data-solved.
 */
export function NumberQuiz({ id, title, questions, hint }: { id: string; title: string; questions: readonly NumberQuestion[]; hint: string }) {
  const [answers, setAnswers] = useState<string[]>(() => questions.map(() => ''));
  const [checked, setChecked] = useState(false);
  const right = questions.map((q, i) => readNumber(answers[i]) === q.answer);
  const all = right.every(Boolean);
  const n = questions.length;
  return (
    <ComputeFrame id={id} title={title}>
      <ol>
        {questions.map((q, i) => (
          <li key={i}>
            {q.prompt}{' '}
            <input aria-label={`answer ${i + 1}`} data-answer={i} inputMode="numeric" size={q.size} value={answers[i]}
              onChange={(e) => { setChecked(false); setAnswers((a) => a.map((x, j) => (j === i ? e.target.value : x))); }} />{' '}
            {checked && <span className={right[i] ? 'check-ok' : 'check-no'}>{right[i] ? 'right' : 'not yet'}</span>}
          </li>
        ))}
      </ol>
      <p>
        <button data-action="check" onClick={() => setChecked(true)}>Check</button>{' '}
        {checked && <span role="status" data-solved={all} className={all ? 'check-ok' : 'check-no'}>{all ? `All ${WORDS[n] ?? n} right.` : `${right.filter(Boolean).length} of ${n} right. ${hint}`}</span>}
      </p>
    </ComputeFrame>
  );
}
