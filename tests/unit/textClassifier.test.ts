/**
 * Chapter 8's classifiers on the real e-mail corpus (Node, cpu backend): each
 * beats the majority-class baseline on the held-out messages; the trainer's
 * model leaks no tensors across steps, views, typed messages and the word map;
 * bad settings and messages get a message or a clamp, never NaN.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseSpam, spamStore } from '../../src/engine/data/spamCorpus';
import { textClassifierSpec } from '../../src/engine/models/textClassifier';
import { DEFAULT_TEXT_CONFIG, type TextClassifyConfig } from '../../src/engine/models/textClassifierConfig';
import { majorityBaseline, spamSequences } from '../../src/engine/nn/text/spamDataset';
import { TextRun } from '../../src/engine/nn/text/textRun';
import { Trainer } from '../../src/engine/trainer';
import { useCpuBackend } from './support/cpuBackend';
import { bufferOf, packed } from './support/textDataFixture';

useCpuBackend();

// Small shapes so that Node's cpu backend trains all three in about a minute; the page trains the defaults.
const SMALL: TextClassifyConfig = { ...DEFAULT_TEXT_CONFIG, vocabSize: 1000, seqLen: 24, embedDim: 8, filters: 4, widths: [2, 3], learningRate: 0.02 };

describe('e-mail classifiers on the held-out messages', () => {
  const data = parseSpam(bufferOf(packed('spam')));
  spamStore.provide(data);

  it('each beats always answering ham after 100 steps', async () => {
    const seqs = spamSequences(data, SMALL.vocabSize, SMALL.seqLen, 'post');
    const baseline = majorityBaseline(seqs.test);
    const run = new TextRun(seqs, SMALL, 1);
    for (let s = 0; s < 100; s++) tf.tidy(() => run.step());
    const ev = await run.evaluate(seqs.test);
    run.dispose();
    console.log(`[text] held-out accuracy after 100 steps: ${JSON.stringify(ev.acc)}; baseline ${baseline.toFixed(4)}`);
    for (const m of ['bow', 'avg', 'cnn']) expect(ev.acc[m], m).toBeGreaterThan(baseline + 0.05);
  }, 600_000);

  it('leaks no tensors across steps, views, a typed message, the word map and dispose', async () => {
    const before = tf.memory().numTensors;
    const config: TextClassifyConfig = { ...SMALL, vocabSize: 300, seqLen: 8, wordMap: true };
    const trainer = new Trainer(textClassifierSpec, config, 2);
    await trainer.step(2);
    await trainer.view();
    await trainer.answer({ message: 'Click here for a FREE prize!!' });
    const mid = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await trainer.step(12);
      const view = await trainer.view();
      const answer = await trainer.answer({ message: 'Click here for a FREE prize!!' });
      expect(answer.models.cnn?.prob).toBeGreaterThan(0);
      expect(answer.step).toBe(trainer.stepCount);
      expect(view.spamWords?.length).toBe(8);
    }
    expect(tf.memory().numTensors).toBe(mid);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('bad input: T = 0 is refused with a message; a 100,000-character message is read in its first T tokens; an empty one gets a reason, not a verdict', async () => {
    const zero = new Trainer(textClassifierSpec, { ...SMALL, seqLen: 0 }, 1);
    expect(zero.state).toBe('error');
    expect(zero.message).toMatch(/sequence length T/);
    zero.dispose();
    const t = new Trainer(textClassifierSpec, { ...SMALL, vocabSize: 300, seqLen: 8 }, 1);
    await t.step(1);
    const msg = await t.answer({ message: 'free money '.repeat(9091) });
    expect(msg.tokens.length).toBe(8);
    expect(msg.total).toBeLessThanOrEqual(5000);
    for (const m of Object.values(msg.models)) {
      expect(Number.isFinite(m.prob)).toBe(true);
      expect(m.push.every(Number.isFinite)).toBe(true);
    }
    await expect(t.answer({ message: '   ' })).rejects.toThrow(/no message to classify/);
    t.dispose();
  }, 300_000);
});
