/**
 * The one map from each model kind to its spec's types: configuration, view, request and answer.
 * Types only (the imports are erased), so widgets on the main thread may import it without tfjs.
 * A new model adds one line here; tests/unit/kinds.test.ts checks this map against the registry.
 */
import type { ModelSpec } from './model';
import type { attentionPoolingSpec } from './models/attentionPooling';
import type { curveFitSpec } from './models/curveFit';
import type { denseVsMoeSpec } from './models/denseVsMoe';
import type { forecastSpec } from './models/forecast';
import type { hiddenLayerCompareSpec } from './models/hiddenLayerCompare';
import type { lenetSpec } from './models/lenet';
import type { lenetAugmentSpec } from './models/lenetAugment';
import type { batchRaceSpec, linearRegressionSpec } from './models/linearRegression';
import type { linearClassifierSpec } from './models/logistic';
import type { longDependencySpec } from './models/longDependency';
import type { mlpClassifierSpec } from './models/mlpClassifier';
import type { nasDartsSpec } from './models/nasDarts';
import type { nasSearchSpec } from './models/nasSearch';
import type { moeClassifierSpec } from './models/moeClassifier';
import type { moeLmSpec } from './models/moeLm';
import type { depthCompareSpec, regulariseCompareSpec } from './models/mlpCompare';
import type { optimizerRaceSpec } from './models/optimizerRace';
import type { polynomialKFoldSpec, polynomialSpec } from './models/polynomial';
import type { residualStackSpec } from './models/residualStack';
import type { scheduleCompareSpec } from './models/scheduleCompare';
import type { stnDigitsSpec } from './models/stnDigits';
import type { charLmSpec } from './models/charLm';
import type { charGptSpec } from './models/charGpt';
import type { textClassifierSpec } from './models/textClassifier';
import type { vitDigitsSpec } from './models/vitDigits';
import type { bertGptSpec } from './models/bertGpt';
import type { pronouncerSpec } from './models/pronouncer';
import type { toyTransformerSpec } from './models/toyTransformer';

/** Kind name → its spec. */
export interface Kinds {
  'attention-pooling': typeof attentionPoolingSpec;
  'curve-fit': typeof curveFitSpec;
  'dense-vs-moe': typeof denseVsMoeSpec;
  forecast: typeof forecastSpec;
  'hidden-layer-compare': typeof hiddenLayerCompareSpec;
  lenet: typeof lenetSpec;
  'lenet-augment': typeof lenetAugmentSpec;
  'linear-regression': typeof linearRegressionSpec;
  'linear-regression-batches': typeof batchRaceSpec;
  'linear-classifier': typeof linearClassifierSpec;
  'long-dependency': typeof longDependencySpec;
  'mlp-classifier': typeof mlpClassifierSpec;
  'mlp-regularise': typeof regulariseCompareSpec;
  'mlp-depth': typeof depthCompareSpec;
  'nas-darts': typeof nasDartsSpec;
  'nas-search': typeof nasSearchSpec;
  'moe-classifier': typeof moeClassifierSpec;
  'moe-lm': typeof moeLmSpec;
  'optimizer-race': typeof optimizerRaceSpec;
  polynomial: typeof polynomialSpec;
  'polynomial-kfold': typeof polynomialKFoldSpec;
  'residual-stack': typeof residualStackSpec;
  'schedule-compare': typeof scheduleCompareSpec;
  'stn-digits': typeof stnDigitsSpec;
  'char-lm': typeof charLmSpec;
  'char-gpt': typeof charGptSpec;
  'text-classify': typeof textClassifierSpec;
  'vit-digits': typeof vitDigitsSpec;
  'bert-gpt': typeof bertGptSpec;
  pronouncer: typeof pronouncerSpec;
  'toy-transformer': typeof toyTransformerSpec;
}

export type Kind = keyof Kinds;
type Parts<K extends Kind> = Kinds[K] extends ModelSpec<infer C, infer V, infer Q, infer A> ? { config: C; view: V; request: Q; answer: A } : never;
/** What a widget sends to build and configure a model of kind K. */
export type KindConfig<K extends Kind> = Parts<K>['config'];
/** The plain-value snapshot a model of kind K reports. */
export type KindView<K extends Kind> = Parts<K>['view'];
/** A question a widget may ask a model of kind K (never: it answers none). */
export type KindRequest<K extends Kind> = Parts<K>['request'];
/** A model of kind K's answer to a request. */
export type KindAnswer<K extends Kind> = Parts<K>['answer'];
