// The order state machine: submitted → acknowledged → partially filled → filled | canceled | rejected |
// expired, over a bounded open-order table. Per-fill figures (quantities, fees, slippage) are counted on
// arrival; per-order figures (completion and first-fill durations, fill ratio, final status, reject reason)
// once the grace period after the final event has passed, in event-time order. That way any arrival order
// within the grace period yields the same metrics as the in-order sequence.
import type { Labels } from '@vigil/exporter-kit';
import type { OrderAcknowledged, OrderEnded, OrderEvent, OrderFilled, OrderSubmitted } from '../events.js';
import type { LabelGuards } from '../labels/label-guard.js';
import type { IngestMetrics } from '../metrics/ingest-metrics.js';
import type { FinalStatus, OrderMetrics } from '../metrics/order-metrics.js';
import { observe, traceExemplarLabels } from '../metrics/series.js';
import { observeSigned } from '../metrics/signed-parts.js';
import type { MarkoutTracker } from '../markouts/markout-tracker.js';
import { OpenOrder } from './open-order.js';
import { OrderNumbers } from './order-numbers.js';
import { orderPath } from './order-path.js';
import { ReceiptQueue } from './receipt-queue.js';
import { PendingEvents } from './pending-events.js';

export interface OrderTableOptions {
  /** Longest an order may stay open before it is evicted (ms). */
  ttlMs: number;
  /** Most open orders kept; the oldest is evicted past it. */
  maxOrders: number;
  /** How long an event for an unknown order is held, and how long a final order waits for stragglers (ms). */
  graceMs: number;
  /** Most events held for orders not yet submitted. */
  maxPending: number;
}

export const DEFAULT_ORDER_TABLE: OrderTableOptions = { ttlMs: 24 * 3600_000, maxOrders: 100_000, graceMs: 5_000, maxPending: 100_000 };

const STATUS_OF: Record<OrderEnded['type'], FinalStatus> = {
  'order.canceled': 'canceled',
  'order.rejected': 'rejected',
  'order.expired': 'expired',
};
const STATUS_RANK: Record<FinalStatus, number> = { filled: 0, rejected: 1, expired: 2, canceled: 3 };
const TYPE_RANK: Record<OrderEvent['type'], number> = {
  'order.submitted': 0,
  'order.acknowledged': 1,
  'order.filled': 2,
  'order.rejected': 3,
  'order.expired': 4,
  'order.canceled': 5,
};

/**
 * The refresh window of batch-trace exemplars (observe()'s refreshMs): each bucket of a series takes at most one
 * batch's sampled trace per window. Prometheus keeps one exemplar per bucket series a scrape, so rewriting a busy
 * bucket's on every order is wasted work (it was most of what tracing cost ingest); rare buckets (the slow,
 * costly tail) still take every one. A desk's own traceId is not held back: it always becomes the exemplar, and
 * batch traces leave its bucket alone for the refresh time after it (other buckets' throttling is unaffected).
 */
export const BATCH_EXEMPLAR_REFRESH_MS = 1000;
/** refreshMs of an observation whose exemplar is the desk's own trace: always kept. */
const OWN = 0;

/** Event-time order with a fixed tie-break, used when replaying held events. */
function byEventTime(a: OrderEvent, b: OrderEvent): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const r = TYPE_RANK[a.type] - TYPE_RANK[b.type];
  if (r !== 0) return r;
  const fa = a.type === 'order.filled' ? (a.fillId ?? '') : '';
  const fb = b.type === 'order.filled' ? (b.fillId ?? '') : '';
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/**
 * Rounds to 1e-12 (a hundred-millionth of a basis point): the average fill price is a sum whose last bits
 * depend on the order fills arrived in, and a shortfall of exactly a bucket bound (−2 bp) must land in the same
 * bucket whatever that order was.
 */
const roundRatio = (r: number): number => Math.round(r * 1e12) / 1e12;

export class OrderTracker {
  private readonly table = new Map<string, OpenOrder>();
  /** Every open order's numbers (outside the GC's heap). */
  readonly numbers = new OrderNumbers();
  /** The same orders in receipt order, for capacity eviction and TTL expiry. */
  readonly receipts = new ReceiptQueue();
  private readonly pending: PendingEvents;
  /** Orders waiting for their final metrics, in due order (due = receipt + grace, so FIFO). */
  private finalizing: OpenOrder[] = [];
  private finalizingHead = 0;
  /** Exemplar labels of the sampled trace of the ingest batch being applied (its apply span), if any. */
  private batchTrace: Labels | undefined = undefined;

  constructor(
    private readonly opts: OrderTableOptions,
    private readonly metrics: OrderMetrics,
    private readonly ingest: IngestMetrics,
    private readonly guards: LabelGuards,
    private readonly markouts?: MarkoutTracker,
  ) {
    this.pending = new PendingEvents(opts.graceMs, opts.maxPending, (n) => (ingest.orphanedTotal.value += n));
  }

  get openOrders(): number {
    return this.table.size;
  }

  get pendingEvents(): number {
    return this.pending.size;
  }

  /** Sets the trace of the batch about to be applied (undefined after it): one labels object for all its exemplars. */
  set batchTraceId(id: string | undefined) {
    this.batchTrace = id === undefined ? undefined : traceExemplarLabels(id);
  }

  /** Exemplar labels of an event's own traceId (validation took only W3C trace ids), lower-cased. */
  private traceOf(raw: string | undefined): Labels | undefined {
    return raw === undefined ? undefined : traceExemplarLabels(raw.toLowerCase());
  }

  /** An observation's exemplar refresh: none for the desk's own trace (the event's, or the order's), else the batch's. */
  private refreshOf(o: OpenOrder, own: Labels | undefined): number {
    return own !== undefined || o.ownTrace ? OWN : BATCH_EXEMPLAR_REFRESH_MS;
  }

  apply(e: OrderEvent, now: number): void {
    if (e.type === 'order.submitted') {
      this.submit(e, now);
      return;
    }
    const o = this.table.get(e.orderId);
    if (!o) this.pending.hold(e, now);
    else this.update(o, e, now);
  }

  private update(o: OpenOrder, e: Exclude<OrderEvent, OrderSubmitted>, now: number): void {
    if (e.type === 'order.acknowledged') this.acknowledge(o, e, now);
    else if (e.type === 'order.filled') this.fill(o, e, now);
    else this.end(o, e, now);
  }

  private submit(e: OrderSubmitted, now: number): void {
    if (this.table.has(e.orderId)) {
      this.ingest.countIgnored('duplicate_submit');
      return;
    }
    if (this.table.size >= this.opts.maxOrders) this.evictOldest(now);
    const g = this.guards;
    const venue = g.venue.map(e.venue);
    const symbol = g.symbol.map(e.symbol);
    const series = this.metrics.seriesFor(
      venue,
      symbol,
      e.side,
      g.orderType.map(e.orderType),
      g.strategy.map(e.strategy),
      now,
    );
    series.slot.pins++;
    const arrival = e.arrivalPrice ?? e.decisionPrice ?? 0;
    const o = new OpenOrder(this.numbers, e.orderId, series, e.ts, e.quantity, e.side === 'buy' ? 1 : -1, arrival, now, e.decisionPrice, e.arrivalPrice);
    o.book = this.markouts?.bookFor(venue, symbol) ?? -1;
    const own = this.traceOf(e.traceId);
    o.trace = own ?? this.batchTrace;
    o.ownTrace = own !== undefined;
    this.table.set(e.orderId, o);
    this.receipts.push(o);
    series.submitted.value++;
    series.quantityRequested.value += e.quantity;
    const held = this.pending.take(e.orderId);
    if (held) for (const h of held.sort(byEventTime)) this.update(o, h as Exclude<OrderEvent, OrderSubmitted>, now);
  }

  private acknowledge(o: OpenOrder, e: OrderAcknowledged, now: number): void {
    if (!Number.isNaN(o.ackTs)) {
      this.ingest.countIgnored('duplicate_ack');
      return;
    }
    o.ackTs = e.ts;
    const own = this.traceOf(e.traceId);
    observe(o.series.ack, Math.max(0, e.ts - o.submitTs) / 1000, own ?? o.trace ?? this.batchTrace, now, this.refreshOf(o, own));
  }

  private fill(o: OpenOrder, e: OrderFilled, now: number): void {
    if (e.fillId !== undefined && !o.addFillId(e.fillId)) {
      this.ingest.countIgnored('duplicate_fill');
      return;
    }
    o.addFill(e.ts, e.fillQuantity, e.fillPrice);
    const s = o.series;
    s.quantityFilled.value += e.fillQuantity;
    const own = this.traceOf(e.traceId);
    const trace = own ?? o.trace ?? this.batchTrace;
    if (o.arrival > 0) {
      const slip = (o.sign * (e.fillPrice - o.arrival)) / o.arrival;
      const refresh = this.refreshOf(o, own);
      // The exemplar goes to the side the fill slipped to (the other side's zero would point every zero bucket at
      // whatever fill came last, and costs a slot write per fill).
      observe(s.slippageAdverse, slip > 0 ? slip : 0, slip > 0 ? trace : undefined, now, refresh);
      observe(s.slippageFavorable, slip < 0 ? -slip : 0, slip < 0 ? trace : undefined, now, refresh);
    }
    this.markouts?.fill(s, o.book, e.liquidity ?? 'unknown', o.sign, e.ts, e.fillPrice, now);
    if (e.fee !== undefined && e.fee !== 0) {
      const currency = this.guards.currency.map(e.feeCurrency ?? 'unknown');
      if (e.fee > 0) s.fees(currency).value += e.fee;
      else s.rebates(currency).value -= e.fee;
    }
    if (o.fullyFilled) this.scheduleFinal(o, now);
  }

  private end(o: OpenOrder, e: OrderEnded, now: number): void {
    const status = STATUS_OF[e.type];
    const reason = e.reason ?? '';
    const earlier =
      o.terminalStatus === undefined ||
      e.ts < o.terminalTs ||
      (e.ts === o.terminalTs &&
        (STATUS_RANK[status] < STATUS_RANK[o.terminalStatus] ||
          (status === o.terminalStatus && reason < (o.terminalReason ?? ''))));
    if (!earlier) {
      this.ingest.countIgnored('after_final');
      return;
    }
    o.terminalStatus = status;
    o.terminalTs = e.ts;
    o.terminalReason = e.reason;
    this.scheduleFinal(o, now);
  }

  private scheduleFinal(o: OpenOrder, now: number): void {
    if (o.finalizeAt !== 0) return;
    o.finalizeAt = now + this.opts.graceMs;
    this.finalizing.push(o);
  }

  /** Records an order's final metrics and removes it from the table. */
  private finalize(o: OpenOrder, now: number): void {
    const filledAt = o.filledAt();
    let status: FinalStatus;
    let endTs: number;
    if (o.terminalStatus !== undefined && o.terminalTs < filledAt) {
      status = o.terminalStatus;
      endTs = o.terminalTs;
    } else {
      status = 'filled';
      endTs = filledAt;
    }
    const s = o.series;
    s.completed(status).value++;
    if (status === 'rejected') s.rejects(this.guards.rejectReason.map(o.terminalReason ?? 'unknown')).value++;
    const refresh = this.refreshOf(o, undefined);
    observe(s.completion, Math.max(0, endTs - o.submitTs) / 1000, o.trace, now, refresh);
    observe(s.fillRatio, Math.min(1, o.filled / o.quantity));
    const firstFillTs = o.firstFillTs();
    if (o.fillCount > 0) observe(s.firstFill, Math.max(0, firstFillTs - o.submitTs) / 1000, o.trace, now, refresh);
    const path = orderPath({ final: status, endTs, ackTs: o.ackTs, firstFillTs, partiallyFilled: o.hasFillBefore(endTs, status !== 'filled') });
    for (let i = 1; i < path.length; i++) s.transition(path[i - 1], path[i], o.quantity);
    this.observeShortfall(o);
    this.remove(o, now);
  }

  /** Takes the order out of the table; its label set counts as written now (its idle time starts). */
  /** Implementation shortfall of a final order with fills: side × (average fill − benchmark) / benchmark. */
  private observeShortfall(o: OpenOrder): void {
    const avg = o.averageFillPrice;
    if (Number.isNaN(avg)) return;
    const decision = o.decisionPrice;
    const arrival = o.arrivalPrice;
    if (decision > 0) observeSigned(o.series.shortfall('decision'), roundRatio((o.sign * (avg - decision)) / decision));
    if (arrival > 0) observeSigned(o.series.shortfall('arrival'), roundRatio((o.sign * (avg - arrival)) / arrival));
  }

  private remove(o: OpenOrder, now: number): void {
    o.series.slot.pins--;
    o.series.slot.lastUsed = now;
    o.release();
    this.table.delete(o.id);
  }

  private evictOldest(now: number): void {
    const first = this.receipts.oldest();
    if (!first) return;
    this.remove(first, now);
    this.ingest.countEvicted('capacity');
  }

  /** Finalizes due orders, expires held events and evicts orders past their TTL. */
  sweep(now: number): void {
    while (this.finalizingHead < this.finalizing.length) {
      const o = this.finalizing[this.finalizingHead];
      if (!o.gone && o.finalizeAt > now) break;
      this.finalizingHead++;
      if (!o.gone) this.finalize(o, now);
    }
    if (this.finalizingHead > 1024 && this.finalizingHead * 2 > this.finalizing.length) {
      this.finalizing = this.finalizing.slice(this.finalizingHead);
      this.finalizingHead = 0;
    }
    this.pending.expire(now);
    this.metrics.sweep(now);
    this.receipts.walk((o) => {
      if (o.receivedAt + this.opts.ttlMs > now) return false;
      if (o.finalizeAt === 0) {
        this.remove(o, now);
        this.ingest.countEvicted('ttl');
      }
      return true;
    });
    this.receipts.compact(this.table.size);
  }
}
