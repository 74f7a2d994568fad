import { textParamCount } from '../../engine/models/textClassifierConfig';
import { NumberQuiz } from '../kit/NumberQuiz';

/** The quiz's questions: a description and the count it asks for (computed, never typed in by hand). */
export const PARAM_QUESTIONS = [
  { text: 'Bag of words + logistic regression, |V| = 10,000', answer: textParamCount('bow', { vocabSize: 10000, embedDim: 0, filters: 0, widths: [] }) },
  { text: 'Averaged embeddings + logistic regression, |V| = 10,000, d = 8', answer: textParamCount('avg', { vocabSize: 10000, embedDim: 8, filters: 0, widths: [] }) },
  { text: 'The notes’ model: embedding |V| = 10,000, d = 8, T = 20, flattened (not averaged) into logistic regression', answer: 10000 * 8 + 20 * 8 + 1 },
  { text: 'TextCNN, |V| = 2,000, d = 16, widths 2, 3 and 4 with 8 filters each, then logistic regression', answer: textParamCount('cnn', { vocabSize: 2000, embedDim: 16, filters: 8, widths: [2, 3, 4] }) },
] as const;

/** An exercise checked in the page: the parameter counts of four text classifiers. */
export function TextParamQuiz({ id = 'text-params-quiz' }: { id?: string }) {
  return (
    <NumberQuiz id={id} title="Exercise: count the parameters" hint="Count the table, then every weight and bias after it."
      questions={PARAM_QUESTIONS.map((q) => ({ prompt: `${q.text}:`, answer: q.answer, size: 8 }))} />
  );
}
