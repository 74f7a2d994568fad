import { countDerivedCells, DARTS_OPS, EDGES } from '../../engine/nas/dartsSpace';
import { FULL_SPACE, spaceSize } from '../../engine/nas/space';
import { NumberQuiz } from '../kit/NumberQuiz';

/** The quiz's questions, every answer computed by the engine. */
export const SPACE_QUESTIONS = [
  { text: 'This chapter’s search space: depth 1, 2 or 3; per layer a width from {8, 16, 32, 64}, an activation from {ReLU, tanh, sigmoid}, skip or not. How many architectures?', answer: spaceSize(FULL_SPACE) },
  { text: 'The same with depth exactly 2, widths {16, 32} only, ReLU or tanh, skip or not:', answer: spaceSize({ depths: [2], widths: [16, 32], activations: ['relu', 'tanh'], skips: [false, true] }) },
  { text: 'The DARTS cell below: 6 edges, 5 candidate operations each. How many architecture weights α?', answer: EDGES.length * DARTS_OPS.length },
  { text: 'How many different discrete cells can DARTS derive from it (each edge one of the 4 non-zero operations; node 1 keeps its one input, nodes 2 and 3 keep two)?', answer: countDerivedCells() },
] as const;

/** An exercise checked in the page: the sizes of search spaces. */
export function SpaceSizeQuiz({ id = 'space-quiz' }: { id?: string }) {
  return (
    <NumberQuiz id={id} title="Exercise: how big is the space?" hint="Multiply the choices within a layer, raise to the depth, and add over the depths."
      questions={SPACE_QUESTIONS.map((q) => ({ prompt: q.text, answer: q.answer, size: 8 }))} />
  );
}
