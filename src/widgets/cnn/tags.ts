/** Chapter 6's tags for the MDX component map. */
import { AugmentCompare } from './AugmentCompare';
import { DigitPad } from './DigitPad';
import { LenetTrainer } from './LenetTrainer';

export const tags = { LenetTrainer, DigitPad, AugmentCompare };
