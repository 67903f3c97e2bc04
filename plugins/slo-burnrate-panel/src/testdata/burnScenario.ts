// Input series for the trading gateway's availability SLO (provisioning/slo/specs/trading-gateway.yml) in
// promtool's expanding notation, 5-minute steps: 48 h at 0.4 % errors (burn 0.8), then 12 h at 1 % (burn 2: the
// slow ticket condition), then 90 min at 15 % (burn 30: the fast page condition). 1000 requests per step;
// counters start high so rate() never extrapolates below zero.
export const BURN_INPUT = [
  {
    series: 'http_requests_total{service="trading-gateway", status="200"}',
    values: '1000000+996x576 1574686+990x143 1717106+850x17',
  },
  {
    series: 'http_requests_total{service="trading-gateway", status="500"}',
    values: '1000+4x576 3314+10x143 4894+150x17',
  },
];

export const BURN_SLO = 'trading-gateway-availability';

/** Eval times: steady (none), after 12 h of slow burn (ticket), 65 min into the fast burn (page). */
export const EVAL_TIMES = { none: '47h', ticket: '59h55m', page: '61h5m' } as const;
