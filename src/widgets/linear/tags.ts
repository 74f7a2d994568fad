/**
 * Chapter 1's tags for the MDX component map: each loads its widget's module (its own chunk) when a chapter
 * first shows it. The module must export a component named like the tag.
 */
export const tags = {
  LinearFit: () => import('./LinearFit'),
  LossCompare: () => import('./LossCompare'),
  BatchNoise: () => import('./BatchNoise'),
  LearningRateChallenge: () => import('./LearningRateChallenge'),
};
