// Exchange health as seen by polling venues through ccxt in the background: request latency and outcome,
// errors by ccxt error class, up, last success, clock skew, market-data time, backoff. Polled, not scraped: HELP
// texts say so; the ages (data age, remaining backoff) are worked out at scrape time from when each figure came.
import {
  CounterVec,
  GaugeVec,
  HistogramVec,
  observe,
  type Labels,
  type MetricFamily,
} from '@vigil/exporter-kit';
import { BY_VENUE } from './by-venue.js';

export const EXCHANGE_REQUEST_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class ExchangeMetrics {
  readonly duration = new HistogramVec(
    'trading_exchange_request_duration_seconds',
    'Duration of the background ccxt requests to the venue, by unified method and outcome (success, error).',
    ['venue', 'method', 'outcome'],
    EXCHANGE_REQUEST_BUCKETS,
    BY_VENUE,
  );
  readonly errors = new CounterVec(
    'trading_exchange_errors_total',
    'Failed background ccxt requests, lost websocket streams (method watchTicker) and poll cycles that failed outside a request (method poll, error_class other), by ccxt error class.',
    ['venue', 'method', 'error_class'],
    BY_VENUE,
  );
  readonly up = new GaugeVec(
    'trading_exchange_up',
    'Whether every request of the latest background poll of the venue succeeded (1) or not (0).',
    ['venue'],
    BY_VENUE,
  );
  readonly lastSuccess = new GaugeVec(
    'trading_exchange_last_success_timestamp_seconds',
    'When a background poll of the venue last succeeded, in seconds since the epoch.',
    ['venue'],
    BY_VENUE,
  );

  readonly rateLimitUsed = new GaugeVec(
    'trading_exchange_rate_limit_used',
    'Share of the venue request budget in use (0..1), from the rate-limit headers of the latest background request: limit and remainder, or the used weight over the venue documented limit (binance); none for venues that send neither.',
    ['venue'],
    BY_VENUE,
  );

  readonly clockSkew = new GaugeVec(
    'trading_exchange_clock_skew_seconds',
    "The venue's server time minus this host's clock, from the background fetchTime poll (midpoint of the request); signed requests are refused when it exceeds the venue's receive window.",
    ['venue'],
    BY_VENUE,
  );
  readonly marketDataTime = new GaugeVec(
    'trading_exchange_market_data_timestamp_seconds',
    "The venue's own timestamp of the latest polled ticker, in seconds since the epoch: time() minus it is how stale the venue's market data is.",
    ['venue', 'symbol'],
    BY_VENUE,
  );
  // The two ages, rendered on every scrape (they grow with time); their label sets are kept frozen so the kit
  // renders each once.
  /** venue\0kind → when a request of that kind last succeeded (ms). */
  private readonly fetchedAt = new Map<string, { venue: string; labels: Labels; ms: number }>();
  /** venue → until when its polls are paused (ms), after a rate-limit answer or repeated failures. */
  private readonly pausedUntil = new Map<string, { labels: Labels; ms: number }>();

  /** A request of this kind (ticker, book, time, balance, positions, orders, trades) succeeded now. */
  fetched(venue: string, kind: string, nowMs: number): void {
    const key = `${venue}\u0000${kind}`;
    const f = this.fetchedAt.get(key);
    if (f) f.ms = nowMs;
    else this.fetchedAt.set(key, { venue, labels: Object.freeze({ venue, kind }), ms: nowMs });
  }

  /** Until when the venue's polls are paused (ms), as its poller last said. */
  pausedUntilMs(venue: string): number | undefined {
    return this.pausedUntil.get(venue)?.ms;
  }

  paused(venue: string, untilMs: number): void {
    const p = this.pausedUntil.get(venue);
    if (p) p.ms = untilMs;
    else this.pausedUntil.set(venue, { labels: Object.freeze({ venue }), ms: untilMs });
  }

  /** Drops every series of a venue that is no longer watched. */
  removeVenue(venue: string): void {
    for (const v of [
      this.duration,
      this.errors,
      this.up,
      this.lastSuccess,
      this.rateLimitUsed,
      this.clockSkew,
      this.marketDataTime,
    ])
      v.removeWhere('venue', venue);
    for (const [k, f] of this.fetchedAt) if (f.venue === venue) this.fetchedAt.delete(k);
    this.pausedUntil.delete(venue);
  }

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

  families(nowMs: number): MetricFamily[] {
    const age: MetricFamily = {
      name: 'trading_exchange_data_age_seconds',
      help: 'How old each polled figure is at scrape time: seconds since a request of that kind (ticker, book, time, balance, positions, orders, trades) last succeeded. Scrapes never wait on a venue.',
      type: 'gauge',
      samples: [...this.fetchedAt.values()].map((f) => ({
        labels: f.labels,
        value: Math.max(0, (nowMs - f.ms) / 1000),
      })),
    };
    const backoff: MetricFamily = {
      name: 'trading_exchange_backoff_seconds',
      help: 'Seconds until the venue is polled again while its polls are paused: the Retry-After of a 429/418 answer, else a doubling backoff after failed polls; 0 when polling normally.',
      type: 'gauge',
      samples: [...this.pausedUntil.values()].map((p) => ({
        labels: p.labels,
        value: Math.max(0, (p.ms - nowMs) / 1000),
      })),
    };
    return [
      this.duration.family(),
      this.errors.family(),
      this.up.family(),
      this.lastSuccess.family(),
      this.rateLimitUsed.family(),
      this.clockSkew.family(),
      this.marketDataTime.family(),
      age,
      backoff,
    ];
  }
}
