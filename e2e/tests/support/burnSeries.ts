// Request counters of a checkout service whose error budget is burning fast right now, written as OpenMetrics
// for `promtool tsdb create-blocks-from openmetrics`, over a whole 30-day SLO window: 1000 requests a minute;
// 0.1 % errors until 13.5 h ago, then 1 % for 12 h (the slow ticket condition), then 15 % for the last 90 minutes
// (burn rate 30 against a 99.5 % objective: the fast page condition).

export interface Phase {
  minutes: number;
  errorRatio: number;
}

export const BURN_PHASES: Phase[] = [
  { minutes: 30 * 24 * 60 - 13.5 * 60, errorRatio: 0.001 },
  { minutes: 12 * 60, errorRatio: 0.01 },
  { minutes: 90, errorRatio: 0.15 },
];

export const REQUESTS_PER_MINUTE = 1000;

/** Counter samples, one a minute, ending at `endMs`; returns the OpenMetrics text and the totals. */
export function burnOpenMetrics(endMs: number, phases: Phase[] = BURN_PHASES): { text: string; total: number; errors: number } {
  const minutes = phases.flatMap((p) => Array.from({ length: p.minutes }, () => p.errorRatio));
  const start = Math.floor(endMs / 60_000) * 60 - minutes.length * 60;
  const ok: string[] = [];
  const bad: string[] = [];
  // Start high so rate() never extrapolates a counter below zero.
  let total = 1_000_000;
  let errors = 1_000;
  minutes.forEach((ratio, i) => {
    const e = Math.round(REQUESTS_PER_MINUTE * ratio);
    total += REQUESTS_PER_MINUTE;
    errors += e;
    const ts = start + (i + 1) * 60;
    ok.push(`checkout_requests_total{code="200"} ${total - errors} ${ts}`);
    bad.push(`checkout_requests_total{code="500"} ${errors} ${ts}`);
  });
  const text = ['# HELP checkout_requests Checkout requests by status code.', '# TYPE checkout_requests counter', ...ok, ...bad, '# EOF', ''].join('\n');
  return { text, total: total - 1_000_000, errors: errors - 1_000 };
}
