// Top of the order book of each watched venue and symbol: relative spread and the quantity at the best bid
// and ask. From the background fetchOrderBook polls, or, with --exchange.stream, from the streamed ticker's
// best bid and ask while that stream delivers them (the poll takes over again when the stream is lost).
// Only the symbols given with --exchange, so bounded.
import { GaugeVec, type MetricFamily } from '@vigil/exporter-kit';
import { BY_VENUE } from './by-venue.js';

export interface BookTop {
  bids: ReadonlyArray<ReadonlyArray<number | undefined>>;
  asks: ReadonlyArray<ReadonlyArray<number | undefined>>;
}

export type BookSource = 'poll' | 'stream';

export class BookMetrics {
  readonly spread = new GaugeVec(
    'trading_spread_ratio',
    'Best ask minus best bid over their midpoint, from the streamed ticker while its stream is up, else the latest background order-book poll.',
    ['venue', 'symbol'],
    BY_VENUE,
  );
  readonly depth = new GaugeVec(
    'trading_top_of_book_depth',
    'Quantity (base asset units) at the best bid and ask, from the streamed ticker while its stream is up, else the latest background order-book poll.',
    ['venue', 'symbol', 'side'],
    BY_VENUE,
  );
  /** venue\0symbol pairs whose book currently comes from a live stream. */
  private readonly streamed = new Set<string>();

  /** Records a book; a one-sided or crossed-out (empty) book leaves the spread as it was. A poll does not
   * overwrite a book a live stream keeps. */
  update(venue: string, symbol: string, book: BookTop, source: BookSource): void {
    const key = `${venue}\u0000${symbol}`;
    if (source === 'stream') this.streamed.add(key);
    else if (this.streamed.has(key)) return;
    const [bid, bidQty] = book.bids[0] ?? [];
    const [ask, askQty] = book.asks[0] ?? [];
    if (bidQty !== undefined) this.depth.child([venue, symbol, 'bid']).value = bidQty;
    if (askQty !== undefined) this.depth.child([venue, symbol, 'ask']).value = askQty;
    if (bid !== undefined && ask !== undefined && bid > 0 && ask > 0) {
      this.spread.child([venue, symbol]).value = (ask - bid) / ((ask + bid) / 2);
    }
  }

  /** The stream of this venue and symbol was lost: polls keep the book again. */
  streamLost(venue: string, symbol: string): void {
    this.streamed.delete(`${venue}\u0000${symbol}`);
  }

  removeVenue(venue: string): void {
    this.spread.removeWhere('venue', venue);
    this.depth.removeWhere('venue', venue);
    for (const key of this.streamed) if (key.startsWith(`${venue}\u0000`)) this.streamed.delete(key);
  }

  families(): MetricFamily[] {
    return [this.spread.family(), this.depth.family()];
  }
}
