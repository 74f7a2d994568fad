/** Formats a loss for display: never "NaN" on screen; a missing value is a dash. */
export function formatLoss(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(2);
  return v.toPrecision(4);
}

/** Formats any plain number with a fixed number of significant digits, dash when not finite. */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return Number(v.toPrecision(digits)).toString();
}
