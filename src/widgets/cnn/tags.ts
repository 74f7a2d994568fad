/**
 * Chapter 6's tags for the MDX component map: each loads its widget's module (its own chunk) when a chapter
 * first shows it. The module must export a component named like the tag.
 */
export const tags = {
  LenetTrainer: () => import('./LenetTrainer'),
  DigitPad: () => import('./DigitPad'),
  AugmentCompare: () => import('./AugmentCompare'),
  ConvExplorer: () => import('./ConvExplorer'),
  ReceptiveField: () => import('./ReceptiveField'),
  OutputSizeQuiz: () => import('./OutputSizeQuiz'),
  ResidualCompare: () => import('./ResidualCompare'),
  ArchTable: () => import('./ArchTable'),
  StnDigits: () => import('./StnDigits'),
};
