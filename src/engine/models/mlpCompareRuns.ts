/* The comparisons' run names as plain data, apart from the tfjs models in mlpCompare.ts (widgets import these). */

/** The four runs of the regularisation comparison, in the order the widget shows them. */
export const REGULARISE_RUNS = ['plain', 'dropout', 'weight decay', 'both'] as const;

/** The three runs of the depth comparison: a deep sigmoid net, a ReLU net, and a ReLU net with batch norm. */
export const DEPTH_RUNS = ['sigmoid', 'ReLU (He init)', 'ReLU + batch norm'] as const;

/** The depth comparison's third run when it uses layer normalisation instead. */
export const DEPTH_RUN_LAYER_NORM = 'ReLU + layer norm';
