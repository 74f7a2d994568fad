/**
 * Chapter 10's tags for the MDX component map: each loads its widget's module (its own chunk) when a chapter
 * first shows it. The module must export a component named like the tag.
 */
export const tags = {
  CharGpt: () => import('./CharGpt'),
  DecodingExplorer: () => import('./DecodingExplorer'),
  TransformerParamQuiz: () => import('./TransformerParamQuiz'),
};
