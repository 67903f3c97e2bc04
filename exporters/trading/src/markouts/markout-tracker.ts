// Markouts: for each fill, the mid price at fixed horizons after it (from `market.quote` events), measured once
// the horizon plus the grace period has passed since the fill arrived, so quotes arriving late within the grace
// period still count. Pending fills sit in one bounded ring with a head per horizon (a fill's horizons come due
// in arrival order); a full ring drops the new fill's markouts and counts them.
import type { MarketQuote } from '../events.js';
import type { LabelGuards } from '../labels/label-guard.js';
import { OTHER } from '../labels/label-guard.js';
import type { MarkoutMetrics } from '../metrics/markout-metrics.js';
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
/** sign × fill price (fill prices are positive): a sell's is negative. */
const SIGNED_PRICE = 1;
const RECEIVED_AT = 2;
/** The fill's markout series: its block in the store and that block's generation (see MarkoutStore). */
const SERIES_BASE = 3;
const SERIES_GENERATION = 4;
/** Index of its quote book in `bookList`, −1 for none. */
const BOOK = 5;
const STRIDE = 6;

export class MarkoutTracker {
  private readonly books = new Map<string, Map<string, number>>();
  /** Quote books by index (never removed, so an index stays valid). */
  private readonly bookList: QuoteBook[] = [];
  /**
   * Pending fills, STRIDE numbers per slot, numbers only (no object references: nothing for the GC to trace or
   * to clear); sequence numbers mod capacity.
   */
  private nums: Float64Array;
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
    this.heads = opts.horizonsMs.map(() => 0);
    this.bounds = Float64Array.from(metrics.markout.buckets);
    const last = opts.horizonsMs[opts.horizonsMs.length - 1] ?? 0;
    // A fill may arrive up to the grace period late; its last horizon reads a quote up to maxQuoteAgeMs old.
    this.retainMs = last + opts.maxQuoteAgeMs + graceMs;
  }

  get pending(): number {
    return this.tail - this.heads[this.heads.length - 1];
  }

  quote(e: MarketQuote, now: number): void {
    if (!this.opts.enabled) return;
    const venue = this.guards.venue.map(e.venue);
    const symbol = this.guards.symbol.map(e.symbol);
    if (venue === OTHER || symbol === OTHER) {
      this.metrics.countQuoteDropped('folded');
      return;
    }
    const book = this.bookFor(venue, symbol);
    if (book < 0) {
      this.metrics.countQuoteDropped('books');
      return;
    }
    const dropped = this.bookList[book].add(e.ts, (e.bid + e.ask) / 2, now);
    if (dropped) this.metrics.countQuoteDropped('capacity', dropped);
  }

  /**
   * The quote book (its index) of a venue and symbol (label values already bounded), created while there is
   * room; −1 when tracking is off, a value folded into other (its quotes would mix instruments) or the books are
   * full. An order takes its book at submit, so its fills' markouts read the right instrument even when its
   * series folds into other.
   */
  bookFor(venue: string, symbol: string): number {
    if (!this.opts.enabled || venue === OTHER || symbol === OTHER) return -1;
    let bySymbol = this.books.get(venue);
    if (!bySymbol) this.books.set(venue, (bySymbol = new Map()));
    let book = bySymbol.get(symbol);
    if (book === undefined) {
      if (this.bookList.length >= this.opts.maxBooks) return -1;
      book = this.bookList.push(new QuoteBook(this.opts.quotesPerBook, this.retainMs)) - 1;
      bySymbol.set(symbol, book);
    }
    return book;
  }

  /**
   * Tracks a fill of an order of `order`'s series reading quote book `book` (from bookFor at submit, −1 for
   * none); `sign` is +1 for a buy, −1 for a sell.
   */
  fill(order: OrderSeries, book: number, liquidity: Liquidity, sign: number, ts: number, price: number, now: number): void {
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
    if (pending === this.mask + 1) this.grow();
    const at = (this.tail & this.mask) * STRIDE;
    const nums = this.nums;
    nums[at + FILL_TS] = ts;
    nums[at + SIGNED_PRICE] = sign * price;
    nums[at + RECEIVED_AT] = now;
    nums[at + SERIES_BASE] = series.base;
    nums[at + SERIES_GENERATION] = series.generation;
    nums[at + BOOK] = book;
    this.tail++;
  }

  /** Measures every horizon that came due (arrival + horizon + grace ≤ now). */
  sweep(now: number): void {
    const { nums, mask, bounds, bookList } = this;
    const store = this.metrics.store;
    const { data, adverseAt, favorableAt, countAt, unmeasuredAt, horizonSize } = store;
    const maxAge = this.opts.maxQuoteAgeMs;
    const nb = bounds.length;
    const half = nb >> 1;
    for (let h = 0; h < this.heads.length; h++) {
      const horizon = this.opts.horizonsMs[h];
      const wait = horizon + this.graceMs;
      // A horizon's run in a block: after the generation, h runs of horizonSize.
      const offset = 1 + h * horizonSize;
      let seq = this.heads[h];
      for (; seq < this.tail; seq++) {
        const at = (seq & mask) * STRIDE;
        if (nums[at + RECEIVED_AT] + wait > now) break;
        const base = nums[at + SERIES_BASE];
        // Its label set was evicted (the block may serve another by now): nothing to count, as its series is gone.
        if (data[base] !== nums[at + SERIES_GENERATION]) continue;
        const book = nums[at + BOOK];
        const mid = book >= 0 ? bookList[book].midAt(nums[at + FILL_TS] + horizon, maxAge) : NaN;
        const run = base + offset;
        if (Number.isNaN(mid)) data[run + unmeasuredAt]++;
        else {
          // observe() inlined, writing the block by index. sign × (price − mid) / price, from sp = sign × price:
          // (|sp| − mid) / sp (the same number: only the sign of the divisor moves).
          const sp = nums[at + SIGNED_PRICE];
          const v = (Math.abs(sp) - mid) / sp;
          // The bucket: scanning from the middle bound when v is above it halves the scan.
          let i = v > bounds[half] ? half + 1 : 0;
          while (i < nb && v > bounds[i]) i++;
          data[run + i]++;
          if (v > 0) data[run + adverseAt] += v;
          else data[run + favorableAt] -= v;
          data[run + countAt]++;
        }
      }
      this.heads[h] = seq;
    }
  }

  /** Doubles the ring, keeping sequence numbers: slots are re-placed by seq mod the new size, in runs that wrap in neither ring. */
  private grow(): void {
    const old = this.mask + 1;
    const size = old * 2;
    const nums = new Float64Array(size * STRIDE);
    for (let seq = this.heads[this.heads.length - 1]; seq < this.tail; ) {
      const from = seq & (old - 1);
      const to = seq & (size - 1);
      const n = Math.min(this.tail - seq, old - from, size - to);
      nums.set(this.nums.subarray(from * STRIDE, (from + n) * STRIDE), to * STRIDE);
      seq += n;
    }
    this.nums = nums;
    this.mask = size - 1;
  }
}
