/** Chapter 3's tags for the MDX component map. */
import { BackpropGraph } from './BackpropGraph';
import { CurveFit } from './CurveFit';
import { ParamCountQuiz } from './ParamCountQuiz';
import { Playground } from './Playground';
import { XorCompare } from './XorCompare';

export const tags = { Playground, XorCompare, CurveFit, BackpropGraph, ParamCountQuiz };
