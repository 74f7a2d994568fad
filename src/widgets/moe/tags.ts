/** Chapter 13's tags: each loads its widget's module (its own chunk) when the chapter first shows it. */
export const tags = {
  MoeClassifier: () => import('./MoeClassifier'),
  DenseVsMoe: () => import('./DenseVsMoe'),
  MoeTransformer: () => import('./MoeTransformer'),
  SoftMoeFigure: () => import('./SoftMoeFigure'),
  MoeCalculator: () => import('./MoeCalculator'),
  MoeParamQuiz: () => import('./MoeParamQuiz'),
};
