// The markout families (trading_fill_markout*, trading_market_quotes_*): the signed move of the mid price after
// each fill, positive when the market moved against the fill (adverse selection), per horizon.
import type { MetricFamily } from '@vigil/exporter-kit';
import { CounterVec, GaugeVec, HistogramVec, type HistogramChild, type ValueChild } from './series.js';

export const MARKOUT_LABELS = ['venue', 'symbol', 'side', 'liquidity', 'horizon'] as const;
const BP = 1e-4;
/** Signed, −100 bp … 100 bp: favourable moves below 0, adverse above. Shared with implementation shortfall. */
export const SIGNED_BP_BUCKETS = [-100, -50, -20, -10, -5, -2, -1, -0.5, 0, 0.5, 1, 2, 5, 10, 20, 50, 100].map((b) =>
  Number((b * BP).toPrecision(3)),
);
export type QuoteDropReason = 'capacity' | 'books' | 'folded';

/** One (venue, symbol, side, liquidity): a histogram and an unmeasured counter per horizon. */
export interface MarkoutSeries {
  readonly venue: string;
  readonly symbol: string;
  readonly markout: HistogramChild[];
  readonly unmeasured: ValueChild[];
}

export class MarkoutMetrics {
  readonly markout = new HistogramVec(
    'trading_fill_markout_ratio',
    'Move of the mid price at each horizon after a fill, relative to the fill price, signed so that positive means the market moved against the fill (adverse selection); 1 bp = 0.0001.',
    MARKOUT_LABELS,
    SIGNED_BP_BUCKETS,
  );
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
  private readonly series = new Map<string, MarkoutSeries>();

  constructor(readonly horizons: readonly string[]) {
    for (const r of ['capacity', 'books', 'folded']) this.quotesDropped.child([r]);
  }

  countQuoteDropped(reason: QuoteDropReason, n = 1): void {
    this.quotesDropped.child([reason]).value += n;
  }

  /** The series of already-bounded label values, created on first use. */
  seriesFor(venue: string, symbol: string, side: string, liquidity: string): MarkoutSeries {
    const key = `${venue}\u0000${symbol}\u0000${side}\u0000${liquidity}`;
    let s = this.series.get(key);
    if (!s) {
      const labels = (h: string) => [venue, symbol, side, liquidity, h];
      s = {
        venue,
        symbol,
        markout: this.horizons.map((h) => this.markout.child(labels(h))),
        unmeasured: this.horizons.map((h) => this.unmeasured.child(labels(h))),
      };
      this.series.set(key, s);
    }
    return s;
  }

  families(pending: number): MetricFamily[] {
    this.pending.child([]).value = pending;
    return [this.markout.family(), this.unmeasured.family(), this.dropped.family(), this.pending.family(), this.quotesDropped.family()];
  }
}
