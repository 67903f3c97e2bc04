import { errorBudget } from './budget';
import type { BurnWindow } from './windows';

export type Severity = 'page' | 'ticket';
export type ConditionState = Severity | 'none';

/** One multiwindow, multi-burn-rate alert condition: both windows must burn faster than `factor`. */
export interface BurnRule {
  severity: Severity;
  factor: number;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
}

/** The four burn factors a user may tune; defaults are the SRE workbook's, as the generated alerts use. */
export interface BurnFactors {
  pageFast: number;
  pageSlow: number;
  ticketFast: number;
  ticketSlow: number;
}

export const DEFAULT_BURN_FACTORS: BurnFactors = {
  pageFast: 14.4,
  pageSlow: 6,
  ticketFast: 3,
  ticketSlow: 1,
};

export function burnRules(f: BurnFactors = DEFAULT_BURN_FACTORS): BurnRule[] {
  return [
    { severity: 'page', factor: f.pageFast, longWindow: '1h', shortWindow: '5m' },
    { severity: 'page', factor: f.pageSlow, longWindow: '6h', shortWindow: '30m' },
    { severity: 'ticket', factor: f.ticketFast, longWindow: '1d', shortWindow: '2h' },
    { severity: 'ticket', factor: f.ticketSlow, longWindow: '3d', shortWindow: '6h' },
  ];
}

export type ErrorRatios = Partial<Record<BurnWindow, number>>;

/**
 * Whether one rule is met, computed as the generated alert does: `ratio_rate<long> > factor * budget and
 * ratio_rate<short> > factor * budget`. A missing or NaN ratio never meets it (PromQL drops NaN comparisons).
 */
export function ruleMet(rule: BurnRule, ratios: ErrorRatios, objective: number): boolean {
  const threshold = rule.factor * errorBudget(objective);
  const long = ratios[rule.longWindow];
  const short = ratios[rule.shortWindow];
  return long !== undefined && short !== undefined && long > threshold && short > threshold;
}

/** The condition met right now: page wins over ticket, as the page alert inhibits the ticket one. */
export function conditionState(
  ratios: ErrorRatios,
  objective: number,
  factors?: BurnFactors,
): ConditionState {
  const rules = burnRules(factors);
  for (const severity of ['page', 'ticket'] as const) {
    if (rules.some((r) => r.severity === severity && ruleMet(r, ratios, objective))) {
      return severity;
    }
  }
  return 'none';
}

/**
 * How a single window's burn rate reads against the rules it takes part in: `page` if it exceeds the factor of
 * a page rule that uses this window, `ticket` likewise for ticket rules, else `ok`. Used for colouring only.
 */
export function windowSeverity(
  window: BurnWindow,
  burn: number | undefined,
  factors?: BurnFactors,
): Severity | 'ok' | 'unknown' {
  if (burn === undefined || Number.isNaN(burn)) {
    return 'unknown';
  }
  const rules = burnRules(factors).filter((r) => r.longWindow === window || r.shortWindow === window);
  for (const severity of ['page', 'ticket'] as const) {
    if (rules.some((r) => r.severity === severity && burn > r.factor)) {
      return severity;
    }
  }
  return 'ok';
}
