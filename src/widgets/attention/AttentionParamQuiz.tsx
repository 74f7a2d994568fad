import { attentionParamCount } from '../../engine/math/selfAttention';
import { NumberQuiz } from '../kit/NumberQuiz';

/** The quiz's questions, each answer computed (never typed in by hand); tests/unit/chapter9Numbers.test.ts pins them. */
export const ATTENTION_QUESTIONS = [
  { text: 'Multi-head attention with d_model = 512 (W_q, W_k, W_v, W_o and their biases): how many parameters?', answer: attentionParamCount(512) },
  { text: 'The same with 8 heads instead of 1: how many parameters?', answer: attentionParamCount(512) },
  { text: 'With 8 heads and d_model = 512, how many columns d_k does each head get?', answer: 512 / 8 },
  { text: 'Queries and keys with independent N(0, 1) components and d_k = 64: the standard deviation of q · k?', answer: Math.sqrt(64) },
  { text: 'How many attention scores does one head compute for a sequence of T = 1,000 tokens?', answer: 1000 * 1000 },
  { text: 'And with a local window of 10 keys on each side (ignore the ends: 21 keys per query)?', answer: 1000 * 21 },
] as const;

/** An exercise checked in the page: attention's parameter counts, key width, score spread and cost. */
export function AttentionParamQuiz({ id = 'attention-quiz' }: { id?: string }) {
  return (
    <NumberQuiz id={id} title="Exercise: count attention" hint="Four d × d matrices and four biases; heads split the columns, they add none."
      questions={ATTENTION_QUESTIONS.map((q) => ({ prompt: q.text, answer: q.answer, size: 9 }))} />
  );
}
