// The order lifecycle families (trading_orders_*, trading_order_*): counts, quantities, durations, fill
// ratio and the two slippage histograms. Series are cached per label set so a hot path is a field write.
import type { MetricFamily } from '@vigil/exporter-kit';
import { OTHER } from '../labels/label-guard.js';
import { LabelSetBudget, labelKey, labelValues, type BudgetOptions, type BudgetSlot } from '../labels/label-set-budget.js';
import type { BudgetMetrics } from './budget-metrics.js';
import { FINAL_STATUSES, ORDER_TRANSITIONS, type OrderState } from '../orders/order-path.js';
import { SIGNED_BP_BUCKETS, type MarkoutSeries } from './markout-metrics.js';
import { CounterVec, HistogramVec, type HistogramChild, type ValueChild } from './series.js';
import { SignedParts, type SignedObservation } from './signed-parts.js';

export const ORDER_LABELS = ['venue', 'symbol', 'side', 'order_type', 'strategy'] as const;
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
export const FILL_RATIO_BUCKETS = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
const BP = 1e-4;
/** 0.5 bp .. 100 bp, finer around the 10 bp alert threshold. */
export const SLIPPAGE_BUCKETS = [0.5, 1, 2, 3, 5, 7.5, 10, 12.5, 15, 20, 30, 50, 75, 100].map((b) => Number((b * BP).toPrecision(3)));

function level<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let next = m.get(key);
  if (!next) m.set(key, (next = new Map()));
  return next;
}

export type FinalStatus = 'filled' | 'canceled' | 'rejected' | 'expired';

/** The series of one (venue, symbol, side, order_type, strategy). */
export class OrderSeries {
  private readonly completedBy = new Map<string, ValueChild>();
  private readonly rejectsBy = new Map<string, ValueChild>();
  private readonly feesBy = new Map<string, ValueChild>();
  private readonly rebatesBy = new Map<string, ValueChild>();
  /** `from\u0000to` → the transition's order and quantity counters. */
  private readonly transitionsBy = new Map<string, { values: string[]; orders: ValueChild; quantity: ValueChild }>();
  private readonly shortfallBy = new Map<string, SignedObservation>();
  readonly submitted: ValueChild;
  readonly quantityRequested: ValueChild;
  readonly quantityFilled: ValueChild;
  readonly ack: HistogramChild;
  readonly firstFill: HistogramChild;
  readonly completion: HistogramChild;
  readonly fillRatio: HistogramChild;
  readonly slippageAdverse: HistogramChild;
  readonly slippageFavorable: HistogramChild;
  /**
   * The markout series of these orders' fills by liquidity (maker, taker, unknown), created by the markout tracker.
   * Fields rather than a map: the tracker reads one per fill, and a map's table is one more cold cache line.
   */
  markoutMaker: MarkoutSeries | undefined = undefined;
  markoutTaker: MarkoutSeries | undefined = undefined;
  markoutUnknown: MarkoutSeries | undefined = undefined;

  constructor(
    private readonly m: OrderMetrics,
    readonly labels: readonly string[],
    /** Open orders pin it so their later fills and final metrics never write to an evicted series. */
    readonly slot: BudgetSlot,
  ) {
    this.submitted = m.submitted.child(labels);
    this.quantityRequested = m.quantityRequested.child(labels);
    this.quantityFilled = m.quantityFilled.child(labels);
    this.ack = m.ack.child(labels);
    this.firstFill = m.firstFill.child(labels);
    this.completion = m.completion.child(labels);
    this.fillRatio = m.fillRatio.child(labels);
    this.slippageAdverse = m.slippageAdverse.child(labels);
    this.slippageFavorable = m.slippageFavorable.child(labels);
    // The flow's series exist at 0 from the label set's first order on (Prometheus' advice for known label values):
    // increase() misses each series' first sample, so a final-state transition or completion first seen minutes
    // later would lose its first increment on one side of the trade-flow panel's balance and not on the other.
    for (const status of FINAL_STATUSES) this.completed(status);
    for (const [from, to] of ORDER_TRANSITIONS) this.transitionSeries(from, to);
  }

  private extra(cache: Map<string, ValueChild>, vec: CounterVec, value: string): ValueChild {
    let c = cache.get(value);
    if (!c) cache.set(value, (c = vec.child([...this.labels, value])));
    return c;
  }

  completed(status: FinalStatus): ValueChild {
    return this.extra(this.completedBy, this.m.completed, status);
  }

  rejects(reason: string): ValueChild {
    return this.extra(this.rejectsBy, this.m.rejects, reason);
  }

  fees(currency: string): ValueChild {
    return this.extra(this.feesBy, this.m.fees, currency);
  }

  rebates(currency: string): ValueChild {
    return this.extra(this.rebatesBy, this.m.rebates, currency);
  }

  /** Counts one order, and its requested quantity, moving from one state to the next. */
  transition(from: OrderState, to: OrderState, quantity: number): void {
    const t = this.transitionSeries(from, to);
    t.orders.value++;
    t.quantity.value += quantity;
  }

  private transitionSeries(from: OrderState, to: OrderState): { values: string[]; orders: ValueChild; quantity: ValueChild } {
    const key = `${from}\u0000${to}`;
    let t = this.transitionsBy.get(key);
    if (!t) {
      const values = [...this.labels, from, to];
      t = { values, orders: this.m.transitions.child(values), quantity: this.m.transitionQuantity.child(values) };
      this.transitionsBy.set(key, t);
    }
    return t;
  }

  /** The implementation shortfall histogram and its adverse and favorable sums against a benchmark price (`decision` or `arrival`). */
  shortfall(benchmark: 'decision' | 'arrival'): SignedObservation {
    let h = this.shortfallBy.get(benchmark);
    if (!h) {
      const values = [...this.labels, benchmark];
      this.shortfallBy.set(benchmark, (h = { histogram: this.m.shortfall.child(values), parts: this.m.shortfallParts.child(values) }));
    }
    return h;
  }

  /** Deletes every series of this label set from its families. */
  remove(): void {
    const m = this.m;
    for (const vec of [m.submitted, m.quantityRequested, m.quantityFilled, m.ack, m.firstFill, m.completion, m.fillRatio, m.slippageAdverse, m.slippageFavorable]) {
      vec.remove(this.labels);
    }
    const extras: [Map<string, ValueChild>, CounterVec][] = [
      [this.completedBy, m.completed],
      [this.rejectsBy, m.rejects],
      [this.feesBy, m.fees],
      [this.rebatesBy, m.rebates],
    ];
    for (const [cache, vec] of extras) for (const v of cache.keys()) vec.remove([...this.labels, v]);
    for (const t of this.transitionsBy.values()) {
      m.transitions.remove(t.values);
      m.transitionQuantity.remove(t.values);
    }
    for (const b of this.shortfallBy.keys()) {
      m.shortfall.remove([...this.labels, b]);
      m.shortfallParts.remove([...this.labels, b]);
    }
  }
}

/** Order label sets are the heavy ones (about a hundred samples each), so they have their own budget. */
export const DEFAULT_ORDER_BUDGET: BudgetOptions = { limit: 1000, idleMs: 6 * 3600_000 };

export class OrderMetrics {
  readonly submitted = new CounterVec('trading_orders_submitted_total', 'Orders submitted.', ORDER_LABELS);
  readonly completed = new CounterVec(
    'trading_orders_completed_total',
    'Orders that reached a final status (filled, canceled, rejected, expired).',
    [...ORDER_LABELS, 'final_status'],
  );
  readonly transitions = new CounterVec(
    'trading_order_transitions_total',
    'Orders moving from one lifecycle state to the next (submitted, acknowledged, partially_filled, filled, canceled, rejected, expired), counted in event-time order when the order is final.',
    [...ORDER_LABELS, 'from_state', 'to_state'],
  );
  readonly transitionQuantity = new CounterVec(
    'trading_order_transition_quantity_total',
    'Requested quantity of the orders counted in trading_order_transitions_total, in units of the base asset.',
    [...ORDER_LABELS, 'from_state', 'to_state'],
  );
  readonly shortfall = new HistogramVec(
    'trading_order_implementation_shortfall_ratio',
    'Implementation shortfall of each final order with fills: side x (average fill price - benchmark) / benchmark, positive = cost, against the decision or arrival price; 1 bp = 0.0001.',
    [...ORDER_LABELS, 'benchmark'],
    SIGNED_BP_BUCKETS,
    { sum: false },
  );
  readonly shortfallParts = new SignedParts('trading_order_implementation_shortfall', 'trading_order_implementation_shortfall_ratio', [...ORDER_LABELS, 'benchmark']);
  readonly quantityRequested = new CounterVec(
    'trading_order_quantity_requested_total',
    'Quantity requested by submitted orders, in units of the base asset.',
    ORDER_LABELS,
  );
  readonly quantityFilled = new CounterVec(
    'trading_order_quantity_filled_total',
    'Quantity filled, in units of the base asset.',
    ORDER_LABELS,
  );
  readonly rejects = new CounterVec('trading_order_rejects_total', 'Orders rejected, by reason (bounded; past the limit, other).', [
    ...ORDER_LABELS,
    'reason',
  ]);
  readonly fees = new CounterVec('trading_fees_paid_total', 'Fees paid on fills, in the fee currency.', [...ORDER_LABELS, 'currency']);
  readonly rebates = new CounterVec('trading_fee_rebates_total', 'Fee rebates received on fills (negative fees), in the fee currency.', [
    ...ORDER_LABELS,
    'currency',
  ]);
  readonly ack = new HistogramVec(
    'trading_order_ack_duration_seconds',
    'Time from order submission to the venue acknowledgement.',
    ORDER_LABELS,
    DURATION_BUCKETS,
  );
  readonly firstFill = new HistogramVec(
    'trading_order_first_fill_duration_seconds',
    'Time from order submission to its first fill, observed when the order completes.',
    ORDER_LABELS,
    DURATION_BUCKETS,
  );
  readonly completion = new HistogramVec(
    'trading_order_completion_duration_seconds',
    'Time from order submission to its final status.',
    ORDER_LABELS,
    DURATION_BUCKETS,
  );
  readonly fillRatio = new HistogramVec(
    'trading_order_fill_ratio',
    'Filled quantity over requested quantity, observed at the final status.',
    ORDER_LABELS,
    FILL_RATIO_BUCKETS,
  );
  readonly slippageAdverse = new HistogramVec(
    'trading_order_slippage_adverse_ratio',
    'Adverse slippage of each fill against the arrival price (0 when the fill was favourable); 1 bp = 0.0001.',
    ORDER_LABELS,
    SLIPPAGE_BUCKETS,
  );
  readonly slippageFavorable = new HistogramVec(
    'trading_order_slippage_favorable_ratio',
    'Favourable slippage of each fill against the arrival price (0 when the fill was adverse); 1 bp = 0.0001.',
    ORDER_LABELS,
    SLIPPAGE_BUCKETS,
  );

  /** venue → symbol → side → order type → strategy → series: nested lookups, no key string built per order. */
  private readonly series = new Map<string, Map<string, Map<string, Map<string, Map<string, OrderSeries>>>>>();
  readonly budget: LabelSetBudget;

  constructor(budgetMetrics: BudgetMetrics, budget: BudgetOptions = DEFAULT_ORDER_BUDGET) {
    this.budget = new LabelSetBudget('orders', budget, budgetMetrics, (key) => this.evict(labelValues(key)));
  }

  /**
   * The cached series for already-bounded label values. A label set new past the budget folds into
   * (other, other, side, other, other), which is outside the budget and never evicted.
   */
  seriesFor(venue: string, symbol: string, side: string, orderType: string, strategy: string, now: number): OrderSeries {
    const byStrategy = level(level(level(level(this.series, venue), symbol), side), orderType);
    const s = byStrategy.get(strategy);
    if (s) {
      s.slot.lastUsed = now;
      return s;
    }
    const labels = [venue, symbol, side, orderType, strategy];
    const folded = venue === OTHER && symbol === OTHER && orderType === OTHER && strategy === OTHER;
    const slot = folded ? { lastUsed: now, pins: 1 } : this.budget.admit(labelKey(labels), now);
    if (!slot) return this.seriesFor(OTHER, OTHER, side, OTHER, OTHER, now);
    const made = new OrderSeries(this, labels, slot);
    byStrategy.set(strategy, made);
    return made;
  }

  /** Evicts label sets idle past the budget's idle time (rate-limited inside). */
  sweep(now: number): void {
    this.budget.sweep(now);
  }

  private evict([venue, symbol, side, orderType, strategy]: string[]): void {
    const bySymbol = this.series.get(venue);
    const bySide = bySymbol?.get(symbol);
    const byType = bySide?.get(side);
    const byStrategy = byType?.get(orderType);
    byStrategy?.get(strategy)?.remove();
    byStrategy?.delete(strategy);
    // Drop the levels left empty, so a flood of one-off label sets leaves no maps behind.
    if (byStrategy?.size === 0) byType?.delete(orderType);
    if (byType?.size === 0) bySide?.delete(side);
    if (bySide?.size === 0) bySymbol?.delete(symbol);
    if (bySymbol?.size === 0) this.series.delete(venue);
  }

  families(): MetricFamily[] {
    return [
      this.submitted.family(),
      this.completed.family(),
      this.quantityRequested.family(),
      this.quantityFilled.family(),
      this.rejects.family(),
      this.fees.family(),
      this.rebates.family(),
      this.ack.family(),
      this.firstFill.family(),
      this.completion.family(),
      this.fillRatio.family(),
      this.slippageAdverse.family(),
      this.slippageFavorable.family(),
      this.transitions.family(),
      this.transitionQuantity.family(),
      this.shortfall.family(),
      this.shortfallParts.adverse.family(),
      this.shortfallParts.favorable.family(),
    ];
  }
}
