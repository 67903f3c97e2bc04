// --forward.url: the venue's own orders and fills (ccxt fetchOrders and fetchMyTrades per configured symbol, in
// each venue's poll cycle, read-only key required) become Vigil trading events posted to the trading exporter's
// ingest API, so a desk that sends nothing itself still gets fill ratio, rejects, completion time and slippage
// against the mid at order creation. Each stage of an order and each fill is sent once, across overlapping
// polls and restarts (VenueCursor on disk; the ingest also ignores a duplicate fill id). Ticker quotes, polled or
// streamed, go as market.quote events (at most one per symbol per flush).
import { CounterVec, GaugeVec, type Logger, type MetricFamily } from '@vigil/exporter-kit';
import type { PollTask, CcxtExchange } from '../venue-poller.js';
import type { VenueConfig } from '../venues/venue-config.js';
import { VenueCursor } from './cursor.js';
import { fillEvent, finalEvent, quoteEvent, submittedEvents, type CcxtOrderRecord, type CcxtTradeRecord, type OrderStage, type TradingEvent } from './venue-events.js';

export interface ForwarderOptions {
  url: string;
  token?: string;
  stateDir: string;
  /** How far back the first poll of a venue without a cursor looks. */
  lookbackMs: number;
  timeoutMs: number;
  logger: Logger;
  now?: () => number;
}

interface HistoryClient extends CcxtExchange {
  fetchOrders(symbol?: string, since?: number, limit?: number): Promise<CcxtOrderRecord[]>;
  fetchMyTrades(symbol?: string, since?: number, limit?: number): Promise<CcxtTradeRecord[]>;
}

const QUOTE_RING = 600;
/** A quote older than this before an order's creation is no arrival price for it. */
const ARRIVAL_MAX_AGE_MS = 60_000;
const QUOTE_FLUSH_MS = 1000;

export class Forwarder {
  private readonly cursors = new Map<string, VenueCursor>();
  /** venue\0symbol → [ts, mid] ring, for the arrival price of orders. */
  private readonly mids = new Map<string, Array<[number, number]>>();
  private readonly pendingQuotes = new Map<string, TradingEvent>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  readonly sent = new CounterVec('exchange_exporter_forwarded_events_total', 'Trading events the forwarding bridge posted to the trading exporter and had accepted, by venue and event type.', ['venue', 'type']);
  readonly failures = new CounterVec('exchange_exporter_forward_failures_total', 'Batches the trading exporter did not accept (unreachable, non-2xx): they are sent again with the next poll.', ['venue']);
  readonly lastSuccess = new GaugeVec('exchange_exporter_forward_last_success_timestamp_seconds', 'When the trading exporter last accepted a batch of the venue, in seconds since the epoch.', ['venue']);

  constructor(private readonly opts: ForwarderOptions) {
    this.now = opts.now ?? Date.now;
    this.timer = setInterval(() => void this.flushQuotes(), QUOTE_FLUSH_MS);
    this.timer.unref();
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return this.flushQuotes();
  }

  families(): MetricFamily[] {
    return [this.sent.family(), this.failures.family(), this.lastSuccess.family()];
  }

  quote(venue: string, symbol: string, bid: number, ask: number, ts: number): void {
    const ev = quoteEvent(venue, symbol, bid, ask, ts);
    if (!ev) return;
    const key = `${venue}\u0000${symbol}`;
    let ring = this.mids.get(key);
    if (!ring) this.mids.set(key, (ring = []));
    ring.push([ts, (bid + ask) / 2]);
    if (ring.length > QUOTE_RING) ring.shift();
    this.pendingQuotes.set(key, ev);
  }

  /** The latest mid at or before `ts` (within a minute), the reference of the order's slippage. */
  arrival(venue: string, symbol: string, ts: number): number | undefined {
    const ring = this.mids.get(`${venue}\u0000${symbol}`) ?? [];
    for (let i = ring.length - 1; i >= 0; i--) if (ring[i][0] <= ts) return ts - ring[i][0] <= ARRIVAL_MAX_AGE_MS ? ring[i][1] : undefined;
    return undefined;
  }

  private cursor(venue: string): VenueCursor {
    let c = this.cursors.get(venue);
    if (!c) this.cursors.set(venue, (c = new VenueCursor(this.opts.stateDir, venue, this.now() - this.opts.lookbackMs)));
    return c;
  }

  /** The bridge's requests in a venue's poll cycle: one per configured symbol that reads orders and trades. */
  tasks(venue: VenueConfig, ex: CcxtExchange): PollTask[] {
    const client = ex as HistoryClient;
    if (ex.has.fetchOrders !== true || ex.has.fetchMyTrades !== true) return [];
    return venue.symbols.map((symbol) => ({ method: 'fetchOrders', kind: 'trades', run: () => this.forwardSymbol(venue.id, symbol, client) }));
  }

  private async forwardSymbol(venue: string, symbol: string, ex: HistoryClient): Promise<void> {
    const cursor = this.cursor(venue);
    const since = cursor.state.sinceMs;
    const orders = await ex.fetchOrders(symbol, since);
    const trades = await ex.fetchMyTrades(symbol, since);
    const events: TradingEvent[] = [];
    const orderStages: Array<[string, OrderStage]> = [];
    const tradeIds: string[] = [];
    let next = since;
    let earliestOpen = Infinity;
    for (const o of [...orders].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))) {
      if (!o.id) continue;
      if (o.status === 'open') earliestOpen = Math.min(earliestOpen, o.timestamp ?? Infinity);
      next = Math.max(next, o.timestamp ?? next);
      let stage = cursor.stage(o.id);
      if (stage === undefined) {
        const sub = submittedEvents(venue, o, o.symbol && o.timestamp !== undefined ? this.arrival(venue, o.symbol, o.timestamp) : undefined);
        if (sub.length === 0) continue;
        events.push(...sub);
        orderStages.push([o.id, (stage = 'submitted')]);
      }
      const fin = stage === 'submitted' ? finalEvent(o, this.now()) : undefined;
      if (fin) {
        events.push(fin);
        orderStages.push([o.id, 'final']);
      }
    }
    for (const t of [...trades].sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))) {
      if (!t.id || cursor.hasTrade(t.id)) continue;
      const ev = fillEvent(t);
      if (!ev) continue;
      events.push(ev);
      tradeIds.push(t.id);
      next = Math.max(next, t.timestamp ?? next);
    }
    // Open orders are asked for again until they end; ids already sent dedupe the overlap.
    const sinceNext = Math.min(next, earliestOpen);
    if (events.length === 0) {
      if (sinceNext > since) cursor.commit([], [], sinceNext);
      return;
    }
    if (await this.post(venue, events)) cursor.commit(tradeIds, orderStages, sinceNext);
  }

  private async flushQuotes(): Promise<void> {
    if (this.pendingQuotes.size === 0) return;
    const byVenue = new Map<string, TradingEvent[]>();
    for (const ev of this.pendingQuotes.values()) {
      const v = String(ev.venue);
      byVenue.set(v, [...(byVenue.get(v) ?? []), ev]);
    }
    this.pendingQuotes.clear();
    await Promise.all([...byVenue].map(([venue, events]) => this.post(venue, events)));
  }

  /** Posts a batch; true when the trading exporter accepted it. Never throws. */
  private async post(venue: string, events: TradingEvent[]): Promise<boolean> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    try {
      const res = await fetch(`${this.opts.url.replace(/\/+$/, '')}/v1/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify(events),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      for (const ev of events) this.sent.child([venue, ev.type]).value++;
      this.lastSuccess.child([venue]).value = this.now() / 1000;
      return true;
    } catch (err) {
      this.failures.child([venue]).value++;
      this.opts.logger.warn({ venue, events: events.length, err: (err as Error).message }, 'trading exporter did not take the forwarded events: sending them again with the next poll');
      return false;
    }
  }
}
