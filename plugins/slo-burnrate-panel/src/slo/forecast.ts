/**
 * Seconds until the period's error budget is gone if errors keep arriving at `burn` times the sustainable
 * rate: a burn rate of 1 spends a whole budget in one period, so the remaining fraction lasts
 * remaining × period / burn. Infinity when nothing is burning; 0 when the budget is already spent.
 */
export function secondsToExhaustion(remaining: number, burn: number, periodSeconds: number): number {
  if (Number.isNaN(remaining) || Number.isNaN(burn)) {
    return NaN;
  }
  if (remaining <= 0) {
    return 0;
  }
  if (burn <= 0) {
    return Infinity;
  }
  return (remaining * periodSeconds) / burn;
}

/** The ideal burn-down: the fraction of budget left if it were spent evenly from `start` over the period. */
export function idealRemaining(start: number, t: number, periodSeconds: number): number {
  return 1 - (t - start) / (periodSeconds * 1000);
}
