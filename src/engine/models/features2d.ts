import * as tf from '@tensorflow/tfjs';
import { featureNames, featureRows, type FeatureSet } from '../data/features2dRows';

export { featureNames, featureRows, type FeatureSet };

/** The feature matrix [n, features] for points (x, y). */
export function featurize(set: FeatureSet, x: number[], y: number[]): tf.Tensor2D {
  return tf.tensor2d(featureRows(set, x, y), [x.length, featureNames(set).length]);
}
