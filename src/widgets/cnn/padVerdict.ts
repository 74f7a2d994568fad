import type { LenetAnswer, LenetRequest } from '../../engine/models/lenet';
import { formatNumber } from '../kit/format';

/** What the draw pad says, as pure functions of the LeNet figure's report and the pad's drawing. */

/** What a LeNet figure publishes for the draw pads on its page (usePublishPeer), with the way to ask its network. */
export interface LenetPeer {
  /** The figure's title, for "the LeNet in ... above". */
  title: string;
  /** Its architecture and training settings, in words. */
  model: string;
  state: string;
  /** Training steps so far (0: untrained, or just reset). */
  step: number;
  examples: number;
  /** Test accuracy at the last curve point; null before the first one. */
  testAcc: number | null;
  /** Changes whenever the figure's network is rebuilt or reset: an answer from before is stale even at the same step. */
  network: string;
  /** Asks the figure's network, with its current weights. */
  ask(request: LenetRequest): Promise<LenetAnswer>;
}

/** A drawing to classify: 28x28 pixels in [0, 1] after MNIST's preprocessing, tagged so its answer can be told from an older one's. */
export interface PadDrawing {
  pixels: number[];
  tag: number;
}

/** The figure's state with the answer for the drawing tagged `tag`, computed at step `probsStep`. */
export interface LenetReport extends Omit<LenetPeer, 'ask' | 'network'> {
  probs: number[] | null;
  tag: number | null;
  probsStep: number | null;
}

/** The report the pad's words are made from: the figure's latest state and the pad's latest answer. */
export function padReport(peer: LenetPeer | null, answer: (LenetAnswer & { tag: number }) | null): LenetReport | null {
  if (!peer) return null;
  const { title, model, state, step, examples, testAcc } = peer;
  return { title, model, state, step, examples, testAcc, probs: answer?.probs ?? null, tag: answer?.tag ?? null, probsStep: answer?.step ?? null };
}

const PRESS_PLAY = 'Press Play on the LeNet figure above to train the model, then draw.';
/** MNIST training digits average 13% ink over the 28x28 image; a pad filled with ink (51% after preprocessing) is not a digit, whatever the softmax says. */
const SOLID_INK = 0.35;

/** A probability in whole percent, except that 99.5% to 99.9% stay below 100%: the bars show one decimal. */
const pct = (p: number) => `${(p * 100).toFixed(p >= 0.995 && p < 1 ? 1 : 0)}%`;
const count = (n: number) => n.toLocaleString('en-GB');

/** What the pad says about an answer, and whether that answer deserves trust. */
export function padVerdict(report: LenetReport | null, drawing: PadDrawing): { text: string; best: number | null; confidence: 'low' | 'high' | '' } {
  if (!report) return { text: `Waiting for the LeNet figure above. ${PRESS_PLAY}`, best: null, confidence: '' };
  if (report.state === 'loading') return { text: `The LeNet figure above is still loading its digits. ${PRESS_PLAY}`, best: null, confidence: '' };
  const probs = report.tag === drawing.tag ? report.probs : null;
  if (report.state === 'diverged' || (probs && !probs.every(Number.isFinite))) return { text: 'The LeNet figure above has diverged, so its answers are meaningless: press Reset on it and train again.', best: null, confidence: '' };
  if (report.step === 0) {
    const guess = probs ? ' Untrained, its probabilities are a guess.' : '';
    return { text: `${PRESS_PLAY}${guess}`, best: null, confidence: '' };
  }
  // Probabilities from step 0 while the step count has moved on are from before Play: the next view replaces them.
  if (!probs || report.probsStep === 0) return { text: 'Reading your drawing…', best: null, confidence: '' };
  const best = probs.reduce((bi, p, i) => (p > probs[bi] ? i : bi), 0);
  const p = probs[best];
  const inkShare = drawing.pixels.reduce((a, x) => a + x, 0) / drawing.pixels.length;
  const why = 'A softmax always sums to one, so some digit always comes out on top';
  if (inkShare === 0)
    return { text: `Low confidence: the pad is blank, and the network still answers ${best} (${pct(p)}). ${why}; with no ink there is nothing to read, so this answer means little.`, best, confidence: 'low' };
  if (inkShare > SOLID_INK)
    return { text: `Low confidence: this is mostly solid ink, not a digit, and the network's answer (${best}, ${pct(p)}) means little. ${why}, even for an image unlike any digit it has seen.`, best, confidence: 'low' };
  if (p < 0.5) return { text: `Unsure: ${best} at ${pct(p)}. This drawing is far from any digit the network has seen.`, best, confidence: 'low' };
  return { text: `The network reads a ${best} (${pct(p)}).`, best, confidence: 'high' };
}

/** Which network reads the drawing and how far it has trained, in one sentence. */
export function modelLine(report: LenetReport | null): string {
  if (!report) return 'Reads with the LeNet of the figure above once that figure has loaded.';
  if (report.state === 'loading') return `Reads with the LeNet of “${report.title}” above, which is still loading.`;
  const acc = report.testAcc === null ? 'not measured yet' : `${formatNumber(report.testAcc * 100, 3)}%`;
  if (report.step === 0) return `Reads with the LeNet of “${report.title}” above (${report.model}), which has not trained yet: step 0, test accuracy ${acc} (chance is 10%).`;
  return `Reads with the LeNet of “${report.title}” above (${report.model}), as it is now: step ${count(report.step)}, ${count(report.examples)} training examples, test accuracy ${acc}.`;
}

/** The probabilities to draw as bars: the report's answer for this very drawing, finite, and not left over from step 0. */
export function shownProbs(report: LenetReport | null, drawing: PadDrawing): number[] | null {
  if (!report || report.tag !== drawing.tag || !report.probs || !report.probs.every(Number.isFinite)) return null;
  if (report.step > 0 && report.probsStep === 0) return null;
  return report.probs;
}
