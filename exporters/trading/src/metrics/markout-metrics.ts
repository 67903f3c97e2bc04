// The markout families (trading_fill_markout*, trading_market_quotes_*): the signed move of the mid price after
// each fill, positive when the market moved against the fill (adverse selection), per horizon.
import type { MetricFamily } from '@vigil/exporter-kit';
import { OTHER } from '../labels/label-guard.js';
import { LabelSetBudget, labelKey, type BudgetOptions, type BudgetSlot } from '../labels/label-set-budget.js';
import type { BudgetMetrics } from './budget-metrics.js';
import { MarkoutStore } from './markout-store.js';
import { CounterVec, GaugeVec, HistogramVec, type HistogramChild, type ValueChild } from './series.js';
import { SignedParts, type SignedPartsChild } from './signed-parts.js';

export const MARKOUT_LABELS = ['venue', 'symbol', 'side', 'liquidity', 'horizon'] as const;
const BP = 1e-4;
/** Signed, −100 bp … 100 bp: favourable moves below 0, adverse above. Shared with implementation shortfall. */
export const SIGNED_BP_BUCKETS = [-100, -50, -20, -10, -5, -2, -1, -0.5, 0, 0.5, 1, 2, 5, 10, 20, 50, 100].map((b) =>
  Number((b * BP).toPrecision(3)),
);
export type QuoteDropReason = 'capacity' | 'books' | 'folded';

/**
 * One (venue, symbol, side, liquidity): a histogram and an unmeasured counter per horizon, counted in its block of
 * the store and copied into the exported series at scrape time.
 */
export interface MarkoutSeries {
  readonly labels: readonly string[];
  readonly markout: HistogramChild[];
  /** The markout's adverse and favorable sums per horizon (the histogram has no _sum: see signed-parts). */
  readonly parts: SignedPartsChild[];
  readonly unmeasured: ValueChild[];
  readonly slot: BudgetSlot;
  /** Its block in the store, and the block's generation when it was given to this label set. */
  readonly base: number;
  readonly generation: number;
  /** Set when its label set was evicted as idle: holders fetch a fresh one. */
  gone: boolean;
}

export class MarkoutMetrics {
  readonly markout = new HistogramVec(
    'trading_fill_markout_ratio',
    'Move of the mid price at each horizon after a fill, relative to the fill price, signed so that positive means the market moved against the fill (adverse selection); 1 bp = 0.0001.',
    MARKOUT_LABELS,
    SIGNED_BP_BUCKETS,
    { sum: false },
  );
  readonly parts = new SignedParts('trading_fill_markout', 'trading_fill_markout_ratio', MARKOUT_LABELS);
  readonly unmeasured = new CounterVec(
    'trading_fill_markouts_unmeasured_total',
    'Fill markouts not measured: no quote of the venue and symbol within the allowed quote age before the horizon.',
    MARKOUT_LABELS,
  );
  readonly dropped = new CounterVec(
    'trading_fill_markouts_dropped_total',
    'Fills whose markouts were not tracked because the pending markout queue was full.',
    [],
  );
  readonly pending = new GaugeVec('trading_fill_markouts_pending', 'Fills waiting for their last markout horizon.', []);
  readonly quotesDropped = new CounterVec(
    'trading_market_quotes_dropped_total',
    'Quotes not kept for markouts: capacity (the book was full: the oldest quote went), books (too many venue and symbol books), folded (venue or symbol folded into "other").',
    ['reason'],
  );
  readonly droppedTotal: ValueChild = this.dropped.child([]);
  /** The numbers of every markout series, written by the tracker by index. */
  readonly store: MarkoutStore;
  private readonly series = new Map<string, MarkoutSeries>();
  /** Label sets of (venue, symbol, side, liquidity), bounded like the other groups'; past it they fold into other. */
  readonly budget: LabelSetBudget;

  constructor(
    readonly horizons: readonly string[],
    budgetMetrics: BudgetMetrics,
    budget: BudgetOptions,
  ) {
    for (const r of ['capacity', 'books', 'folded']) this.quotesDropped.child([r]);
    this.store = new MarkoutStore(horizons.length, this.markout.buckets.length);
    this.budget = new LabelSetBudget('markouts', budget, budgetMetrics, (key) => this.evict(key));
  }

  countQuoteDropped(reason: QuoteDropReason, n = 1): void {
    this.quotesDropped.child([reason]).value += n;
  }

  /** The series of already-bounded label values, created on first use; past the budget, (other, other, side, liquidity). */
  seriesFor(venue: string, symbol: string, side: string, liquidity: string, now: number): MarkoutSeries {
    const values = [venue, symbol, side, liquidity];
    const key = labelKey(values);
    const known = this.series.get(key);
    if (known) {
      known.slot.lastUsed = now;
      return known;
    }
    const folded = venue === OTHER && symbol === OTHER;
    const slot = folded ? { lastUsed: now, pins: 1 } : this.budget.admit(key, now);
    if (!slot) return this.seriesFor(OTHER, OTHER, side, liquidity, now);
    const labels = (h: string) => [...values, h];
    const base = this.store.take();
    const made: MarkoutSeries = {
      labels: values,
      markout: this.horizons.map((h) => this.markout.child(labels(h))),
      parts: this.horizons.map((h) => this.parts.child(labels(h))),
      unmeasured: this.horizons.map((h) => this.unmeasured.child(labels(h))),
      slot,
      base,
      generation: this.store.data[base],
      gone: false,
    };
    this.series.set(key, made);
    return made;
  }

  private evict(key: string): void {
    const s = this.series.get(key);
    if (!s) return;
    s.gone = true;
    this.series.delete(key);
    this.store.release(s.base);
    for (const h of this.horizons) {
      this.markout.remove([...s.labels, h]);
      this.parts.remove([...s.labels, h]);
      this.unmeasured.remove([...s.labels, h]);
    }
  }

  /** Copies the store's numbers into the exported series. */
  private publish(): void {
    const { data, adverseAt, favorableAt, countAt, unmeasuredAt } = this.store;
    for (const s of this.series.values()) {
      for (let h = 0; h < s.markout.length; h++) {
        const at = this.store.horizonAt(s.base, h);
        const hist = s.markout[h];
        hist.counts.set(data.subarray(at, at + hist.counts.length));
        s.parts[h].adverse.value = data[at + adverseAt];
        s.parts[h].favorable.value = data[at + favorableAt];
        hist.count = data[at + countAt];
        s.unmeasured[h].value = data[at + unmeasuredAt];
      }
    }
  }

  families(pending: number): MetricFamily[] {
    this.publish();
    this.pending.child([]).value = pending;
    return [this.markout.family(), this.parts.adverse.family(), this.parts.favorable.family(), this.unmeasured.family(), this.dropped.family(), this.pending.family(), this.quotesDropped.family()];
  }
}
