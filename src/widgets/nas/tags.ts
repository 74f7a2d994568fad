/**
 * Chapter 12's tags for the MDX component map: each loads its widget's module (its own chunk) when the
 * chapter first shows it.
 */
export const tags = {
  ArchitectureSearch: () => import('./ArchitectureSearch'),
  LatencyFront: () => import('./LatencyFront'),
  DartsSupernet: () => import('./DartsSupernet'),
  SpaceSizeQuiz: () => import('./SpaceSizeQuiz'),
};
