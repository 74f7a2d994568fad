/** Chapter 5's tags for the MDX component map. */
import { CvQuiz } from './CvQuiz';
import { DepthGradients } from './DepthGradients';
import { KFold } from './KFold';
import { PolyFit } from './PolyFit';
import { RegulariseCompare } from './RegulariseCompare';

export const tags = { PolyFit, KFold, RegulariseCompare, DepthGradients, CvQuiz };
