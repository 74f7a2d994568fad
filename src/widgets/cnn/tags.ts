/** Chapter 6's tags for the MDX component map. */
import { ArchTable } from './ArchTable';
import { AugmentCompare } from './AugmentCompare';
import { ConvExplorer } from './ConvExplorer';
import { DigitPad } from './DigitPad';
import { LenetTrainer } from './LenetTrainer';
import { OutputSizeQuiz } from './OutputSizeQuiz';
import { ReceptiveField } from './ReceptiveField';
import { StnDigits } from './StnDigits';
import { ResidualCompare } from './ResidualCompare';

export const tags = { ArchTable, LenetTrainer, DigitPad, AugmentCompare, ConvExplorer, ReceptiveField, OutputSizeQuiz, ResidualCompare, StnDigits };
