// The exporter's own bookkeeping: events received and refused, label values folded into `other`, and what
// the order table did with events it could not use (duplicates, orphans, evictions).
import type { MetricFamily } from '@vigil/exporter-kit';
import { EVENT_TYPES } from '../events.js';
import { REJECT_REASONS, type RejectReason } from '../ingest/ingest-error.js';
import { CounterVec, GaugeVec, type ValueChild } from './series.js';

export type IgnoredReason = 'duplicate_submit' | 'duplicate_fill' | 'duplicate_ack' | 'after_final';
export type EvictionReason = 'ttl' | 'capacity';

export class IngestMetrics {
  readonly received = new CounterVec('trading_events_received_total', 'Events accepted by POST /v1/events, by type.', ['type']);
  readonly rejected = new CounterVec(
    'trading_events_rejected_total',
    'Events refused by POST /v1/events, by reason; a refused batch counts all its events (1 when the body could not be parsed).',
    ['reason'],
  );
  readonly dropped = new CounterVec(
    'trading_series_dropped_total',
    'Label values folded into "other" because a label reached its limit or is outside its allowlist.',
    [],
  );
  readonly ignored = new CounterVec('trading_events_ignored_total', 'Accepted order events that changed nothing, by reason.', ['reason']);
  readonly orphaned = new CounterVec(
    'trading_events_orphaned_total',
    'Order events whose order was never submitted within the grace period (or was already final and gone).',
    [],
  );
  readonly evicted = new CounterVec('trading_orders_evicted_total', 'Open orders dropped from the order table, by reason.', ['reason']);
  readonly openOrders = new GaugeVec('trading_open_orders', 'Orders in the open-order table, including those in their final grace period.', []);
  readonly pendingEvents = new GaugeVec('trading_pending_events', 'Order events held until their order is submitted.', []);
  readonly workers = new GaugeVec('trading_ingest_workers', 'Worker threads checking large ingest bodies (0: every body is checked on the main thread).', []);
  readonly workerRestarts = new CounterVec(
    'trading_ingest_worker_restarts_total',
    'Ingest worker threads that died and were replaced; their in-flight batches got 503 and nothing of them was applied.',
    [],
  );

  private readonly receivedBy = new Map<string, ValueChild>();
  readonly droppedTotal: ValueChild = this.dropped.child([]);
  readonly orphanedTotal: ValueChild = this.orphaned.child([]);
  readonly workerRestartsTotal: ValueChild = this.workerRestarts.child([]);

  constructor() {
    // Zero-initialised so rate() and absent() behave from the first scrape.
    for (const t of EVENT_TYPES) this.receivedBy.set(t, this.received.child([t]));
    for (const r of REJECT_REASONS) this.rejected.child([r]);
    for (const r of ['duplicate_submit', 'duplicate_fill', 'duplicate_ack', 'after_final']) this.ignored.child([r]);
    for (const r of ['ttl', 'capacity']) this.evicted.child([r]);
  }

  countReceived(type: string): void {
    this.receivedBy.get(type)!.value++;
  }

  countRejected(reason: RejectReason, events: number): void {
    this.rejected.child([reason]).value += events;
  }

  countIgnored(reason: IgnoredReason): void {
    this.ignored.child([reason]).value++;
  }

  countEvicted(reason: EvictionReason, n = 1): void {
    this.evicted.child([reason]).value += n;
  }

  families(openOrders: number, pendingEvents: number, workers: number): MetricFamily[] {
    this.openOrders.child([]).value = openOrders;
    this.pendingEvents.child([]).value = pendingEvents;
    this.workers.child([]).value = workers;
    return [
      this.received.family(),
      this.rejected.family(),
      this.dropped.family(),
      this.ignored.family(),
      this.orphaned.family(),
      this.evicted.family(),
      this.openOrders.family(),
      this.pendingEvents.family(),
      this.workers.family(),
      this.workerRestarts.family(),
    ];
  }
}
