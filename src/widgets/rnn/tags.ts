/**
 * Chapter 7's tags for the MDX component map: each loads its widget's module (its own chunk) when a chapter
 * first shows it. The module must export a component named like the tag.
 */
export const tags = {
  CharLm: () => import('./CharLm'),
  ForecastCompare: () => import('./ForecastCompare'),
  LongDependency: () => import('./LongDependency'),
  LstmExplorer: () => import('./LstmExplorer'),
  ParamQuiz: () => import('./ParamQuiz'),
  StackFigure: () => import('./StackFigure'),
};
