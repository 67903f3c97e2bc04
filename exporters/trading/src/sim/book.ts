// The simulated desk's book: positions and P&L that follow the fills, and the portfolio value reported
// in balance snapshots. Strategies earn a small edge per fill (mean 6 bp of notional) so the book drifts
// slowly upward with noise instead of bleeding fees forever; the drawdown incident subtracts its loss.
import type { Random } from './random.js';

export interface Position {
  venue: string;
  symbol: string;
  strategy: string;
  quantity: number;
  avgPrice: number;
  realizedPnl: number;
}

export class Book {
  readonly positions = new Map<string, Position>();
  private fees = 0;
  private edge = 0;

  constructor(readonly initialEquity: number) {}

  position(venue: string, symbol: string, strategy: string): Position {
    const key = `${venue}|${symbol}|${strategy}`;
    let p = this.positions.get(key);
    if (!p) this.positions.set(key, (p = { venue, symbol, strategy, quantity: 0, avgPrice: 0, realizedPnl: 0 }));
    return p;
  }

  /** Applies a fill: +qty for buys, −qty for sells. */
  fill(rng: Random, p: Position, signedQty: number, price: number, fee: number): void {
    const q = p.quantity;
    if (q === 0 || Math.sign(q) === Math.sign(signedQty)) {
      p.avgPrice = (p.avgPrice * Math.abs(q) + price * Math.abs(signedQty)) / (Math.abs(q) + Math.abs(signedQty));
      p.quantity = q + signedQty;
    } else {
      const closing = Math.min(Math.abs(signedQty), Math.abs(q));
      p.realizedPnl += closing * (price - p.avgPrice) * Math.sign(q);
      p.quantity = q + signedQty;
      if (Math.abs(signedQty) > Math.abs(q)) p.avgPrice = price;
      if (Math.abs(p.quantity) < 1e-12) {
        p.quantity = 0;
        p.avgPrice = 0;
      }
    }
    this.fees += fee;
    this.edge += Math.abs(signedQty) * price * rng.normal(6e-4, 3e-4);
  }

  unrealized(p: Position, mark: number): number {
    return p.quantity === 0 ? 0 : (mark - p.avgPrice) * p.quantity;
  }

  /** Equity before incident losses. */
  equity(mark: (symbol: string) => number): number {
    let pnl = this.edge - this.fees;
    for (const p of this.positions.values()) pnl += p.realizedPnl + this.unrealized(p, mark(p.symbol));
    return this.initialEquity + pnl;
  }

  /** Notional of one strategy's position on one venue, without creating it (inventory control). */
  positionNotional(venue: string, symbol: string, strategy: string, mark: number): number {
    return (this.positions.get(`${venue}|${symbol}|${strategy}`)?.quantity ?? 0) * mark;
  }

  /** Net position notional of a symbol across venues and strategies (inventory control). */
  netNotional(symbol: string, mark: number): number {
    let n = 0;
    for (const p of this.positions.values()) if (p.symbol === symbol) n += p.quantity * mark;
    return n;
  }
}
