// Derived figures /api/v1/metrics/{service} can chart by name: each maps to one PromQL expression that yields a
// single series for the service (the job label). Any other metric name is charted by its type (metric-query.ts);
// callers never send PromQL.
import { parseDuration } from '@vigil/exporter-kit';

export const METRIC_CATALOGUE: Record<string, (job: string) => string> = {
  up: (j) => `avg(up{job="${j}"})`,
  request_rate: (j) => `sum(rate(http_requests_total{job="${j}"}[5m]))`,
  error_ratio: (j) => `sum(rate(http_requests_total{job="${j}",status=~"5.."}[5m])) / sum(rate(http_requests_total{job="${j}"}[5m]))`,
  latency_p95_seconds: (j) => `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="${j}"}[5m])))`,
  orders_rate: (j) => `sum(rate(trading_orders_submitted_total{job="${j}"}[5m]))`,
  fill_ratio: (j) => `sum(rate(trading_order_quantity_filled_total{job="${j}"}[5m])) / sum(rate(trading_order_quantity_requested_total{job="${j}"}[5m]))`,
  realized_pnl: (j) => `sum(trading_realized_pnl{job="${j}"})`,
  drawdown_ratio: (j) => `max(trading_drawdown_ratio{job="${j}"})`,
  cpu_utilisation_ratio: (j) => `1 - avg(rate(node_cpu_seconds_total{job="${j}",mode="idle"}[5m]))`,
  memory_utilisation_ratio: (j) => `1 - sum(node_memory_MemAvailable_bytes{job="${j}"}) / sum(node_memory_MemTotal_bytes{job="${j}"})`,
};

const DEFAULT_METRIC: Record<string, string> = { trading: 'orders_rate', host: 'cpu_utilisation_ratio', node: 'cpu_utilisation_ratio' };

export function defaultMetricFor(service: string): string {
  return DEFAULT_METRIC[service] ?? 'up';
}

export const MAX_POINTS = 11_000;
/** Longest time range of one request: 31 days. */
export const MAX_RANGE_MS = 31 * 86_400_000;

/** Step as Prometheus accepts it: a duration (30s, 1m, 1h30m) or plain seconds; in seconds, undefined when malformed. */
export function parseStep(text: string): number | undefined {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : (parseDuration(text) ?? 0) / 1000;
  return seconds > 0 ? seconds : undefined;
}
