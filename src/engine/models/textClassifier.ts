import { spamStore, type SpamData } from '../data/spamCorpus';
import { ConfigError, type Model, type ModelSpec } from '../model';
import { majorityBaseline, spamSequences, type SpamSequences } from '../nn/text/spamDataset';
import { TextRun, type EvalPoint } from '../nn/text/textRun';
import { classifyMessage } from '../nn/text/messageVerdict';
import { wordMapView, type WordMapFields, type WordMapState } from '../nn/text/wordMapView';
import { vocabularyCoverage } from '../text/vocabulary';
import { DEFAULT_TEXT_CONFIG, TEXT_LIMITS, textParamCount, type TextClassifyAnswer, type TextClassifyConfig, type TextClassifyRequest, type TextClassifyView } from './textClassifierConfig';

/**
 * Steps between two held-out evaluations (a curve point each): often at first, where the curves
 * move fast, then every 50 steps (a pass over 1,209 messages costs TextCNN about a dozen steps).
 */
function evalInterval(step: number): number {
  return step < 100 ? 10 : step < 400 ? 25 : 50;
}

/** Loads the e-mail corpus once per page before the first classifier is built. */
async function prepareSpam(config: TextClassifyConfig): Promise<void> {
  if (config.dataUrl) await spamStore.load(config.dataUrl);
  else spamStore.get();
}

// Tokenising and encoding 6,046 messages takes a moment: a reset or a second widget with the same shape reuses it.
let cached: { key: string; data: SpamData; seqs: SpamSequences } | null = null;
function sequencesFor(data: SpamData, c: TextClassifyConfig): SpamSequences {
  const key = `${c.vocabSize}|${c.seqLen}|${c.truncating}`;
  if (cached?.key !== key || cached.data !== data) cached = { key, data, seqs: spamSequences(data, c.vocabSize, c.seqLen, c.truncating) };
  return cached.seqs;
}

const inRange = (v: number, [lo, hi]: readonly [number, number]) => Number.isInteger(v) && v >= lo && v <= hi;

/** Refuses settings that cannot train, with a message the widget shows. */
function check(c: TextClassifyConfig): void {
  if (!c.models.length) throw new ConfigError('Choose at least one classifier to train.');
  if (!inRange(c.seqLen, TEXT_LIMITS.seqLen)) throw new ConfigError(`The sequence length T must be a whole number from ${TEXT_LIMITS.seqLen[0]} to ${TEXT_LIMITS.seqLen[1]}; a message of ${c.seqLen} tokens has nothing to read.`);
  if (!inRange(c.vocabSize, TEXT_LIMITS.vocabSize)) throw new ConfigError(`The vocabulary size |V| must be from ${TEXT_LIMITS.vocabSize[0]} to ${TEXT_LIMITS.vocabSize[1]}.`);
  if (!inRange(c.embedDim, TEXT_LIMITS.embedDim)) throw new ConfigError(`The embedding size d must be from ${TEXT_LIMITS.embedDim[0]} to ${TEXT_LIMITS.embedDim[1]}.`);
  if (!inRange(c.filters, TEXT_LIMITS.filters) || !c.widths.length || c.widths.some((k) => !inRange(k, [1, 9]))) throw new ConfigError('TextCNN needs at least one kernel width from 1 to 9 and at least one filter.');
}

/**
 * Chapter 8's e-mail classifiers (bag of words, averaged embeddings, TextCNN)
 * trained side by side on the SpamAssassin corpus, with held-out accuracy
 * curves, a typed message's verdict from each model and, on request, the 2-D
 * map of the averaged model's word vectors.
 */
export const textClassifierSpec: ModelSpec<TextClassifyConfig, TextClassifyView, TextClassifyRequest, TextClassifyAnswer> = {
  kind: 'text-classify',
  probeConfig: { ...DEFAULT_TEXT_CONFIG, vocabSize: 500, seqLen: 32, batchSize: 16 },
  prepare: prepareSpam,
  create(config, seed): Model<TextClassifyConfig, TextClassifyView, TextClassifyRequest, TextClassifyAnswer> {
    check(config);
    const seqs = sequencesFor(spamStore.get(), config);
    let cfg = config;
    const run = new TextRun(seqs, cfg, seed);
    const curve: EvalPoint[] = [];
    let evaluating: Promise<void> | null = null;
    const mapState: WordMapState = { axes: null };
    let mapCache: { step: number; value: WordMapFields } | null = null;
    const baseline = majorityBaseline(seqs.test);
    
    const evalIfDue = async () => {
      const last = curve[curve.length - 1];
      if (last && run.steps - last.step < evalInterval(last.step)) return;
      evaluating ??= run.evaluate(seqs.test).then((p) => {
        curve.push(p);
        if (curve.length > 400) curve.splice(0, curve.length - 400);
      }).finally(() => (evaluating = null));
      await evaluating;
    };

    return {
      step: () => run.step(),
      configure: (c) => {
        cfg = c;
        run.configure(c);
      },
      view: async (): Promise<TextClassifyView> => {
        await evalIfDue();
        const models = cfg.models;
        const view: TextClassifyView = {
          curve: { step: curve.map((p) => p.step), ...Object.fromEntries(models.map((m) => [m, curve.map((p) => p.acc[m])])) },
          testLoss: Object.fromEntries(models.map((m) => [m, curve.map((p) => p.loss[m])])),
          testAcc: Object.fromEntries(models.map((m) => [m, curve.length ? curve[curve.length - 1].acc[m] : 0])),
          params: Object.fromEntries(models.map((m) => [m, textParamCount(m, cfg)])),
          baseline,
          nTrain: seqs.train.n,
          nTest: seqs.test.n,
          coverage: vocabularyCoverage(seqs.vocab),
          examples: run.steps * cfg.batchSize,
          evalStep: curve.length ? curve[curve.length - 1].step : 0,
        };
        if (cfg.wordMap) {
          if (mapCache?.step !== run.steps) mapCache = { step: run.steps, value: await wordMapView(run, seqs.vocab, mapState) };
          Object.assign(view, mapCache.value);
        }
        return view;
      },
      answer: async ({ message }) => {
        if (typeof message !== 'string' || !message.trim()) throw new Error('There is no message to classify: type one first.');
        return classifyMessage(run, seqs.vocab, message, cfg);
      },
      variables: () => run.variables(),
      dispose: () => run.dispose(),
    };
  },
};
