/** Chapter 4's tags for the MDX component map. */
import { OptimizerRace } from './OptimizerRace';

export const tags = { OptimizerRace };
