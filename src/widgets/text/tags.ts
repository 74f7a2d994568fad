/** Chapter 8's tags for the MDX component map. */
import { SpamClassifier } from './SpamClassifier';
import { TokenizerExplorer } from './TokenizerExplorer';
import { WordVectorMap } from './WordVectorMap';
import { TextParamQuiz } from './TextParamQuiz';

export const tags = { TokenizerExplorer, SpamClassifier, WordVectorMap, TextParamQuiz };
