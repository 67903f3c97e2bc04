// Exchange health as seen by polling venues through ccxt in the background: request latency and outcome,
// errors by ccxt error class, up, last success. Polled, not scraped: HELP texts say so.
import { CounterVec, GaugeVec, HistogramVec, observe, type MetricFamily } from '@vigil/exporter-kit';

export const EXCHANGE_REQUEST_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class ExchangeMetrics {
  readonly duration = new HistogramVec(
    'trading_exchange_request_duration_seconds',
    'Duration of the background ccxt requests to the venue, by unified method and outcome (success, error).',
    ['venue', 'method', 'outcome'],
    EXCHANGE_REQUEST_BUCKETS,
  );
  readonly errors = new CounterVec('trading_exchange_errors_total', 'Failed background ccxt requests and lost websocket streams (method watchTicker), by ccxt error class.', [
    'venue',
    'method',
    'error_class',
  ]);
  readonly up = new GaugeVec('trading_exchange_up', 'Whether every request of the latest background poll of the venue succeeded (1) or not (0).', [
    'venue',
  ]);
  readonly lastSuccess = new GaugeVec(
    'trading_exchange_last_success_timestamp_seconds',
    'When a background poll of the venue last succeeded, in seconds since the epoch.',
    ['venue'],
  );

  readonly rateLimitUsed = new GaugeVec(
    'trading_exchange_rate_limit_used',
    'Share of the venue request budget in use (0..1), from the rate-limit headers of the latest background request: limit and remainder, or the used weight over the venue documented limit (binance); none for venues that send neither.',
    ['venue'],
  );

  request(venue: string, method: string, seconds: number, errorClass?: string): void {
    observe(this.duration.child([venue, method, errorClass ? 'error' : 'success']), seconds);
    if (errorClass) this.error(venue, method, errorClass);
  }

  /** A failure with no request duration of its own, such as a lost websocket stream (method watchTicker). */
  error(venue: string, method: string, errorClass: string): void {
    this.errors.child([venue, method, errorClass]).value++;
  }

  pollDone(venue: string, ok: boolean, nowMs: number): void {
    this.up.child([venue]).value = ok ? 1 : 0;
    if (ok) this.lastSuccess.child([venue]).value = nowMs / 1000;
  }

  families(): MetricFamily[] {
    return [this.duration.family(), this.errors.family(), this.up.family(), this.lastSuccess.family(), this.rateLimitUsed.family()];
  }
}
