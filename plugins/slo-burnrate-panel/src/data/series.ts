import { BURN_WINDOWS, type BurnWindow } from '../slo/windows';

// Series names of the SLO series contract shared with provisioning/slo (the generator's README).
export const SERIES = {
  errorRatio: (w: BurnWindow) => `slo:sli_error:ratio_rate${w}`,
  burnRate: (w: BurnWindow) => `slo:burn_rate:ratio_rate${w}`,
  periodErrorRatio: 'slo:sli_error:ratio_rate_period',
  periodEvents: 'slo:sli_events:increase_period',
  periodErrorEvents: 'slo:sli_error_events:increase_period',
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  windowSeconds: 'slo:window:seconds',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
} as const;

/** Every series name the panel reads. */
export const ALL_SERIES: string[] = [
  ...BURN_WINDOWS.map(SERIES.errorRatio),
  ...BURN_WINDOWS.map(SERIES.burnRate),
  SERIES.periodErrorRatio,
  SERIES.periodEvents,
  SERIES.periodErrorEvents,
  SERIES.objective,
  SERIES.errorBudget,
  SERIES.windowSeconds,
  SERIES.budgetRemaining,
];

/** Series without which a card cannot be drawn (the rest only add figures). */
export const REQUIRED_SERIES: string[] = [...BURN_WINDOWS.map(SERIES.errorRatio), SERIES.budgetRemaining];

export interface SuggestedQuery {
  refId: string;
  expr: string;
  why: string;
}

/** The queries the editor shows for copying into a Prometheus query of this panel. */
export function suggestedQueries(selector = ''): SuggestedQuery[] {
  const sel = selector ? `, ${selector}` : '';
  return [
    {
      refId: 'A',
      expr: `{__name__=~"slo:(sli_error:ratio_rate.+|sli_events:increase_period|sli_error_events:increase_period|objective:ratio|window:seconds|period_error_budget_remaining:ratio)"${sel}}`,
      why: 'all recorded SLO series (range query over the SLO window, e.g. last 30 days, for the burn-down chart)',
    },
  ];
}
