/**
 * Chapters 9 and 10's sequence-to-sequence tags for the MDX component map: each loads its widget's module
 * (its own chunk) when a chapter first shows it.
 */
export const tags = {
  Pronouncer: () => import('./Pronouncer'),
  ToyTransformer: () => import('./ToyTransformer'),
};
