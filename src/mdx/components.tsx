/**
 * The one map of tags chapters may use. Chapters import nothing: every widget
 * and teaching block a chapter needs is registered here.
 */
import type { MDXComponents } from 'mdx/types';
import { BackendCheck } from '../widgets/intro/BackendCheck';
import { BatchNoise } from '../widgets/linear/BatchNoise';
import { LearningRateChallenge } from '../widgets/linear/LearningRateChallenge';
import { LinearFit } from '../widgets/linear/LinearFit';
import { LossCompare } from '../widgets/linear/LossCompare';
import { DeepDive, Exercise, Exercises, Figure, Hint, Intro, Preset, Recap, Solution, TryThis, YouWillLearn } from './pedagogy';

export const components: MDXComponents = {
  Intro,
  YouWillLearn,
  DeepDive,
  TryThis,
  Recap,
  Exercises,
  Exercise,
  Hint,
  Solution,
  Figure,
  Preset,
  BackendCheck,
  LinearFit,
  LossCompare,
  BatchNoise,
  LearningRateChallenge,
};
