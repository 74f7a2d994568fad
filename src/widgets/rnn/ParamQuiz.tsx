import { recurrentParamCount } from '../../engine/models/forecastData';
import { NumberQuiz } from '../kit/NumberQuiz';

/** The quiz's layers: kind (gate blocks k), inputs d, units q. */
const QUESTIONS = [
  { name: 'SimpleRNN', k: 1, d: 1, q: 50 },
  { name: 'LSTM', k: 4, d: 1, q: 50 },
  { name: 'GRU', k: 3, d: 1, q: 50 },
  { name: 'LSTM', k: 4, d: 28, q: 64 },
] as const;

/** An exercise checked in the page: parameter counts of recurrent layers, k·q·(d + q + 1). */
export function ParamQuiz({ id = 'rnn-params' }: { id?: string }) {
  return (
    <NumberQuiz id={id} title="Exercise: how many parameters?" hint="Count W_x (d × q), W_h (q × q) and b (q) once per gate block."
      questions={QUESTIONS.map((q) => ({ prompt: `${q.name}(${q.q}) on ${q.d} input feature${q.d > 1 ? 's' : ''} per step:`, answer: recurrentParamCount(q.k, q.d, q.q), size: 7 }))} />
  );
}
