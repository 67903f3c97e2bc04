// Markouts: for each fill, the mid price at fixed horizons after it (from `market.quote` events), measured once
// the horizon plus the grace period has passed since the fill arrived, so quotes arriving late within the grace
// period still count. Pending fills sit in one bounded ring with a head per horizon (a fill's horizons come due
// in arrival order); a full ring drops the new fill's markouts and counts them.
import type { MarketQuote } from '../events.js';
import type { LabelGuards } from '../labels/label-guard.js';
import { OTHER } from '../labels/label-guard.js';
import type { MarkoutMetrics, MarkoutSeries } from '../metrics/markout-metrics.js';
import type { OrderSeries } from '../metrics/order-metrics.js';
import { QuoteBook } from './quote-book.js';

export interface MarkoutOptions {
  /** Off: fills are not tracked and quotes are not kept (they are still validated and counted). */
  enabled: boolean;
  /** Horizons after the fill (ms), increasing. */
  horizonsMs: readonly number[];
  /** The quote read for a horizon is the last at or before it, and at most this old (ms); else unmeasured. */
  maxQuoteAgeMs: number;
  /** Fills waiting for their last horizon; past it new fills are not tracked (counted). */
  maxPending: number;
  /** Quotes kept per venue and symbol. */
  quotesPerBook: number;
  /** Venue and symbol books kept. */
  maxBooks: number;
}

/** `liquidity` of a fill event, `unknown` when absent. */
export type Liquidity = 'maker' | 'taker' | 'unknown';

/** The smallest power of two at or above n (at least 1). */
const ceilPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

export const DEFAULT_MARKOUTS: MarkoutOptions = {
  enabled: true,
  horizonsMs: [1_000, 5_000, 30_000, 60_000],
  maxQuoteAgeMs: 2_000,
  maxPending: 100_000,
  quotesPerBook: 4096,
  maxBooks: 2000,
};

/** `1s`, `5s`, `30s`, `60s`: the `horizon` label of a horizon in ms. */
export const horizonLabel = (ms: number): string => `${ms / 1000}s`;

const FILL_TS = 0;
const FILL_PRICE = 1;
const SIGN = 2;
const RECEIVED_AT = 3;
const STRIDE = 4;

export class MarkoutTracker {
  private readonly books = new Map<string, Map<string, QuoteBook>>();
  private bookCount = 0;
  /** Pending fills: numbers in `nums` (STRIDE per slot), their series in `series`; sequence numbers mod capacity. */
  private nums: Float64Array;
  private series: (MarkoutSeries | undefined)[];
  private booksOf: (QuoteBook | undefined)[];
  /** The ring's size is a power of two (at least maxPending once grown): a slot is seq & mask. */
  private mask: number;
  private tail = 0;
  /** Per horizon, the sequence number of the next fill to measure; heads[last] is the oldest pending fill. */
  private readonly heads: number[];
  private readonly retainMs: number;
  /** The markout histograms' bucket bounds. */
  private readonly bounds: Float64Array;

  constructor(
    readonly opts: MarkoutOptions,
    private readonly graceMs: number,
    private readonly metrics: MarkoutMetrics,
    private readonly guards: LabelGuards,
  ) {
    const room = Math.min(ceilPow2(opts.maxPending), 1024);
    this.mask = room - 1;
    this.nums = new Float64Array(room * STRIDE);
    this.series = new Array<MarkoutSeries | undefined>(room);
    this.booksOf = new Array<QuoteBook | undefined>(room);
    this.heads = opts.horizonsMs.map(() => 0);
    this.bounds = Float64Array.from(metrics.markout.buckets);
    const last = opts.horizonsMs[opts.horizonsMs.length - 1] ?? 0;
    // A fill may arrive up to the grace period late; its last horizon reads a quote up to maxQuoteAgeMs old.
    this.retainMs = last + opts.maxQuoteAgeMs + graceMs;
  }

  get pending(): number {
    return this.tail - this.heads[this.heads.length - 1];
  }

  quote(e: MarketQuote): void {
    if (!this.opts.enabled) return;
    const venue = this.guards.venue.map(e.venue);
    const symbol = this.guards.symbol.map(e.symbol);
    if (venue === OTHER || symbol === OTHER) {
      this.metrics.countQuoteDropped('folded');
      return;
    }
    const book = this.bookFor(venue, symbol);
    if (!book) {
      this.metrics.countQuoteDropped('books');
      return;
    }
    const dropped = book.add(e.ts, (e.bid + e.ask) / 2);
    if (dropped) this.metrics.countQuoteDropped('capacity', dropped);
  }

  /**
   * The quote book of a venue and symbol (label values already bounded), created while there is room; undefined
   * when tracking is off, a value folded into other (its quotes would mix instruments) or the books are full.
   * An order takes its book at submit, so its fills' markouts read the right instrument even when its series
   * folds into other.
   */
  bookFor(venue: string, symbol: string): QuoteBook | undefined {
    if (!this.opts.enabled || venue === OTHER || symbol === OTHER) return undefined;
    let bySymbol = this.books.get(venue);
    if (!bySymbol) this.books.set(venue, (bySymbol = new Map()));
    let book = bySymbol.get(symbol);
    if (!book && this.bookCount < this.opts.maxBooks) {
      bySymbol.set(symbol, (book = new QuoteBook(this.opts.quotesPerBook, this.retainMs)));
      this.bookCount++;
    }
    return book;
  }

  /**
   * Tracks a fill of an order of `order`'s series reading `book` (from bookFor at submit); `sign` is +1 for a
   * buy, −1 for a sell.
   */
  fill(order: OrderSeries, book: QuoteBook | undefined, liquidity: Liquidity, sign: number, ts: number, price: number, now: number): void {
    if (!this.opts.enabled || this.heads.length === 0) return;
    let series = liquidity === 'maker' ? order.markoutMaker : liquidity === 'taker' ? order.markoutTaker : order.markoutUnknown;
    if (!series || series.gone) {
      const [venue, symbol, side] = order.labels;
      series = this.metrics.seriesFor(venue, symbol, side, liquidity, now);
      if (liquidity === 'maker') order.markoutMaker = series;
      else if (liquidity === 'taker') order.markoutTaker = series;
      else order.markoutUnknown = series;
    } else series.slot.lastUsed = now;
    const pending = this.pending;
    if (pending >= this.opts.maxPending) {
      this.metrics.droppedTotal.value++;
      return;
    }
    if (pending === this.series.length) this.grow();
    const slot = this.tail & this.mask;
    const at = slot * STRIDE;
    this.nums[at + FILL_TS] = ts;
    this.nums[at + FILL_PRICE] = price;
    this.nums[at + SIGN] = sign;
    this.nums[at + RECEIVED_AT] = now;
    this.series[slot] = series;
    this.booksOf[slot] = book;
    this.tail++;
  }

  /** Measures every horizon that came due (arrival + horizon + grace ≤ now). */
  sweep(now: number): void {
    const { nums, series, booksOf, mask, bounds } = this;
    const maxAge = this.opts.maxQuoteAgeMs;
    const last = this.heads.length - 1;
    for (let h = 0; h <= last; h++) {
      const horizon = this.opts.horizonsMs[h];
      const wait = horizon + this.graceMs;
      let seq = this.heads[h];
      for (; seq < this.tail; seq++) {
        const slot = seq & mask;
        const at = slot * STRIDE;
        if (nums[at + RECEIVED_AT] + wait > now) break;
        const s = series[slot]!;
        const book = booksOf[slot];
        const price = nums[at + FILL_PRICE];
        const mid = book ? book.midAt(nums[at + FILL_TS] + horizon, maxAge) : NaN;
        if (Number.isNaN(mid)) s.unmeasured[h].value++;
        else {
          // observe() inlined for the one bucket layout of markouts: a typed copy of the bounds keeps this loop
          // monomorphic (the shared observe() sees every histogram of the exporter).
          const v = (nums[at + SIGN] * (price - mid)) / price;
          const hist = s.markout[h];
          let i = 0;
          while (i < bounds.length && v > bounds[i]) i++;
          hist.counts[i]++;
          hist.sum += v;
          hist.count++;
        }
        if (h === last) {
          // The fill's last horizon: its slot is free.
          series[slot] = undefined;
          booksOf[slot] = undefined;
        }
      }
      this.heads[h] = seq;
    }
  }

  /** Doubles the ring, keeping sequence numbers: slots are re-placed by seq mod the new size. */
  private grow(): void {
    const old = this.series.length;
    const size = old * 2;
    const nums = new Float64Array(size * STRIDE);
    const series = new Array<MarkoutSeries | undefined>(size);
    const booksOf = new Array<QuoteBook | undefined>(size);
    for (let seq = this.heads[this.heads.length - 1]; seq < this.tail; seq++) {
      const from = seq % old;
      const to = seq % size;
      nums.set(this.nums.subarray(from * STRIDE, from * STRIDE + STRIDE), to * STRIDE);
      series[to] = this.series[from];
      booksOf[to] = this.booksOf[from];
    }
    this.nums = nums;
    this.series = series;
    this.booksOf = booksOf;
    this.mask = size - 1;
  }
}
