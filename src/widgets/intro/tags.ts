/** Chapter 0's tags for the MDX component map. */
import { BackendCheck } from './BackendCheck';

export const tags = { BackendCheck };
