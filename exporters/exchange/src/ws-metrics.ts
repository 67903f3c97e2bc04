// Health of the venues' websocket ticker streams (--exchange.stream): whether each is delivering, when it
// last delivered, how much, and how often it had to be re-established. One stream (one connection) per
// --exchange target, so labelled by venue and symbol. Set by the stream loops, not at scrape time.
import { CounterVec, GaugeVec, type MetricFamily } from '@vigil/exporter-kit';
import { BY_VENUE } from './by-venue.js';

export class WsMetrics {
  readonly up = new GaugeVec(
    'trading_ws_up',
    'Whether the venue websocket ticker stream is subscribed and delivering (1) or lost and being resubscribed with backoff (0).',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly lastMessage = new GaugeVec(
    'trading_ws_last_message_timestamp_seconds',
    'When the venue websocket ticker stream last delivered a ticker, in seconds since the epoch (a silent but open stream shows only here).',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly messages = new CounterVec(
    'trading_ws_messages_total',
    'Tickers delivered by the venue websocket stream.',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly reconnects = new CounterVec(
    'trading_ws_reconnects_total',
    'Times the venue websocket ticker stream was re-established after it was lost: a new connection that delivered again.',
    ['venue', 'symbol'],
    BY_VENUE,
  );

  /** Creates the series at start-up, so a stream that never connects is visible as down with no reconnects. */
  watching(venue: string, symbol: string): void {
    this.up.child([venue, symbol]).value = 0;
    this.messages.child([venue, symbol]);
    this.reconnects.child([venue, symbol]);
  }

  delivered(venue: string, symbol: string, nowMs: number): void {
    this.up.child([venue, symbol]).value = 1;
    this.lastMessage.child([venue, symbol]).value = nowMs / 1000;
    this.messages.child([venue, symbol]).value++;
  }

  /** "venue symbol" of each stream that is down, for /health. */
  notDelivering(): string[] {
    return [...this.up.series()].filter(([, up]) => up.value !== 1).map(([l]) => `${l.venue} ${l.symbol}`);
  }

  removeVenue(venue: string): void {
    for (const v of [this.up, this.lastMessage, this.messages, this.reconnects])
      v.removeWhere('venue', venue);
  }

  families(): MetricFamily[] {
    return [this.up.family(), this.lastMessage.family(), this.messages.family(), this.reconnects.family()];
  }
}
