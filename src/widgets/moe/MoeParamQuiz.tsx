import { moeTotals, MIXTRAL_8X7B } from '../../engine/math/moeParams';
import { NumberQuiz } from '../kit/NumberQuiz';

/** The quiz's shapes and answers (computed by the engine, never typed in by hand). */
export const MOE_QUESTIONS = [
  { text: 'Mixtral 8x7B with top-1 routing instead of top-2: active parameters', answer: moeTotals({ ...MIXTRAL_8X7B, topK: 1 }).active },
  { text: 'Mixtral 8x7B with 16 experts, top-2: total parameters', answer: moeTotals({ ...MIXTRAL_8X7B, experts: 16 }).total },
  { text: 'One MoE layer, d_model = 64, E = 8 experts each 64 → 256 → 64 with biases, a router without bias, top-2: parameters one token uses (router included)', answer: 64 * 8 + 2 * (64 * 256 + 256 + 256 * 64 + 64) },
] as const;

/** An exercise checked in the page: total and active parameters. */
export function MoeParamQuiz({ id = 'moe-quiz' }: { id?: string }) {
  return (
    <NumberQuiz id={id} title="Exercise: total and active parameters" hint="Only the experts line changes with k; E changes it in the total."
      questions={MOE_QUESTIONS.map((q) => ({ prompt: `${q.text}:`, answer: q.answer, size: 16 }))} />
  );
}
