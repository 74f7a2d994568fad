/** Chapter 2's tags for the MDX component map. */
import { CircleChallenge } from './CircleChallenge';
import { ClassifierPlayground } from './ClassifierPlayground';
import { SoftmaxTemperature } from './SoftmaxTemperature';

export const tags = { ClassifierPlayground, SoftmaxTemperature, CircleChallenge };
