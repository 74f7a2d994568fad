/**
 * Every number chapter 13 quotes: the Mixtral 8x7B account line by line and the notes' own figures, Mistral 7B,
 * Mixtral 8x22B, grouped-query savings, the page's layer sizes, capacities, the quiz's answers.
 */
import { describe, expect, it } from 'vitest';
import { attentionPerLayer, denseTwin, expertPerLayer, MIXTRAL_8X7B, moeAccount, moeTotals, NOTES_MIXTRAL, notesTotals, shapeProblems } from '../../src/engine/math/moeParams';
import { expertCapacity } from '../../src/engine/nn/moeRouting';
import { CALC_PRESETS } from '../../src/widgets/moe/MoeCalculator';
import { MOE_QUESTIONS } from '../../src/widgets/moe/MoeParamQuiz';

const line = (name: string) => moeAccount(MIXTRAL_8X7B).find((l) => l.name === name)!;

describe('the Mixtral 8x7B account', () => {
  it('reproduces the notes line by line', () => {
    expect(line('embeddings').count).toBe(32000 * 4096);
    expect(line('embeddings').count).toBe(131_072_000);
    expect(attentionPerLayer(MIXTRAL_8X7B)).toBe(NOTES_MIXTRAL.attentionPerLayer);
    expect(attentionPerLayer(MIXTRAL_8X7B)).toBe(4096 * 4096 * 2 + 4096 * 1024 * 2);
    expect(4096 * 4096).toBe(16_777_216);
    expect(4096 * 1024).toBe(4_194_304);
    expect(line('attention').count).toBe(1_342_177_280);
    expect(32 * 41_943_040).not.toBe(NOTES_MIXTRAL.attentionPrinted);
    expect(32 * 41_943_040 - NOTES_MIXTRAL.attentionPrinted).toBe(60_000);
    expect(8 * 4096).toBe(NOTES_MIXTRAL.router);
    expect(line('routers').count).toBe(1_048_576);
    expect(expertPerLayer(MIXTRAL_8X7B)).toBe(176_160_768);
    expect(expertPerLayer(MIXTRAL_8X7B) * 32).toBe(NOTES_MIXTRAL.expertAllLayers);
    expect(line('experts').count).toBe(NOTES_MIXTRAL.experts);
    expect(line('experts').count).toBe(45_097_156_608);
    expect(line('experts').active).toBe(NOTES_MIXTRAL.activeExperts);
    expect(line('experts').active).toBe(11_274_289_152);
    expect(line('norms').count).toBe(266_240);
    expect(line('norms').count).toBe(65 * 4096);
    expect(line('LM head').count).toBe(NOTES_MIXTRAL.head);
  });

  it('adds up to 46.7 B total and 12.9 B active, as Mistral gives, and so do the notes’ lines', () => {
    const t = moeTotals(MIXTRAL_8X7B);
    expect(t.total).toBe(46_702_792_704);
    expect(t.active).toBe(12_879_925_248);
    expect((t.total / 1e9).toFixed(1)).toBe('46.7');
    expect((t.active / 1e9).toFixed(1)).toBe('12.9');
    expect(((100 * t.active) / t.total).toFixed(1)).toBe('27.6');
    const n = notesTotals();
    expect(n.total).toBe(46_701_510_656);
    expect(n.active).toBe(12_878_643_200);
    expect((n.total / 1e9).toFixed(1)).toBe('46.7');
    expect((n.active / 1e9).toFixed(1)).toBe('12.9');
  });

  it('Mistral 7B is one expert’s worth of FFN, and eight copies would be 58 B', () => {
    expect(denseTwin(MIXTRAL_8X7B)).toBe(7_241_732_096);
    expect(moeTotals(CALC_PRESETS['Mistral 7B (dense: one expert)']).total).toBe(7_241_732_096 + 32 * 4096);
    expect(Math.round((8 * 7_241_732_096) / 1e9)).toBe(58);
  });

  it('Mixtral 8x22B: 141 B total, 39 B active', () => {
    const t = moeTotals(CALC_PRESETS['Mixtral 8x22B']);
    expect(t.total).toBe(140_630_071_296);
    expect(t.active).toBe(39_161_468_928);
    expect(Math.round(t.total / 1e9)).toBe(141);
    expect(Math.round(t.active / 1e9)).toBe(39);
  });

  it('plain multi-head attention would add 805,306,368 parameters; the KV cache shrinks 4 times with 8 KV heads', () => {
    const mha = moeTotals({ ...MIXTRAL_8X7B, kvHeads: 32 });
    expect(mha.active - moeTotals(MIXTRAL_8X7B).active).toBe(805_306_368);
    expect(2 * 32 * 4096 * 3072).toBe(805_306_368);
    expect(32 / 8).toBe(4);
  });

  it('refuses bad shapes with messages', () => {
    expect(shapeProblems({ ...MIXTRAL_8X7B, topK: 9 })).toEqual(['k = 9 is more than the 8 experts.']);
    expect(shapeProblems({ ...MIXTRAL_8X7B, experts: 0 })[0]).toMatch(/experts must be a whole number/);
    expect(shapeProblems({ ...MIXTRAL_8X7B, kvHeads: 5 })[0]).toMatch(/do not share 5 key-value heads/);
  });
});

describe('the page’s layers and the quiz', () => {
  const ffn = (d: number, h: number) => d * h + h + h * d + d;
  it('classifier: 144 per expert, router 48, 912 in all, 192 per point; 336 with k = 2', () => {
    expect(ffn(8, 8)).toBe(144);
    expect(8 * 6).toBe(48);
    expect(48 + 6 * 144).toBe(912);
    expect(48 + 144).toBe(192);
    expect(48 + 2 * 144).toBe(336);
    expect(Math.log(6).toFixed(2)).toBe('1.79');
  });

  it('dense against MoE at width 128: 33,024 per expert, 265,216 and 67,072; dense twins 65,920 and 263,296', () => {
    expect(ffn(128, 128)).toBe(33_024);
    expect(128 * 8 + 8 * 33_024).toBe(265_216);
    expect(128 * 8 + 2 * 33_024).toBe(67_072);
    expect(ffn(128, 256)).toBe(65_920);
    expect(ffn(128, 1024)).toBe(263_296);
  });

  it('capacities: 14 at factor 1.25, 6 at 0.5 (28 of 64 overflow), 160 in the exercise', () => {
    expect(expertCapacity(1.25, 64, 1, 6)).toBe(14);
    expect(expertCapacity(0.5, 64, 1, 6)).toBe(6);
    expect(64 - 6 * 6).toBe(28);
    expect(expertCapacity(1.25, 4096, 2, 64)).toBe(160);
    expect(Math.round(0.3 * 2 * 4096) - 160).toBe(2298);
  });

  it('the quiz’s answers', () => {
    expect(MOE_QUESTIONS[0].answer).toBe(12_879_925_248 - 5_637_144_576);
    expect(MOE_QUESTIONS[1].answer).toBe(46_702_792_704 + 8 * 5_637_144_576 + 32 * 8 * 4096);
    expect(MOE_QUESTIONS[2].answer).toBe(512 + 2 * 33_088);
  });
});
