/** Chapter 4's tags for the MDX component map. */
import './optimisation.css';
import { CriticalPointQuiz } from './CriticalPointQuiz';
import { HessianExplorer } from './HessianExplorer';
import { MomentumRate } from './MomentumRate';
import { OptimizerRace } from './OptimizerRace';
import { ScheduleEditor } from './ScheduleEditor';

export const tags = { OptimizerRace, HessianExplorer, ScheduleEditor, CriticalPointQuiz, MomentumRate };
