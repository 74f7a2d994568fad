/** Chapter 1's tags for the MDX component map. */
import { BatchNoise } from './BatchNoise';
import { LearningRateChallenge } from './LearningRateChallenge';
import { LinearFit } from './LinearFit';
import { LossCompare } from './LossCompare';

export const tags = { LinearFit, LossCompare, BatchNoise, LearningRateChallenge };
