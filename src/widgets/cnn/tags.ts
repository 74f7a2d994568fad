/** Chapter 6's tags for the MDX component map. */
import { LenetTrainer } from './LenetTrainer';

export const tags = { LenetTrainer };
