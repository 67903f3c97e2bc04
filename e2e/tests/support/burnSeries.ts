// The trading gateway's HTTP metrics (the inputs of provisioning/slo/specs/trading-gateway.yml), written as
// OpenMetrics for `promtool tsdb create-blocks-from openmetrics` over a whole 30-day SLO window, one sample a
// minute, 1000 requests a minute. Availability: 0.1 % errors until 13.5 h ago, then 1 % for 12 h (the slow
// ticket condition), then 15 % for the last 90 minutes (burn rate 30 against 99.5 %: the fast page condition).
// Latency: 98 % of requests within 200 ms throughout (objective 95 %), so that SLO stays quiet.
// Also the history of slo:period_error_budget_remaining:ratio for both SLOs, as the generated rules would
// have recorded it (1 − errors/events over the window so far ÷ error budget), every 4 minutes, so a range
// query at any step finds a sample within Prometheus' 5-minute lookback: the burn-down chart then draws 30
// days. Backfilling the rules themselves with promtool takes minutes on 2 cores; writing their results is
// the same data a month-old Prometheus would hold.

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
const FAST_RATIO = 0.98;
const SVC = 'service="trading-gateway"';
const RECORDED_EVERY_MINUTES = 4;
// The generated rules' labels and error budgets (provisioning/slo/specs/trading-gateway.yml).
const BUDGET = 'slo:period_error_budget_remaining:ratio';
const AVAILABILITY = { labels: `service="trading-gateway",slo="trading-gateway-availability",team="platform"`, budget: 0.005 };
const LATENCY = { labels: `service="trading-gateway",slo="trading-gateway-latency",team="platform"`, budget: 0.05 };

/** Counter samples ending at `endMs`; returns the OpenMetrics text and the request and error totals. */
export function burnOpenMetrics(
  endMs: number,
  phases: Phase[] = BURN_PHASES,
): { text: string; total: number; errors: number } {
  const minutes = phases.flatMap((p) => Array.from({ length: p.minutes }, () => p.errorRatio));
  const start = Math.floor(endMs / 60_000) * 60 - minutes.length * 60;
  const ok: string[] = [];
  const bad: string[] = [];
  const histogram: string[] = [];
  const availability: string[] = [];
  const latency: string[] = [];
  // Start high so rate() never extrapolates a counter below zero.
  let total = 1_000_000;
  let errors = 1_000;
  minutes.forEach((ratio, i) => {
    total += REQUESTS_PER_MINUTE;
    errors += Math.round(REQUESTS_PER_MINUTE * ratio);
    const ts = start + (i + 1) * 60;
    ok.push(`http_requests_total{${SVC},status="200"} ${total - errors} ${ts}`);
    bad.push(`http_requests_total{${SVC},status="500"} ${errors} ${ts}`);
    histogram.push(
      `http_request_duration_seconds_bucket{${SVC},le="0.2"} ${Math.round(total * FAST_RATIO)} ${ts}`,
      `http_request_duration_seconds_bucket{${SVC},le="+Inf"} ${total} ${ts}`,
      `http_request_duration_seconds_count{${SVC}} ${total} ${ts}`,
      `http_request_duration_seconds_sum{${SVC}} ${(total * 0.05).toFixed(3)} ${ts}`,
    );
    if ((i + 1) % RECORDED_EVERY_MINUTES === 0) {
      const events = total - 1_000_000;
      const slow = events - (Math.round(total * FAST_RATIO) - Math.round(1_000_000 * FAST_RATIO));
      availability.push(`${BUDGET}{${AVAILABILITY.labels}} ${1 - (errors - 1_000) / events / AVAILABILITY.budget} ${ts}`);
      latency.push(`${BUDGET}{${LATENCY.labels}} ${1 - slow / events / LATENCY.budget} ${ts}`);
    }
  });
  const text = [
    '# HELP http_requests Requests by status code.',
    '# TYPE http_requests counter',
    ...ok,
    ...bad,
    '# HELP http_request_duration_seconds Request duration.',
    '# TYPE http_request_duration_seconds histogram',
    ...histogram,
    `# HELP ${BUDGET} Error budget left over the SLO window (recorded history).`,
    `# TYPE ${BUDGET} gauge`,
    ...availability,
    ...latency,
    '# EOF',
    '',
  ].join('\n');
  return { text, total: total - 1_000_000, errors: errors - 1_000 };
}
