// The error-budget arithmetic of the SLO generator's recording rules, as plain functions so the panel
// shows exactly what Prometheus records (checked against promtool in budget.promtool.test.ts).

/** Bad events / all events; NaN when there were no events (Prometheus yields NaN for 0/0 too). */
export function errorRatio(badEvents: number, totalEvents: number): number {
  return badEvents / totalEvents;
}

/** The error budget as a ratio of events: 1 − objective (0.995 → 0.005). */
export function errorBudget(objective: number): number {
  if (!(objective > 0 && objective < 1)) {
    throw new Error(`objective must be between 0 and 1 exclusive, got ${objective}`);
  }
  return 1 - objective;
}

/** How many times faster than "exactly spend the budget over the window" errors are arriving. */
export function burnRate(errorRatioOverWindow: number, objective: number): number {
  return errorRatioOverWindow / errorBudget(objective);
}

/** Fraction of the period's error budget still unspent: 1 − ratio_rate_period / budget; negative once overspent. */
export function budgetRemaining(periodErrorRatio: number, objective: number): number {
  return 1 - periodErrorRatio / errorBudget(objective);
}

/** The budget in events over the period: how many bad events are allowed, spent and left. */
export interface BudgetEvents {
  allowed: number;
  spent: number;
  left: number;
}

export function budgetEvents(totalEvents: number, badEvents: number, objective: number): BudgetEvents {
  const allowed = totalEvents * errorBudget(objective);
  return { allowed, spent: badEvents, left: allowed - badEvents };
}

/** The SLI (good events ratio) from an error ratio. */
export function sliFromErrorRatio(ratio: number): number {
  return 1 - ratio;
}
