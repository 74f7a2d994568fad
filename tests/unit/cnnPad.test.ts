/**
 * The draw pad reads with the LeNet figure's network: the LeNet view echoes
 * the drawing's tag and step beside its probabilities, a blank image goes
 * through the network like any other, and the pad's words never show NaN and
 * mark a blank or all-ink pad's answer as low confidence.
 */
import { describe, expect, it } from 'vitest';
import { provideMnist } from '../../src/engine/data/mnistStore';
import { lenetSpec, type LenetConfig } from '../../src/engine/models/lenet';
import { Trainer } from '../../src/engine/trainer';
import type { LenetReport, PadDrawing } from '../../src/widgets/cnn/lenetChannel';
import { modelLine, padVerdict, shownProbs } from '../../src/widgets/cnn/padVerdict';
import { useCpuBackend } from './support/cpuBackend';
import { mnistFixture } from './support/mnistFixture';

useCpuBackend();

const blank = (tag = 1): PadDrawing => ({ pixels: new Array<number>(784).fill(0), tag });
const report = (over: Partial<LenetReport> = {}): LenetReport => ({
  title: 'LeNet learns to read digits', model: '6 + 16 channels', state: 'paused', step: 120, examples: 3840, testAcc: 0.91,
  probs: [0.05, 0.4, 0.05, 0.05, 0.05, 0.1, 0.1, 0.1, 0.05, 0.05], tag: 1, probsStep: 120, ...over,
});

describe('the LeNet view classifies the pad\'s drawing', () => {
  it('echoes the drawing\'s tag and step, and a blank image gets ten finite probabilities summing to 1', async () => {
    provideMnist(mnistFixture().data);
    const config: LenetConfig = { ...lenetSpec.probeConfig, drawn: new Array<number>(784).fill(0), drawnTag: 7 };
    const trainer = new Trainer(lenetSpec, config, 1);
    await trainer.step(3);
    const v = await trainer.view();
    const probs = v.drawnProbs as number[];
    expect(probs).toHaveLength(10);
    expect(probs.every(Number.isFinite)).toBe(true);
    expect(probs.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 5);
    expect(v.drawnTag).toBe(7);
    expect(v.drawnStep).toBe(3);
    trainer.configure({ ...config, drawn: null, drawnTag: undefined });
    const none = await trainer.view();
    expect(none.drawnProbs).toBeUndefined();
    trainer.dispose();
  }, 60_000);
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
