import { outSize } from '../../engine/math/conv';
import { NumberQuiz } from '../kit/NumberQuiz';

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
  return (
    <NumberQuiz id={id} title="Exercise: output sizes" hint="Use ⌊(n + 2p − k) / s⌋ + 1."
      questions={QUESTIONS.map((q) => ({ prompt: `n = ${q.n}, k = ${q.k}, p = ${q.p}, s = ${q.s}: output`, answer: outSize(q.n, q.k, q.p, q.s), size: 4 }))} />
  );
}
