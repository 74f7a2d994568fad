/**
 * The draw pad reads with the LeNet figure's network: the LeNet answers a
 * classify request with the step of the weights it used, a blank image goes
 * through the network like any other, and the pad's words never show NaN and
 * mark a blank or all-ink pad's answer as low confidence.
 */
import { describe, expect, it } from 'vitest';
import { provideMnist } from '../../src/engine/data/mnistStore';
import { lenetSpec } from '../../src/engine/models/lenet';
import { Trainer } from '../../src/engine/trainer';
import { modelLine, padReport, padVerdict, shownProbs, type LenetPeer, type LenetReport, type PadDrawing } from '../../src/widgets/cnn/padVerdict';
import { useCpuBackend } from './support/cpuBackend';
import { mnistFixture } from './support/mnistFixture';

useCpuBackend();

const blank = (tag = 1): PadDrawing => ({ pixels: new Array<number>(784).fill(0), tag });
const report = (over: Partial<LenetReport> = {}): LenetReport => ({
  title: 'LeNet learns to read digits', model: '6 + 16 channels', state: 'paused', step: 120, examples: 3840, testAcc: 0.91,
  probs: [0.05, 0.4, 0.05, 0.05, 0.05, 0.1, 0.1, 0.1, 0.05, 0.05], tag: 1, probsStep: 120, ...over,
});

describe('the LeNet answers the pad\'s request', () => {
  it('a blank image gets ten finite probabilities summing to 1, with the step of the weights that read it', async () => {
    provideMnist(mnistFixture().data);
    const trainer = new Trainer(lenetSpec, lenetSpec.probeConfig, 1);
    await trainer.step(3);
    const a = await trainer.answer({ classify: blank().pixels });
    expect(a.probs).toHaveLength(10);
    expect(a.probs.every(Number.isFinite)).toBe(true);
    expect(a.probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    expect(a.step).toBe(3);
    await expect(trainer.answer({ classify: [1, 2, 3] })).rejects.toThrow(/784 pixels/);
    trainer.dispose();
  }, 60_000);

  it('the pad\'s report joins the figure\'s state with the answer for its drawing', () => {
    const peer: LenetPeer = { title: 'T', model: 'm', state: 'paused', step: 9, examples: 288, testAcc: 0.5, network: 'n', ask: () => Promise.reject(new Error('unused')) };
    expect(padReport(null, null)).toBeNull();
    expect(padReport(peer, null)).toEqual({ title: 'T', model: 'm', state: 'paused', step: 9, examples: 288, testAcc: 0.5, probs: null, tag: null, probsStep: null });
    expect(padReport(peer, { probs: [1], step: 8, tag: 4 })).toMatchObject({ probs: [1], tag: 4, probsStep: 8 });
  });
});

describe('what the pad says', () => {
  it('a blank pad: an answer, marked low confidence, saying why it means little', () => {
    const v = padVerdict(report(), blank());
    expect(v.best).toBe(1);
    expect(v.confidence).toBe('low');
    expect(v.text).toMatch(/^Low confidence: the pad is blank.*1 \(40%\).*means little/);
  });

  it('an all-ink pad: an answer, marked low confidence', () => {
    const ink: PadDrawing = { pixels: new Array<number>(784).fill(0).map((_, i) => (i % 28 > 3 && i % 28 < 24 ? 1 : 0)), tag: 1 };
    const v = padVerdict(report({ probs: [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.84, 0.0] }), ink);
    expect(v.best).toBe(8);
    expect(v.confidence).toBe('low');
    expect(v.text).toMatch(/^Low confidence: .*solid ink.*8, 84%.*means little/);
  });

  it('a digit-like drawing read with confidence, and an unsure one', () => {
    const stroke: PadDrawing = { pixels: new Array<number>(784).fill(0).map((_, i) => (i % 28 === 14 ? 1 : 0)), tag: 1 };
    const sure = padVerdict(report({ probs: [0, 0.97, 0, 0, 0, 0, 0.03, 0, 0, 0] }), stroke);
    expect([sure.best, sure.confidence, sure.text]).toEqual([1, 'high', 'The network reads a 1 (97%).']);
    expect(padVerdict(report(), stroke)).toMatchObject({ best: 1, confidence: 'low', text: expect.stringMatching(/^Unsure: 1 at 40%/) });
  });

  it('no trained LeNet yet: says to press Play, names no digit', () => {
    for (const r of [null, report({ state: 'loading', step: 0, probs: null, tag: null, probsStep: null }), report({ state: 'idle', step: 0, probsStep: 0, testAcc: null })]) {
      const v = padVerdict(r, blank());
      expect(v.best).toBeNull();
      expect(v.text).toContain('Press Play on the LeNet figure above to train the model, then draw.');
      expect(modelLine(r)).not.toMatch(/NaN|undefined/);
    }
    expect(modelLine(report({ state: 'idle', step: 0, testAcc: null }))).toContain('test accuracy not measured yet');
  });

  it('never shows an answer for an older drawing, from before Play, or NaN', () => {
    expect(padVerdict(report({ tag: 2 }), blank(3)).text).toBe('Reading your drawing…');
    expect(shownProbs(report({ tag: 2 }), blank(3))).toBeNull();
    expect(shownProbs(report({ probsStep: 0 }), blank())).toBeNull();
    expect(shownProbs(report(), blank())).toHaveLength(10);
    const nan = report({ probs: new Array<number>(10).fill(NaN) });
    expect(shownProbs(nan, blank())).toBeNull();
    expect(padVerdict(nan, blank())).toMatchObject({ best: null, text: expect.stringMatching(/diverged/) });
    expect(padVerdict(nan, blank()).text).not.toMatch(/NaN/);
  });
});
