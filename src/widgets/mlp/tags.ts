/** Chapter 3's tags for the MDX component map. */
import { Playground } from './Playground';

export const tags = { Playground };
