// Top of the order book of each polled venue and symbol: relative spread and the quantity at the best bid
// and ask, from the background fetchOrderBook polls. Only the symbols given with --exchange, so bounded.
import type { MetricFamily } from '@vigil/exporter-kit';
import { GaugeVec } from '../metrics/series.js';

export interface BookTop {
  bids: ReadonlyArray<ReadonlyArray<number | undefined>>;
  asks: ReadonlyArray<ReadonlyArray<number | undefined>>;
}

export class BookMetrics {
  readonly spread = new GaugeVec('trading_spread_ratio', 'Best ask minus best bid over their midpoint, from the latest background order-book poll.', [
    'venue',
    'symbol',
  ]);
  readonly depth = new GaugeVec(
    'trading_top_of_book_depth',
    'Quantity (base asset units) at the best bid and ask, from the latest background order-book poll.',
    ['venue', 'symbol', 'side'],
  );

  /** Records a book; a one-sided or crossed-out (empty) book leaves the spread as it was. */
  update(venue: string, symbol: string, book: BookTop): void {
    const [bid, bidQty] = book.bids[0] ?? [];
    const [ask, askQty] = book.asks[0] ?? [];
    if (bidQty !== undefined) this.depth.child([venue, symbol, 'bid']).value = bidQty;
    if (askQty !== undefined) this.depth.child([venue, symbol, 'ask']).value = askQty;
    if (bid !== undefined && ask !== undefined && bid > 0 && ask > 0) {
      this.spread.child([venue, symbol]).value = (ask - bid) / ((ask + bid) / 2);
    }
  }

  families(): MetricFamily[] {
    return [this.spread.family(), this.depth.family()];
  }
}
